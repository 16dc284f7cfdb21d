package io.vigil.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.fhir.FhirJson;
import io.vigil.fhir.OfflineValidator;
import io.vigil.server.BedsideContract;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * HL7 v2 / IHE PCD-01 through the real surfaces: an ORU^R01 over a real MLLP socket and over POST /api/v1/hl7,
 * the ACK checked, the readings read back through /fhir and validated against their profiles offline, refusals
 * found in the dead-letter list. Subclasses pick H2 or PostgreSQL.
 */
@TestPropertySource(properties = {"vigil.hl7.port=0", "vigil.hl7.max-frame-bytes=16384", "vigil.hl7.max-connections=4"})
abstract class Hl7Contract extends BedsideContract {
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneOffset.UTC);

    @Autowired
    MllpListener mllp;
    @Autowired
    JdbcTemplate jdbc;

    /** The monitor's EUI-64: the id it is registered with in Vigil, and its OBX-18 equipment identifier. */
    String eui64;
    String mrn;
    VigilClient admin;

    @BeforeEach
    void monitorWithEui64() {
        admin = ward.admin();
        eui64 = HexFormat.of().withUpperCase().formatHex(new Random().ints(8, 0, 256)
                .collect(java.io.ByteArrayOutputStream::new, java.io.ByteArrayOutputStream::write, (a, b) -> { }).toByteArray());
        ward.device(eui64, "vital-signs-monitor");
        ward.assign(eui64, patient, Instant.now().minus(1, ChronoUnit.DAYS), null);
        mrn = admin.get("/api/v1/patients/" + patient).json().get("mrn").asText();
    }

    /** A PCD-01 ORU^R01 in the shape of the IHE PCD Technical Framework examples, readings a minute old. */
    String oru(String controlId, String pidMrn) {
        String now = DTM.format(Instant.now().minusSeconds(60));
        return String.join("\r",
                "MSH|^~\\&|MONITOR^" + eui64 + "^EUI-64|WARD-A|VIGIL|VIGIL|" + now + "||ORU^R01^ORU_R01|" + controlId
                        + "|P|2.6|||NE|AL||UNICODE UTF-8|||IHE PCD ORU-R01 2006^HL7^2.16.840.1.113883.9.n.m^HL7",
                "PID|||" + pidMrn + "^^^VIGIL^MR",
                "OBR|1|" + controlId + "^MONITOR^" + eui64 + "^EUI-64||182777000^monitoring of patient^SCT|||" + now,
                "OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||" + eui64 + "^EUI-64",
                "OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.1|121|266016^MDC_DIM_MMHG^MDC|||||F|||" + now,
                "OBX|3|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.1.1.2|79|266016^MDC_DIM_MMHG^MDC|||||F|||" + now,
                "OBX|4|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.1.1.3|93|266016^MDC_DIM_MMHG^MDC|||||F|||" + now,
                "OBX|5|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|96|262688^MDC_DIM_PERCENT^MDC|||||F",
                "OBX|6|NM|147842^MDC_ECG_HEART_RATE^MDC|1.3.1.1|74|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||F",
                "OBX|7|NM|150344^MDC_TEMP^MDC|1.4.1.1|37.2|268192^MDC_DIM_DEGC^MDC|||||R|||||||||"
                        + "42859004^Tympanic membrane structure^SCT",
                "OBX|8|NM|150488^MDC_BLD_PERF_INDEX^MDC|1.2.1.2|0.9|262688^MDC_DIM_PERCENT^MDC|||||R") + "\r";
    }

    private static List<String> segments(String ack) {
        return List.of(ack.split("\r"));
    }

    private int stored() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM observation WHERE device_id = ?", Integer.class, eui64);
    }

    private JsonNode deadLetter(String code) {
        JsonNode letters = admin.get("/api/v1/dead-letters?limit=1000").json();
        return StreamSupport.stream(letters.spliterator(), false).filter(l -> code.equals(l.get("code").asText()))
                .filter(l -> l.get("payload").asText().contains(eui64)).findFirst().orElse(null);
    }

    @Test
    void mllp_pcd01_aaOnlyAfterStored_observationsValidateAgainstVitalSignsProfiles() {
        String ack;
        try (MllpClient sender = new MllpClient(mllp.port())) {
            ack = sender.send(oru("CTRL-1", mrn));
        }
        assertThat(segments(ack).get(0)).startsWith("MSH|^~\\&|VIGIL|VIGIL|MONITOR|WARD-A|").contains("|ACK^R01^ACK|");
        assertThat(segments(ack).get(1)).startsWith("MSA|AA|CTRL-1|Stored 4 reading(s); passed over 1: OBX[8]");
        // No waiting: the AA means the rows are committed.
        assertThat(stored()).isEqualTo(4);

        VigilClient.Response search = clinician.get("/fhir/Observation?device=" + eui64, "application/fhir+json");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        Bundle bundle = FhirJson.parse(Bundle.class, search.body());
        assertThat(bundle.getEntry()).hasSize(4);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Observation observation = (Observation) entry.getResource();
            assertThat(OfflineValidator.errors(observation)).as(observation.getCode().getCodingFirstRep().getCode()).isEmpty();
            assertThat(observation.getSubject().getReference()).isEqualTo("Patient/" + patient);
        }
        Observation bp = bundle.getEntry().stream().map(e -> (Observation) e.getResource())
                .filter(o -> o.getCode().getCoding().stream().anyMatch(c -> "85354-9".equals(c.getCode()))).findFirst().orElseThrow();
        assertThat(bp.getComponent()).anySatisfy(c -> {
            assertThat(c.getCode().getCoding()).extracting(Coding::getCode).contains("8480-6");
            assertThat(c.getValueQuantity().getValue().doubleValue()).isEqualTo(121);
            assertThat(c.getValueQuantity().getCode()).isEqualTo("mm[Hg]");
        });
        Observation temperature = bundle.getEntry().stream().map(e -> (Observation) e.getResource())
                .filter(o -> o.getCode().getCoding().stream().anyMatch(c -> "8310-5".equals(c.getCode()))).findFirst().orElseThrow();
        assertThat(temperature.getBodySite().getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
        assertThat(temperature.getBodySite().getCodingFirstRep().getCode()).as("OBX-20").isEqualTo("42859004");
    }

    @Test
    void http_post_aa200_retryOfTheSameMessageIsIdempotent() {
        String message = oru("CTRL-HTTP", mrn);
        VigilClient.Response first = admin.post("/api/v1/hl7", message.getBytes(StandardCharsets.UTF_8), "application/hl7-v2");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/hl7-v2");
        assertThat(segments(first.body()).get(1)).startsWith("MSA|AA|CTRL-HTTP|Stored 4 reading(s)");
        VigilClient.Response retry = admin.post("/api/v1/hl7", message.getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(segments(retry.body()).get(1)).contains("(4 already stored)");
        assertThat(stored()).isEqualTo(4);
    }

    @Test
    void http_integrationServiceAccount_mayPostHl7() {
        String name = "hl7-engine-" + eui64.substring(0, 6).toLowerCase(java.util.Locale.ROOT);
        String password = "interface-engine-" + eui64;
        VigilClient.Response created = admin.post("/api/v1/users", java.util.Map.of("username", name,
                "displayName", "Interface engine", "password", password, "roles", List.of("integration")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        VigilClient engine = VigilClient.user(httpPort, name, password);
        VigilClient.Response answer = engine.post("/api/v1/hl7", oru("CTRL-ENGINE", mrn).getBytes(StandardCharsets.UTF_8),
                "application/hl7-v2");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(segments(answer.body()).get(1)).startsWith("MSA|AA|CTRL-ENGINE|Stored 4 reading(s)");
        assertThat(stored()).isEqualTo(4);
    }

    @Test
    void unknownEquipment_aeWithErr_andDeadLetter() {
        String message = oru("CTRL-UNK", mrn).replace(eui64, "FFEEDDCCBBAA0099");
        String ack;
        try (MllpClient sender = new MllpClient(mllp.port())) {
            ack = sender.send(message);
        }
        assertThat(segments(ack).get(1)).startsWith("MSA|AE|CTRL-UNK|Equipment FFEEDDCCBBAA0099 is not a registered device");
        assertThat(segments(ack).get(2)).startsWith("ERR||OBX^1^18|204^Unknown key identifier^HL70357|E|VIGIL-1400^^99VIGIL");
        JsonNode letters = admin.get("/api/v1/dead-letters?device=FFEEDDCCBBAA0099").json();
        assertThat(letters).anySatisfy(l -> {
            assertThat(l.get("code").asText()).isEqualTo("VIGIL-1400");
            assertThat(l.get("transport").asText()).isEqualTo("HL7");
            assertThat(l.get("topic").asText()).startsWith("mllp://127.0.0.1");
        });
    }

    @Test
    void wrongUnit_aeNamesTheObxField_nothingStored_deadLetterKept() {
        String message = oru("CTRL-UNIT", mrn).replace("96|262688^MDC_DIM_PERCENT^MDC", "96|266016^MDC_DIM_MMHG^MDC");
        VigilClient.Response answer = admin.post("/api/v1/hl7", message.getBytes(StandardCharsets.UTF_8), "application/hl7-v2");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(segments(answer.body()).get(1)).startsWith("MSA|AE|CTRL-UNIT|OBX[5]-6 of MDC_PULS_OXIM_SAT_O2");
        assertThat(segments(answer.body()).get(2)).startsWith("ERR||OBX^5^6|102^Data type error^HL70357|E|VIGIL-1003");
        assertThat(stored()).isZero();
        assertThat(deadLetter("VIGIL-1003")).isNotNull();
    }

    @Test
    void pidNamingAnotherPatient_storedForTheAssignedPatient_mismatchKept() {
        String ack;
        try (MllpClient sender = new MllpClient(mllp.port())) {
            ack = sender.send(oru("CTRL-PID", "SOMEONE-ELSE"));
        }
        assertThat(segments(ack).get(1)).startsWith("MSA|AA|CTRL-PID|").contains("PID-3 names a patient other than");
        assertThat(jdbc.queryForList("SELECT DISTINCT patient_id FROM observation WHERE device_id = ?", String.class, eui64))
                .containsExactly(patient);
        JsonNode mismatch = deadLetter("VIGIL-1401");
        assertThat(mismatch).isNotNull();
        assertThat(mismatch.get("reason").asText()).doesNotContain("SOMEONE-ELSE").doesNotContain(mrn);
    }

    @Test
    void severalMessagesOnOneConnection_eachAnsweredInOrder() {
        try (MllpClient sender = new MllpClient(mllp.port())) {
            for (int i = 0; i < 3; i++) {
                assertThat(segments(sender.send(oru("CTRL-SEQ-" + i, mrn))).get(1)).startsWith("MSA|AA|CTRL-SEQ-" + i + "|");
            }
        }
        assertThat(stored()).isEqualTo(12);
    }

    @Test
    void notHl7_arOverMllp_andConnectionStaysUsable() {
        try (MllpClient sender = new MllpClient(mllp.port())) {
            String ack = sender.send("GET / HTTP/1.1");
            assertThat(segments(ack).get(1)).startsWith("MSA|AR||");
            assertThat(ack).contains("VIGIL-1030");
            assertThat(segments(sender.send(oru("CTRL-AFTER", mrn))).get(1)).startsWith("MSA|AA|CTRL-AFTER|");
        }
    }

    @Test
    void oversizedFrame_arThenDisconnected() {
        byte[] big = new byte[20_000];
        java.util.Arrays.fill(big, (byte) 'A');
        big[0] = MllpFrames.START;
        try (MllpClient sender = new MllpClient(mllp.port())) {
            String ack = sender.sendRaw(big);
            assertThat(segments(ack).get(1)).startsWith("MSA|AR|");
            assertThat(ack).contains("VIGIL-1403");
            assertThat(sender.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsBeyondTheLimit_areClosed_theOthersServed() {
        List<MllpClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                MllpClient sender = new MllpClient(mllp.port());
                open.add(sender);
                assertThat(segments(sender.send(oru("CTRL-C" + i, mrn))).get(1)).startsWith("MSA|AA|");
            }
            try (MllpClient fifth = new MllpClient(mllp.port())) {
                assertThat(fifth.closedByServer()).isTrue();
            }
        } finally {
            open.forEach(MllpClient::close);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            try (MllpClient again = new MllpClient(mllp.port())) {
                assertThat(segments(again.send(oru("CTRL-AGAIN", mrn))).get(1)).startsWith("MSA|AA|CTRL-AGAIN|");
            }
        });
    }

    @Test
    void http_clinicianMayNotPostHl7_andWrongContentTypeIs415() {
        byte[] message = oru("CTRL-SEC", mrn).getBytes(StandardCharsets.UTF_8);
        assertThat(clinician.post("/api/v1/hl7", message, "application/hl7-v2").status()).isEqualTo(403);
        // Without credentials: 401, or 403 from the CSRF check that guards requests without an Authorization header.
        assertThat(VigilClient.anonymous(httpPort).post("/api/v1/hl7", message, "application/hl7-v2").status()).isIn(401, 403);
        VigilClient.Response json = admin.post("/api/v1/hl7", message, "application/json");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.body()).contains("VIGIL-1405");
        assertThat(stored()).isZero();
    }
}
