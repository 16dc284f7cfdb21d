package io.vigil.server.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.analytics.glucose.CgmReading;
import io.vigil.analytics.glucose.GlucoseSummary;
import io.vigil.analytics.glucose.GlucoseSummaryCalculator;
import io.vigil.fhir.FhirJson;
import io.vigil.fhir.OfflineValidator;
import io.vigil.server.BedsideContract;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.junit.jupiter.api.Test;

/**
 * NEWS2 and the CGM glucose summary end to end: readings sent through the device HTTP endpoint, scores read
 * over REST and FHIR by the ward's users. Subclasses pick H2 or PostgreSQL.
 */
abstract class ClinicalScoresContract extends BedsideContract {

    @Test
    void news2_deterioratingPatient_scoresHigh() {
        Instant now = Instant.now();
        // 50 minutes ago all was well; two minutes ago (RCP Chart 1): RR 26 →3, SpO2 91 →3, oxygen →2,
        // SBP 88 →3, pulse 124 →2, V →3, 39.4 °C →2 = 18.
        send(now.minus(Duration.ofMinutes(50)), Map.of("respiratory-rate", 16, "spo2", 97, "supplemental-oxygen", 0,
                "blood-pressure", Map.of("systolic", 125, "diastolic", 80), "heart-rate", 72, "consciousness", "A",
                "body-temperature", 36.8));
        send(now.minus(Duration.ofMinutes(2)), Map.of("respiratory-rate", 26, "spo2", 91, "supplemental-oxygen", 2,
                "blood-pressure", Map.of("systolic", 88, "diastolic", 50), "heart-rate", 124, "consciousness", "V",
                "body-temperature", 39.4));

        JsonNode score = ok(caregiver.get(news2()));

        assertThat(score.get("total").asInt()).isEqualTo(18);
        assertThat(score.get("complete").asBoolean()).isTrue();
        assertThat(score.get("band").asText()).isEqualTo("high");
        assertThat(score.get("singleParameterThree").asBoolean()).isTrue();
        assertThat(score.get("monitoring").asText()).isEqualTo("continuous");
        assertThat(score.get("response").asText()).endsWith("Not for clinical use.");
        assertThat(score.get("subscores").get("respiratory-rate").asInt()).isEqualTo(3);
        assertThat(score.get("subscores").get("air-or-oxygen").asInt()).isEqualTo(2);
        assertThat(score.get("missing")).isEmpty();
        String heartRate = score.get("basis").get("heart-rate").asText();
        assertThat(ok(caregiver.get("/api/v1/patients/" + patient + "/latest")).findValues("observation"))
                .extracting(JsonNode::asText).contains(heartRate);
    }

