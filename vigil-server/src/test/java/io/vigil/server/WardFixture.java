package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Creates patients and devices through the public REST API, as an administrator would. */
public final class WardFixture {
    public static final String PASSWORD = "it-demo-password-1";

    private final VigilClient admin;

    public WardFixture(int httpPort) {
        this(VigilClient.user(httpPort, "admin", PASSWORD));
    }

    public WardFixture(VigilClient admin) {
        this.admin = admin;
    }

    /** Registers a patient in the unit (null: in no unit) and returns their id. */
    public String patient(String unit) {
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(Map.of("mrn", mrn,
                "name", Map.of("given", "Test", "family", "Patient-" + mrn), "birthDate", "1950-01-01", "sex", "female"));
        if (unit != null) {
            body.put("unit", unit);
        }
        VigilClient.Response created = admin.post("/api/v1/patients", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Registers a device and returns its secret. */
    public String device(String id, String type) {
        VigilClient.Response created = admin.post("/api/v1/devices", Map.of("id", id, "type", type,
                "manufacturer", "Acme", "model", "X1", "serial", "SN-" + id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").asText();
    }

    public String assign(String deviceId, String patientId, Instant start, Instant end) {
        Map<String, Object> body = end == null ? Map.of("patient", patientId, "start", start.toString())
                : Map.of("patient", patientId, "start", start.toString(), "end", end.toString());
        VigilClient.Response created = admin.post("/api/v1/devices/" + deviceId + "/assignments", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Shares the patient with a caregiver, who may then read (only) that patient. */
    public void share(String patientId, String caregiver) {
        VigilClient.Response shared = admin.put("/api/v1/patients/" + patientId + "/shares/" + caregiver, Map.of());
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
    }

    /** A patient in the unit with a bedside monitor assigned since yesterday. */
    public record Bedside(String patient, String deviceId, String secret) {}

    public Bedside bedside(String unit) {
        String patient = patient(unit);
        String deviceId = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = device(deviceId, "vital-signs-monitor");
        assign(deviceId, patient, Instant.now().minus(java.time.Duration.ofDays(1)), null);
        return new Bedside(patient, deviceId, secret);
    }

    public VigilClient admin() {
        return admin;
    }
}
