package io.vigil.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Outbound ORU^R01 against a real MLLP receiver that rejects first deliveries: each reading arrives (retried after
 * AR) with the patient's MRN, MDC and LOINC codes and UCUM units; a receiver that keeps refusing puts the message
 * on the dead-letter list after the configured attempts.
 */
class Hl7OutboundIT extends BedsideContract {
    private static final ReceivingSystem EHR = new ReceivingSystem();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("vigil.hl7.outbound.enabled", () -> "true");
        registry.add("vigil.hl7.outbound.host", () -> "127.0.0.1");
        registry.add("vigil.hl7.outbound.port", EHR::port);
        registry.add("vigil.hl7.outbound.backoff", () -> "50ms");
        registry.add("vigil.hl7.outbound.max-attempts", () -> "3");
        registry.add("vigil.hl7.outbound.ack-timeout", () -> "5s");
    }

    @AfterAll
    static void stopReceiver() throws IOException {
        EHR.close();
    }

    @Test
    void newReading_isSentAsPcd01OruAndRetriedAfterAr() {
        String mrn = ward.admin().get("/api/v1/patients/" + patient).json().get("mrn").asText();
        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/measurements",
                Map.of("id", "out-1", "time", Instant.now().minusSeconds(30).toString(),
                        "values", Map.of("spo2", 95, "blood-pressure", Map.of("systolic", 118, "diastolic", 76))));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        String pid = "\rPID|||" + mrn + "^^^VIGIL^MR\r";
        await().atMost(Duration.ofSeconds(30)).until(() -> EHR.received().stream().filter(m -> m.contains(pid)).count() == 4);
        List<String> messages = EHR.received().stream().filter(m -> m.contains(pid)).toList();
        // Each of the two readings twice: AR the first time, AA the second.
        assertThat(messages.stream().distinct()).hasSize(2);
        String spo2 = messages.stream().filter(m -> m.contains("150456^MDC_PULS_OXIM_SAT_O2^MDC^2708-6")).findFirst().orElseThrow();
        assertThat(spo2).startsWith("MSH|^~\\&|VIGIL|VIGIL|||").contains("|ORU^R01^ORU_R01|")
                .contains("|95|%^%^UCUM|||||F|||").contains("||||" + deviceId + "^VIGIL\r");
        String bp = messages.stream().filter(m -> m.contains("MDC_PRESS_BLD_NONINV_SYS")).findFirst().orElseThrow();
        assertThat(bp).contains("OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC^8480-6^Systolic blood pressure^LN|1.1.1.1|118|mm[Hg]^mm[Hg]^UCUM")
                .contains("OBX|2|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC^8462-4");
        assertThat(deadLetters(deviceId)).isEmpty();
    }

    @Test
    void bleReadings_carryTheirStatusNotesAsNteAndTheBodySiteInObx20_overMllp() {
        String mrn = ward.admin().get("/api/v1/patients/" + patient).json().get("mrn").asText();
        // Blood Pressure Measurement, flags 0x10 (mmHg, measurement status): 120/80/93 mmHg (SFLOAT, exponent 0),
        // status bits 0 (body movement) and 2 (irregular pulse).
        byte[] bloodPressure = {0x10, 120, 0, 80, 0, 93, 0, 0x05, 0x00};
        // Temperature Measurement, flags 0x04 (Celsius, type present): 37.2 °C (FLOAT 372e-1), type 7 = rectum.
        byte[] temperature = {0x04, 0x74, 0x01, 0x00, (byte) 0xFF, 0x07};
        for (Map.Entry<String, byte[]> value : Map.of("2A35", bloodPressure, "2A1C", temperature).entrySet()) {
            VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/ble/" + value.getKey(),
                    value.getValue(), "application/octet-stream");
            assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        }
        String pid = "\rPID|||" + mrn + "^^^VIGIL^MR\r";
        // Two readings (the BP panel, the temperature), each sent twice: AR the first time, AA the second.
        await().atMost(Duration.ofSeconds(30)).until(() -> EHR.received().stream().filter(m -> m.contains(pid)).count() == 4);
        List<String> messages = EHR.received().stream().filter(m -> m.contains(pid)).distinct().toList();

        String bp = messages.stream().filter(m -> m.contains("MDC_PRESS_BLD_NONINV_SYS")).findFirst().orElseThrow();
        assertThat(bp).contains("\rNTE|1|L|body movement detected\rNTE|2|L|irregular pulse detected\rOBX|1|NM|150021^");
        String temp = messages.stream().filter(m -> m.contains("^8310-5^")).findFirst().orElseThrow();
        assertThat(temp).contains("|37.2|Cel^Cel^UCUM|")
                .contains("||||" + deviceId + "^VIGIL||34402009^Rectum structure (body structure)^SCT\rNTE|1|L|temperature type: rectum\r");
        assertThat(deadLetters(deviceId)).isEmpty();
    }

    @Test
    void receiverThatKeepsRefusing_messageGoesToDeadLettersAfterMaxAttempts() {
        String nakMrn = "NAK-" + UUID.randomUUID().toString().substring(0, 8);
        VigilClient.Response created = ward.admin().post("/api/v1/patients", Map.of("mrn", nakMrn,
                "name", Map.of("given", "Test", "family", "Refused"), "birthDate", "1950-01-01", "sex", "male", "unit", "ward-a"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String nakDevice = "mon-nak-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = ward.device(nakDevice, "vital-signs-monitor");
        ward.assign(nakDevice, created.json().get("id").asText(), Instant.now().minus(1, ChronoUnit.DAYS), null);
        VigilClient.Response stored = VigilClient.device(httpPort, secret).post("/api/v1/devices/" + nakDevice + "/measurements",
                Map.of("id", "nak-1", "values", Map.of("heart-rate", 77)));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters(nakDevice).isEmpty());
        JsonNode letter = deadLetters(nakDevice).getFirst();
        assertThat(letter.get("code").asText()).isEqualTo("VIGIL-1404");
        assertThat(letter.get("transport").asText()).isEqualTo("HL7");
        assertThat(letter.get("reason").asText()).contains("AR busy, try again");
        assertThat(letter.get("payload").asText()).contains("\rPID|||" + nakMrn + "^^^VIGIL^MR\r");
        assertThat(EHR.received().stream().filter(m -> m.contains("PID|||" + nakMrn))).hasSize(3);
    }

    private List<JsonNode> deadLetters(String device) {
        JsonNode letters = ward.admin().get("/api/v1/dead-letters?device=" + device).json();
        return StreamSupport.stream(letters.spliterator(), false).toList();
    }
}