    @Test
    void fhirRiskAssessment_currentNews2WithObservationsAsBasis_validates() {
        send(Instant.now().minus(Duration.ofMinutes(2)), Map.of("respiratory-rate", 26, "spo2", 91, "supplemental-oxygen", 2,
                "blood-pressure", Map.of("systolic", 88, "diastolic", 50), "heart-rate", 124, "consciousness", "V",
                "body-temperature", 39.4));

        VigilClient.Response read = clinician.get("/fhir/RiskAssessment/news2-" + patient);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        RiskAssessment risk = FhirJson.context().newJsonParser().parseResource(RiskAssessment.class, read.body());

        assertThat(OfflineValidator.errors(risk)).isEmpty();
        assertThat(risk.getStatus()).isEqualTo(RiskAssessment.RiskAssessmentStatus.FINAL);
        assertThat(risk.getCode().getCodingFirstRep().getCode()).isEqualTo("1104051000000101");
        assertThat(risk.getSubject().getReference()).isEqualTo("Patient/" + patient);
        assertThat(risk.getBasis()).hasSize(7).allMatch(b -> b.getReference().startsWith("Observation/"));
        for (var basis : risk.getBasis()) {
            assertThat(clinician.get("/fhir/" + basis.getReference()).status()).as(basis.getReference()).isEqualTo(200);
        }
        assertThat(risk.getPredictionFirstRep().getQualitativeRisk().getCodingFirstRep().getCode()).isEqualTo("high");
        assertThat(risk.getMitigation()).endsWith("Not for clinical use.");

        VigilClient.Response search = clinician.get("/fhir/RiskAssessment?patient=" + patient);
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        // the current score first, then the scores kept as the readings arrived (newest first)
        assertThat(search.json().get("entry").get(0).at("/resource/id").asText()).isEqualTo("news2-" + patient);
        assertThat(search.json().get("entry").size()).isGreaterThan(1);
        for (int i = 1; i < search.json().get("entry").size(); i++) {
            assertThat(search.json().get("entry").get(i).at("/resource/id").asText()).startsWith("news2h-");
        }
        assertThat(clinician.get("/fhir/RiskAssessment/news2-" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void news2_scale2ChosenByClinician_changesSaturationSubscore() {
        // SpO2 89 on 2 L/min: scale 1 scores 3; scale 2 (target 88–92) scores 0.
        send(Instant.now().minus(Duration.ofMinutes(1)), Map.of("respiratory-rate", 22, "spo2", 89,
                "supplemental-oxygen", 2, "blood-pressure", Map.of("systolic", 130, "diastolic", 80), "heart-rate", 88,
                "consciousness", "A", "body-temperature", 37.2));
        JsonNode scale1 = ok(clinician.get(news2()));
        assertThat(scale1.get("scale").asInt()).isEqualTo(1);
        assertThat(scale1.get("subscores").get("spo2").asInt()).isEqualTo(3);
        assertThat(scale1.get("total").asInt()).isEqualTo(7);

        VigilClient.Response chosen = clinician.put(scalePath(), Map.of("scale", 2));
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);

        JsonNode scale2 = ok(clinician.get(news2()));
        assertThat(scale2.get("scale").asInt()).isEqualTo(2);
        assertThat(scale2.get("subscores").get("spo2").asInt()).isZero();
        assertThat(scale2.get("total").asInt()).isEqualTo(4);
        assertThat(scale2.get("band").asText()).isEqualTo("low");
    }

    @Test
    void news2_missingParameters_listedAndNoBand() {
        send(Instant.now().minus(Duration.ofMinutes(1)), Map.of("heart-rate", 135, "spo2", 97));

        JsonNode score = ok(caregiver.get(news2()));

        assertThat(score.get("complete").asBoolean()).isFalse();
        assertThat(score.get("band").isNull()).isTrue();
        assertThat(score.get("total").asInt()).isEqualTo(3);
        assertThat(score.get("bandAtLeast").asText()).isEqualTo("low-medium");
        assertThat(score.get("missing")).extracting(JsonNode::asText).containsExactly("respiratory-rate",
                "air-or-oxygen", "systolic-bp", "consciousness", "body-temperature");
        assertThat(score.get("response").asText()).startsWith("Incomplete NEWS2");
    }

    @Test
    void news2Scale_onlyClinicianMayChoose() {
        assertThat(caregiver.put(scalePath(), Map.of("scale", 2)).status()).isEqualTo(403);
        assertThat(ward.admin().put(scalePath(), Map.of("scale", 2)).status()).isEqualTo(403);
        // without credentials the CSRF check refuses it first (403), as for every anonymous write
        assertThat(VigilClient.anonymous(httpPort).put(scalePath(), Map.of("scale", 2)).status()).isIn(401, 403);
        assertThat(clinician.put(scalePath(), Map.of("scale", 2)).status()).isEqualTo(200);
        assertThat(ok(caregiver.get(news2())).get("scale").asInt()).isEqualTo(2);
        assertThat(clinician.put(scalePath(), Map.of("scale", 1)).status()).isEqualTo(200);
        assertThat(ok(caregiver.get(news2())).get("scale").asInt()).isEqualTo(1);
    }

    @Test
    void news2Scale_notOneOrTwo_problem400() {
        VigilClient.Response refused = clinician.put(scalePath(), Map.of("scale", 3));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).startsWith("VIGIL-");
    }

    @Test
    void unknownPatient_404() {
        String unknown = "/api/v1/patients/" + UUID.randomUUID();
        assertThat(caregiver.get(unknown + "/news2").status()).isEqualTo(404);
        assertThat(caregiver.get(unknown + "/glucose-summary").status()).isEqualTo(404);
        assertThat(clinician.put(unknown + "/news2-scale", Map.of("scale", 2)).status()).isEqualTo(404);
    }

    @Test
    void glucoseSummary_ingestedCgmReadings_equalThePureCalculation() {
        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant from = to.minus(Duration.ofHours(3));
        double[] values = {48, 60, 72, 95, 130, 178, 181, 220, 250, 251, 310, 140, 66, 180, 70};
        List<CgmReading> readings = new ArrayList<>();
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Instant time = from.plus(Duration.ofMinutes(5L * i));
            readings.add(new CgmReading(time, values[i]));
            messages.add(Map.of("time", time.toString(), "values", Map.of("cgm-glucose", values[i])));
        }
        // one reading before the window, which must not count
        messages.add(Map.of("time", from.minusSeconds(60).toString(), "values", Map.of("cgm-glucose", 400)));
        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/measurements", messages);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        GlucoseSummary expected = new GlucoseSummaryCalculator(Duration.ofMinutes(5), ZoneOffset.UTC)
                .summarize(readings, from, to);

        JsonNode summary = ok(caregiver.get("/api/v1/patients/" + patient + "/glucose-summary?from=" + from + "&to=" + to));

        assertThat(summary.get("readings").asInt()).isEqualTo(15);
        assertThat(summary.get("daysWorn").asInt()).isEqualTo(expected.daysWorn());
        assertThat(summary.get("sensorActivePercent").asDouble()).isCloseTo(expected.sensorActivePercent(), within(1e-9));
        assertThat(summary.get("meanGlucose").asDouble()).isCloseTo(expected.meanGlucose(), within(1e-9));
        assertThat(summary.get("gmi").asDouble()).isCloseTo(expected.gmi(), within(1e-9));
        assertThat(summary.get("cv").asDouble()).isCloseTo(expected.cv(), within(1e-9));
        assertThat(summary.get("timeVeryLow").asDouble()).isCloseTo(expected.timeVeryLow(), within(1e-9));
        assertThat(summary.get("timeLow").asDouble()).isCloseTo(expected.timeLow(), within(1e-9));
        assertThat(summary.get("timeInRange").asDouble()).isCloseTo(expected.timeInRange(), within(1e-9));
        assertThat(summary.get("timeHigh").asDouble()).isCloseTo(expected.timeHigh(), within(1e-9));
        assertThat(summary.get("timeVeryHigh").asDouble()).isCloseTo(expected.timeVeryHigh(), within(1e-9));
        // by hand: 48 | 60 66 | 72 95 130 178 140 180 70 | 181 220 250 | 251 310 → 1, 2, 7, 3, 2 of 15
        assertThat(expected.timeInRange()).isCloseTo(700.0 / 15, within(1e-9));
    }

    @Test
    void glucoseSummary_fromAfterTo_problem400() {
        Instant now = Instant.now();
        VigilClient.Response refused = caregiver.get("/api/v1/patients/" + patient + "/glucose-summary?from="
                + now + "&to=" + now.minusSeconds(60));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(caregiver.get("/api/v1/patients/" + patient + "/glucose-summary?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void glucoseSummary_noReadings_defaultFourteenDaysAndEmpty() {
        JsonNode summary = ok(caregiver.get("/api/v1/patients/" + patient + "/glucose-summary"));

        assertThat(summary.get("readings").asInt()).isZero();
        assertThat(Duration.between(Instant.parse(summary.get("from").asText()), Instant.parse(summary.get("to").asText())))
                .isEqualTo(Duration.ofDays(14));
        assertThat(summary.get("meanGlucose").isNull()).isTrue();
    }

    private void send(Instant time, Map<String, Object> values) {
        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/measurements",
                Map.of("time", time.toString(), "values", values));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    }

    private static JsonNode ok(VigilClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String news2() {
        return "/api/v1/patients/" + patient + "/news2";
    }

    private String scalePath() {
        return "/api/v1/patients/" + patient + "/news2-scale";
    }
}
