package io.vigil.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.fhir.FhirJson;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;

/**
 * One test's own patient with a bedside monitor, set up through the public REST API, readings sent through the real
 * device endpoint, and the FHIR calls the tests make.
 */
final class FhirWard {
    static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();

    /** A plausible device-JSON value for every measurement type that is stored as an Observation of its own. */
    static final Map<String, String> TYPICAL_VALUES = typicalValues();

    /** One reading to send: when, which type, the device-JSON value. */
    record Reading(Instant time, String alias, String value) {}

    /** The care unit of the demo clinician's team {@code ward-a-team}: the clinician sees its patients. */
    static final String UNIT = "ward-a";

    final WardFixture ward;
    final FhirClient clinician;
    /** Sees every patient's registration, no clinical data. */
    final FhirClient admin;
    final String patient;
    final String device;
    private final String secret;
    private final int port;

    FhirWard(int port, Instant monitoredFrom) {
        this.port = port;
        this.ward = new WardFixture(port);
        this.clinician = FhirClient.user(port, "clinician", WardFixture.PASSWORD);
        this.admin = FhirClient.user(port, "admin", WardFixture.PASSWORD);
        this.patient = ward.patient(UNIT);
        this.device = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        this.secret = ward.device(device, "vital-signs-monitor");
        ward.assign(device, patient, monitoredFrom, null);
    }

    private static Map<String, String> typicalValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("heart-rate", "72");
        values.put("respiratory-rate", "16");
        values.put("spo2", "97");
        values.put("body-temperature", "{\"value\": 99.1, \"unit\": \"[degF]\"}");
        values.put("body-weight", "70.5");
        values.put("body-height", "172");
        values.put("bmi", "23.8");
        values.put("blood-pressure", "{\"systolic\": 120, \"diastolic\": 80, \"mean\": 93}");
        values.put("blood-glucose", "105");
        values.put("cgm-glucose", "{\"value\": 6.1, \"unit\": \"mmol/L\"}");
        values.put("supplemental-oxygen", "2");
        values.put("inspired-oxygen", "28");
        values.put("consciousness", "\"A\"");
        values.put("fev1", "3.2");
        values.put("peak-expiratory-flow", "450");
        values.put("inr", "2.5");
        values.put("blood-ketone", "0.4");
        values.put("urine-ketones", "5");
        values.put("urine-glucose", "50");
        return values;
    }

    /** The types stored as Observations of their own: every registered type that is not a panel's component. */
    static List<MeasurementType> observationTypes() {
        Set<String> components = new HashSet<>();
        REGISTRY.types().forEach(t -> t.components().forEach(c -> components.add(c.alias())));
        return REGISTRY.types().stream().filter(t -> !components.contains(t.alias())).toList();
    }

    /** Every type once, a minute apart from {@code start} in registry order; returns alias → observation id. */
    Map<String, String> everyType(Instant start) {
        List<Reading> readings = new ArrayList<>();
        int minute = 0;
        for (MeasurementType type : observationTypes()) {
            readings.add(new Reading(start.plusSeconds(60L * minute++), type.alias(), TYPICAL_VALUES.get(type.alias())));
        }
        List<String> ids = send(device, secret, readings);
        Map<String, String> byType = new LinkedHashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            byType.put(readings.get(i).alias(), ids.get(i));
        }
        return byType;
    }

    List<String> send(List<Reading> readings) {
        return send(device, secret, readings);
    }

    /** Sends the readings as one device-JSON array (one message per reading); returns the stored ids in order. */
    List<String> send(String deviceId, String deviceSecret, List<Reading> readings) {
        StringBuilder body = new StringBuilder("[");
        for (Reading r : readings) {
            body.append(body.length() > 1 ? ", " : "").append("{\"time\": \"").append(r.time())
                    .append("\", \"values\": {\"").append(r.alias()).append("\": ").append(r.value()).append("}}");
        }
        VigilClient.Response stored = VigilClient.device(port, deviceSecret)
                .post("/api/v1/devices/" + deviceId + "/measurements", body.append("]").toString());
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        stored.json().get("observations").forEach((JsonNode id) -> ids.add(id.asText()));
        assertThat(ids).hasSize(readings.size());
        return ids;
    }

    /** Another monitor on this patient; returns its id and secret. */
    String[] secondDevice() {
        String id = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        String deviceSecret = ward.device(id, "pulse-oximeter");
        ward.assign(id, patient, Instant.now().minusSeconds(30L * 24 * 3600), null);
        return new String[] {id, deviceSecret};
    }

    /** A search by the clinician that must succeed, as a Bundle. */
    Bundle search(String query) {
        return search(clinician, query);
    }

    static Bundle search(FhirClient as, String query) {
        HttpResponse<String> response = as.get(query.startsWith("http") ? query : "/fhir/" + query);
        assertThat(response.statusCode()).as(query + " → " + response.body()).isEqualTo(200);
        return FhirJson.parse(Bundle.class, response.body());
    }

    /** The ids of a Bundle's entries, in order. */
    static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    static List<Observation> observations(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> (Observation) e.getResource()).toList();
    }

    <T extends IBaseResource> T read(Class<T> type, String path) {
        return read(clinician, type, path);
    }

    static <T extends IBaseResource> T read(FhirClient as, Class<T> type, String path) {
        HttpResponse<String> response = as.get("/fhir/" + path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(FhirClient.FHIR_JSON));
        return FhirJson.parse(type, response.body());
    }
}
