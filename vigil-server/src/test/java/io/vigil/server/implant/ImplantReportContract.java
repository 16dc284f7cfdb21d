package io.vigil.server.implant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.BedsideContract;
import io.vigil.server.VigilClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Implant interrogation reports end to end over HTTP: an ICD's report is stored for the patient it is assigned to,
 * raises the battery, lead, shock and AF-burden alerts, is listed for those who may see the patient, and a later
 * report clears what is over; bad reports are refused with a code and kept as dead letters. Home diagnostics go
 * through the device JSON like any reading. Subclasses pick H2 or PostgreSQL.
 */
abstract class ImplantReportContract extends BedsideContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    String icd;
    VigilClient implant;
    Instant now;

    @BeforeEach
    void icdAssigned() {
        icd = "icd-" + UUID.randomUUID().toString().substring(0, 8);
        implant = VigilClient.device(httpPort, ward.device(icd, "icd"));
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ward.assign(icd, patient, now.minus(1, ChronoUnit.DAYS), null);
    }

    @Test
    void icdReport_storedListedAlertsRaisedThenClearedByTheNextReport() {
        String first = report("r-1", now.minusSeconds(600), "eri", 2.61, 2400, 2, 18.5);

        VigilClient.Response stored = post(first);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().get("patient").asText()).isEqualTo(patient);
        assertThat(post(first).status()).as("a retry with the same id stores nothing new").isEqualTo(200);

        await().atMost(WAIT).until(() -> openImplantAlerts().size() == 4);
        Map<String, JsonNode> alerts = byRule(openImplantAlerts());
        assertThat(alerts.get("implant-battery-eri").get("category").asText()).isEqualTo("technical");
        assertThat(alerts.get("implant-lead-impedance").get("lastValue").asDouble()).isEqualTo(2400);
        assertThat(alerts.get("implant-lead-impedance").get("priority").asText()).isEqualTo("high");
        assertThat(alerts.get("implant-shock").get("lastValue").asDouble()).isEqualTo(2);
        assertThat(alerts.get("implant-af-burden").get("lastValue").asDouble()).isEqualTo(18.5);

        JsonNode listed = clinician.get("/api/v1/patients/" + patient + "/implant-reports").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).at("/report/device/kind").asText()).isEqualTo("icd");
        assertThat(listed.get(0).at("/report/leads/1/impedance").asDouble()).isEqualTo(2400);
        assertThat(caregiver.get("/api/v1/patients/" + patient + "/implant-reports").status()).isEqualTo(200);
        VigilClient.Response fhir = clinician.get("/api/v1/patients/" + patient + "/implant-reports/"
                + listed.get(0).get("id").asText() + "/fhir");
        assertThat(fhir.status()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.contentType()).startsWith("application/fhir+json");
        assertThat(fhir.json().get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(fhir.body()).contains("\"DiagnosticReport\"", "\"ICD-0042\"", "lead-impedance");
        assertThat(clinician.get("/api/v1/patients/" + patient + "/implant-reports/nope/fhir").status()).isEqualTo(404);
        assertThat(ward.admin().get("/api/v1/patients/" + patient + "/implant-reports").status())
                .as("administrators see no clinical data").isEqualTo(404);

        VigilClient.Response second = post(report("r-2", now.minusSeconds(60), "ok", 3.1, 650, 0, 3.0));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        await().atMost(WAIT).until(() -> byRule(openImplantAlerts()).keySet().equals(java.util.Set.of("implant-shock")));
        assertThat(clinician.get("/api/v1/patients/" + patient + "/implant-reports?limit=1").json().get(0)
                .at("/report/id").asText()).isEqualTo("r-2");
    }

    @Test
    void badReports_refusedWithACode_andKeptAsDeadLetters() {
        assertRefused(implant.post(path(), "{not json", "application/json"), 422, "VIGIL-1660");
        assertRefused(post("{\"interrogatedAt\": \"" + now + "\", \"device\": {\"kind\": \"icd\"}}"), 422, "VIGIL-1661");
        assertRefused(post("{\"interrogatedAt\": \"" + now + "\", \"device\": {\"kind\": \"toaster\", \"serial\": \"1\"}}"),
                422, "VIGIL-1662");
        assertRefused(post(report(null, now, "ok", 3.0, 500, 0, 150.0)), 422, "VIGIL-1663");
        assertRefused(post(report(null, now.minus(3, ChronoUnit.DAYS), "ok", 3.0, 500, 0, 1.0)), 422, "VIGIL-1664");
        assertRefused(VigilClient.device(httpPort, "wrong-secret").post(path(), report(null, now, "ok", 3.0, 500, 0, 1.0),
                "application/json"), 401, "VIGIL-1101");

        List<String> codes = new ArrayList<>();
        ward.admin().get("/api/v1/dead-letters?device=" + icd).json().forEach(d -> codes.add(d.get("code").asText()));
        assertThat(codes).contains("VIGIL-1660", "VIGIL-1661", "VIGIL-1662", "VIGIL-1663", "VIGIL-1664", "VIGIL-1101");
        assertThat(clinician.get("/api/v1/patients/" + patient + "/implant-reports").json()).isEmpty();
        assertThat(openImplantAlerts()).isEmpty();
    }

    @Test
    void homeDiagnostics_throughTheDeviceJson() {
        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/measurements", Map.of(
                "time", now.minusSeconds(30).toString(), "values", Map.of("fev1", 2.85,
                        "peak-expiratory-flow", Map.of("value", 7.5, "unit", "L/s"), "inr", 2.4, "blood-ketone", 0.6,
                        "urine-ketones", 15, "urine-glucose", Map.of("value", 5.5, "unit", "mmol/L"))));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);

        Map<String, JsonNode> latest = new java.util.HashMap<>();
        clinician.get("/api/v1/patients/" + patient + "/latest").json().forEach(v -> latest.put(v.get("type").asText(), v));
        assertThat(latest.get("fev1").get("value").asDouble()).isEqualTo(2.85);
        assertThat(latest.get("peak-expiratory-flow").get("value").asDouble()).isEqualTo(450.0);
        assertThat(latest.get("peak-expiratory-flow").get("unit").asText()).isEqualTo("L/min");
        assertThat(latest.get("inr").get("unit").asText()).isEqualTo("{INR}");
        assertThat(latest.get("urine-glucose").get("value").asDouble()).isCloseTo(99.1, org.assertj.core.data.Offset.offset(0.1));

        VigilClient.Response fhir = clinician.get("/fhir/Observation?patient=" + patient + "&code=http://loinc.org%7C34714-6");
        assertThat(fhir.status()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.body()).contains("34714-6").contains("\"code\":\"{INR}\"");
    }

    private void assertRefused(VigilClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }

    private VigilClient.Response post(String json) {
        return implant.post(path(), json, "application/json");
    }

    private String path() {
        return "/api/v1/devices/" + icd + "/interrogations";
    }

    private static String report(String id, Instant at, String battery, double volts, double rvOhms, int shocks,
                                 double afBurden) {
        return """
                {%s"interrogatedAt": "%s",
                 "device": {"kind": "icd", "manufacturer": "Acme Rhythm", "model": "Guardian DR", "serial": "ICD-0042"},
                 "battery": {"status": "%s", "voltage": %s, "remainingMonths": 3},
                 "leads": [{"chamber": "RA", "impedance": 480, "captureThreshold": 0.75, "sensing": 2.8},
                           {"chamber": "RV", "impedance": %s, "captureThreshold": 1.0, "sensing": 9.5}],
                 "episodes": [{"type": "VF", "start": "%s", "durationSeconds": 14, "therapy": "shock"}],
                 "therapies": {"shocks": %d, "atp": 1},
                 "afBurdenPercent": %s}
                """.formatted(id == null ? "" : "\"id\": \"" + id + "\", ", at, battery, volts, rvOhms,
                at.minusSeconds(3600), shocks, afBurden);
    }

    private List<JsonNode> openImplantAlerts() {
        List<JsonNode> open = new ArrayList<>();
        clinician.get("/api/v1/alerts?patient=" + patient).json().forEach(a -> {
            if (a.get("rule").asText().startsWith("implant-") && !a.get("state").asText().equals("resolved")) {
                open.add(a);
            }
        });
        return open;
    }

    private static Map<String, JsonNode> byRule(List<JsonNode> alerts) {
        Map<String, JsonNode> by = new java.util.HashMap<>();
        alerts.forEach(a -> by.put(a.get("rule").asText(), a));
        return by;
    }
}
