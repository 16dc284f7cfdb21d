package io.vigil.server.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.BedsideContract;
import io.vigil.server.StepClock;
import io.vigil.server.VigilClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The rule sources end to end: a clinician's limit override over REST (validated, FHIR-visible as a Goal) used by
 * the running monitor from the next reading; scale 2 moving spo2-low; technical conditions from a BLE heart-rate
 * sensor-contact bit and from an implausible value; a rising respiratory rate; a CGM predicted low; the no-data
 * alarm on the step clock. Subclasses pick H2 or PostgreSQL.
 */
@Import(StepClock.InContext.class)

abstract class PatientRulesContract extends BedsideContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    StepClock clock;
    @Autowired
    NoDataWatch noData;

    Instant start;
    String limits;

    @BeforeEach
    void readingsFromNinetyMinutesAgo() {
        start = clock.instant().minus(90, ChronoUnit.MINUTES);
        limits = "/api/v1/patients/" + patient + "/limits";
    }

    @Test
    void limits_listedWithSource_overriddenValidatedUsedAndReset() {
        VigilClient.Response listed = clinician.get(limits);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json()).hasSize(9).allSatisfy(l -> assertThat(l.get("source").asText()).isEqualTo("default"));
        assertThat(listed.where("id", "heart-rate-high")).singleElement().satisfies(l -> {
            assertThat(l.get("threshold").asDouble()).isEqualTo(131);
            assertThat(l.get("unit").asText()).isEqualTo("/min");
            assertThat(l.get("direction").asText()).isEqualTo("high");
        });

        String heartRateHigh = limits + "/heart-rate-high";
        assertThat(code(clinician.put(heartRateHigh, Map.of("threshold", 500)), 400)).isEqualTo("VIGIL-1551");
        assertThat(code(clinician.put(heartRateHigh, Map.of()), 400)).isEqualTo("VIGIL-1551");
        assertThat(code(clinician.put(heartRateHigh, Map.of("threshold", 150, "hysteresis", -1)), 400)).isEqualTo("VIGIL-1552");
        assertThat(code(clinician.put(heartRateHigh, Map.of("threshold", 150, "duration", "PT2H")), 400)).isEqualTo("VIGIL-1553");
        assertThat(code(clinician.put(heartRateHigh, Map.of("threshold", 150, "duration", "soon")), 400)).isEqualTo("VIGIL-1553");
        assertThat(code(clinician.put(heartRateHigh, Map.of("threshold", 150, "priority", "urgent")), 400)).isEqualTo("VIGIL-1554");
        assertThat(code(clinician.put(limits + "/heart-rate-sky-high", Map.of("threshold", 150)), 404)).isEqualTo("VIGIL-1550");
        assertThat(caregiver.put(heartRateHigh, Map.of("threshold", 150)).status()).isEqualTo(403);
        assertThat(ward.admin().put(heartRateHigh, Map.of("threshold", 150)).status()).isEqualTo(403);
        assertThat(ward.admin().get(limits).status()).as("administrators see no clinical data").isEqualTo(404);
        String elsewhere = ward.patient("ward-z");
        assertThat(clinician.put("/api/v1/patients/" + elsewhere + "/limits/heart-rate-high", Map.of("threshold", 150))
                .status()).as("a patient the clinician may not see").isEqualTo(404);

        VigilClient.Response set = clinician.put(heartRateHigh,
                Map.of("threshold", 150, "hysteresis", 10, "duration", "PT0S", "priority", "medium"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("source").asText()).isEqualTo("override");
        assertThat(set.json().get("setBy").asText()).isEqualTo("clinician");
        assertThat(caregiver.get(limits).where("id", "heart-rate-high")).singleElement()
                .satisfies(l -> assertThat(l.get("threshold").asDouble()).isEqualTo(150));

        send(0, Map.of("heart-rate", 140));
        send(1, Map.of("heart-rate", 155));
        JsonNode alert = awaitAlert("heart-rate-high", a -> true);
        assertThat(alert.get("priority").asText()).isEqualTo("medium");
        assertThat(alert.get("firstValue").asDouble()).as("140 is inside the patient's limit").isEqualTo(155);

        assertThat(clinician.delete(heartRateHigh).status()).isEqualTo(204);
        assertThat(clinician.get(limits).where("id", "heart-rate-high")).singleElement().satisfies(l -> {
            assertThat(l.get("source").asText()).isEqualTo("default");
            assertThat(l.get("threshold").asDouble()).isEqualTo(131);
        });
    }

    @Test
    void override_isAFhirGoal_visibleOnlyToThoseWhoSeeThePatient() {
        assertThat(clinician.put(limits + "/spo2-low", Map.of("threshold", 85, "priority", "high")).status()).isEqualTo(200);

        VigilClient.Response searched = caregiver.get("/fhir/Goal?patient=" + patient, "application/fhir+json");
        assertThat(searched.status()).as(searched.body()).isEqualTo(200);
        JsonNode entries = searched.json().get("entry");
        assertThat(entries).hasSize(1);
        JsonNode goal = entries.get(0).get("resource");
        assertThat(goal.get("resourceType").asText()).isEqualTo("Goal");
        assertThat(goal.get("subject").get("reference").asText()).isEqualTo("Patient/" + patient);
        JsonNode target = goal.get("target").get(0);
        assertThat(target.get("measure").get("coding").get(0).get("code").asText()).isEqualTo("2708-6");
        assertThat(target.get("detailRange").get("low").get("value").asDouble()).isEqualTo(85);
        assertThat(target.get("detailRange").get("low").get("code").asText()).isEqualTo("%");
        assertThat(goal.get("expressedBy").get("display").asText()).isEqualTo("clinician");

        String id = goal.get("id").asText();
        assertThat(clinician.get("/fhir/Goal/" + id, "application/fhir+json").status()).isEqualTo(200);
        String elsewhere = ward.patient("ward-z");
        assertThat(clinician.get("/fhir/Goal?patient=" + elsewhere, "application/fhir+json").json().has("entry")).isFalse();
        assertThat(ward.admin().get("/fhir/Goal?patient=" + patient, "application/fhir+json").status()).isEqualTo(403);

        assertThat(clinician.delete(limits + "/spo2-low").status()).isEqualTo(204);
        assertThat(clinician.get("/fhir/Goal/" + id, "application/fhir+json").status()).isEqualTo(404);
    }

    @Test
    void scaleTwo_movesSpo2Low() {
        assertThat(clinician.put("/api/v1/patients/" + patient + "/news2-scale", Map.of("scale", 2)).status()).isEqualTo(200);
        assertThat(clinician.get(limits).where("id", "spo2-low")).singleElement().satisfies(l -> {
            assertThat(l.get("threshold").asDouble()).isEqualTo(83);
            assertThat(l.get("source").asText()).isEqualTo("scale-2");
        });

        send(0, Map.of("spo2", 88));
        send(1, Map.of("spo2", 83));

        JsonNode alert = awaitAlert("spo2-low", a -> true);
        assertThat(alert.get("firstValue").asDouble()).as("88 is on target on scale 2").isEqualTo(83);
    }

    @Test
    void technical_sensorContactBitAndImplausibleValue() {
        assertThat(gatt("2A37", "04 48").status()).isEqualTo(201);
        JsonNode off = awaitAlert("heart-rate-sensor-off", a -> true);
        assertThat(off.get("priority").asText()).isEqualTo("medium");
        assertThat(gatt("2A37", "06 48").status()).isEqualTo(201);
        awaitAlert("heart-rate-sensor-off", a -> a.get("state").asText().equals("resolved"));

        send(0, Map.of("spo2", 65));
        awaitAlert("spo2-implausible", a -> true);
    }

    @Test
    void technical_deviceClockBehind_afterThreeLateStampedReadings() {
        for (int i = 0; i < 3; i++) {
            assertThat(alerts()).noneMatch(a -> a.get("rule").asText().startsWith("clock-off-"));
            assertThat(gatt("2A5E", plxSpotCheck(clock.instant().minus(Duration.ofMinutes(20)).plusSeconds(i))).status())
                    .isEqualTo(201);
        }
        JsonNode off = awaitAlert("clock-off-" + deviceId, a -> true);
        assertThat(off.get("lastValue").asDouble()).as("offset in seconds").isGreaterThan(1190);

        assertThat(gatt("2A5E", plxSpotCheck(clock.instant())).status()).isEqualTo(201);
        awaitAlert("clock-off-" + deviceId, a -> a.get("state").asText().equals("resolved"));
    }

    /** PLX Spot-check Measurement (0x2A5E) with a time stamp: SpO2 97 %, pulse 72 /min. */
    private static String plxSpotCheck(Instant deviceTime) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(deviceTime, java.time.ZoneOffset.UTC);
        return String.format("01 6100 4800 %02x%02x %02x %02x %02x %02x %02x", t.getYear() & 0xFF, t.getYear() >> 8,
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    }

    @Test
    void trendAndPredictedLow() {
        for (int i = 0; i <= 4; i++) {
            send(600 * i, Map.of("respiratory-rate", 16 + i));
        }
        awaitAlert("respiratory-rate-rising", a -> true);

        double[] cgm = {150, 144, 138, 115, 100};
        for (int i = 0; i < cgm.length; i++) {
            send(3000 + 300 * i, Map.of("cgm-glucose", cgm[i]));
        }
        JsonNode low = awaitAlert("glucose-predicted-low", a -> true);
        assertThat(low.get("firstValue").asDouble()).isLessThan(70);
    }

    @Test
    void noData_raisedWhenTheMonitorFallsSilent_clearedWhenItSendsAgain() {
        noData.check();
        clock.advance(Duration.ofMinutes(4));
        noData.check();
        assertThat(alerts()).noneMatch(a -> a.get("rule").asText().startsWith("no-data-"));

        clock.advance(Duration.ofMinutes(2));
        noData.check();
        JsonNode raised = awaitAlert("no-data-" + deviceId, a -> true);
        assertThat(raised.get("priority").asText()).isEqualTo("medium");

        send(0, Map.of("heart-rate", 70));
        awaitAlert("no-data-" + deviceId, a -> a.get("state").asText().equals("resolved"));
    }

    private VigilClient.Response gatt(String uuid, String hex) {
        return device.post("/api/v1/devices/" + deviceId + "/ble/" + uuid, HexFormat.of().parseHex(hex.replace(" ", "")),
                "application/octet-stream");
    }

    private void send(int second, Map<String, Object> values) {
        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/measurements",
                Map.of("time", start.plusSeconds(second).toString(), "values", values));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    }

    private static String code(VigilClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json().get("code").asText();
    }

    /** Waits until the patient has an alert of this rule that matches; returns it. */
    private JsonNode awaitAlert(String rule, Predicate<JsonNode> matches) {
        await().atMost(WAIT).until(() -> alerts().stream()
                .anyMatch(a -> a.get("rule").asText().equals(rule) && matches.test(a)));
        return alerts().stream().filter(a -> a.get("rule").asText().equals(rule) && matches.test(a)).findFirst()
                .orElseThrow();
    }

    private List<JsonNode> alerts() {
        VigilClient.Response listed = clinician.get("/api/v1/alerts?patient=" + patient);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        listed.json().forEach(alerts::add);
        return alerts;
    }
}
