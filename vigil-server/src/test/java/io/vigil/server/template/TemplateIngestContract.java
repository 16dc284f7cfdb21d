package io.vigil.server.template;

import static io.vigil.server.FhirBundle.component;
import static io.vigil.server.FhirBundle.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.fhir.FhirJson;
import io.vigil.fhir.OfflineValidator;
import io.vigil.server.BedsideContract;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Vendor JSON through mapping templates, end to end: MQTT {@code raw/{template}} and HTTP, read back through
 * /fhir/Observation; refusals as PUBACK 0x99 / 422 with dead letters; the admin API with its refusals and audit.
 * Subclasses pick the database and point {@code vigil.templates.dir} at {@link #templatesFolder()}.
 */
abstract class TemplateIngestContract extends BedsideContract {

    /** A folder with one valid template ({@code ward-gateway}) and one refused file ({@code broken}). */
    static Path templatesFolder() {
        try {
            Path dir = Files.createTempDirectory("vigil-templates-");
            Files.writeString(dir.resolve("ward-gateway.json"), """
                    {"deviceId": "$.device",
                     "mappings": [{"match": "$.obs[*]", "when": {"path": "@.k", "equals": "T"},
                       "time": {"path": "@.t", "format": "iso-8601"},
                       "values": [{"type": "body-temperature", "value": "@.v", "unit": "[degF]"}]}]}""");
            Files.writeString(dir.resolve("broken.json"), """
                    {"mappings": [{"values": [{"type": "body-weight", "value": "$.w", "unit": "mm[Hg]"}]}]}""");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    EmbeddedBroker broker;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void mqtt5_withingsGroups_areStoredBeforePuback_andServedAsValidObservations() {
        long taken = Instant.now().minus(2, ChronoUnit.MINUTES).getEpochSecond();
        String withings = """
                {"status": 0, "body": {"measuregrps": [{"grpid": 4711, "attrib": 0, "date": %d, "category": 1,
                  "measures": [{"value": 12000, "type": 10, "unit": -2}, {"value": 8, "type": 9, "unit": 1},
                               {"value": 61, "type": 11, "unit": 0}, {"value": 7250, "type": 1, "unit": -2}]}]}}"""
                .formatted(taken);
        try (MqttDevice mqtt = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = mqtt.publish(topic("withings-measures"), withings);
            assertThat(ack.success()).as(ack.reason()).isTrue();
        }

        JsonNode bundle = observations();
        JsonNode bp = observation(bundle, "85354-9");
        assertThat(component(bp, "8480-6").get("value").asDouble()).isEqualTo(120.0);
        assertThat(component(bp, "8462-4").get("value").asDouble()).isEqualTo(80.0);
        assertThat(observation(bundle, "8867-4").at("/valueQuantity/value").asDouble()).isEqualTo(61.0);
        assertThat(observation(bundle, "29463-7").at("/valueQuantity/value").asDouble()).isEqualTo(72.5);
        assertThat(Instant.parse(bp.get("effectiveDateTime").asText())).isEqualTo(Instant.ofEpochSecond(taken));
        assertThat(bp.at("/subject/reference").asText()).isEqualTo("Patient/" + patient);
        for (JsonNode entry : bundle.path("entry")) {
            Observation observation = FhirJson.context().newJsonParser()
                    .parseResource(Observation.class, entry.get("resource").toString());
            assertThat(OfflineValidator.errors(observation)).as(entry.toString()).isEmpty();
        }
    }

    @Test
    void http_nightscoutEntries_answer201_andAResentEntryIsNotStoredTwice() {
        long now = Instant.now().minus(1, ChronoUnit.MINUTES).toEpochMilli();
        String entries = """
                [{"_id": "6553f1a2b7e0c1a2b3c4d5e6", "type": "sgv", "sgv": 142, "date": %d, "direction": "Flat"},
                 {"type": "cal", "date": %d, "slope": 850}]""".formatted(now, now);
        VigilClient.Response first = device.post(path("nightscout-entries"), entries, "application/json");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("observations")).hasSize(1);
        VigilClient.Response again = device.post(path("nightscout-entries"), entries, "application/json");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(again.json().get("observations")).isEqualTo(first.json().get("observations"));

        assertThat(observation(observations(), "99504-3").at("/valueQuantity/value").asDouble()).isEqualTo(142.0);
    }

    @Test
    void unknownTemplate_isRefusedOnBothTransports_andKeptAsDeadLetter() {
        try (MqttDevice mqtt = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = mqtt.publish(topic("no-such-template"), "{\"hr\": 70}");
            assertThat(ack.code()).isEqualTo(0x99);
            assertThat(ack.reason()).contains("VIGIL-1041").contains("no-such-template");
        }
        VigilClient.Response http = device.post(path("no-such-template"), "{\"hr\": 70}", "application/json");
        assertThat(http.status()).isEqualTo(422);
        assertThat(http.json().get("code").asText()).isEqualTo("VIGIL-1041");

        JsonNode letters = ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json();
        assertThat(letters.findValuesAsText("code")).containsOnly("VIGIL-1041");
        assertThat(letters.findValuesAsText("transport")).contains("MQTT", "HTTP");
    }

    @Test
    void payloadTheTemplateCannotMap_isRefusedWithTheTemplatesReason_andKept() {
        String systolicOnly = """
                {"body": {"measuregrps": [{"grpid": 1, "date": %d, "category": 1,
                  "measures": [{"value": 120, "type": 10, "unit": 0}]}]}}""".formatted(Instant.now().getEpochSecond());
        try (MqttDevice mqtt = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = mqtt.publish(topic("withings-measures"), systolicOnly);
            assertThat(ack.code()).isEqualTo(0x99);
            assertThat(ack.reason()).contains("VIGIL-1011").contains("diastolic-bp");
        }
        JsonNode letter = ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json().get(0);
        assertThat(letter.get("code").asText()).isEqualTo("VIGIL-1011");
        assertThat(letter.get("reason").asText()).contains("found nothing");
        assertThat(letter.get("topic").asText()).endsWith("/raw/withings-measures");
    }

    @Test
    void folderTemplate_isLoaded_withItsDeviceCheck_andTheRefusedFileIsNot() {
        JsonNode list = ward.admin().get("/api/v1/templates").json();
        assertThat(list.findValuesAsText("name")).contains("ward-gateway", "withings-measures", "nightscout-entries",
                "azure-iomt-jsonpath").doesNotContain("broken");
        String payload = """
                {"device": "%s", "obs": [{"k": "T", "v": 99.5, "t": "%s"}, {"k": "X", "v": 1}]}"""
                .formatted(deviceId, Instant.now().minusSeconds(30));
        VigilClient.Response stored = device.post(path("ward-gateway"), payload, "application/json");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        double celsius = observation(observations(), "8310-5").at("/valueQuantity/value").asDouble();
        assertThat(celsius).isCloseTo((99.5 - 32) * 5 / 9, org.assertj.core.api.Assertions.within(1e-9));

        VigilClient.Response otherDevice = device.post(path("ward-gateway"), payload.replace(deviceId, "someone-else"),
                "application/json");
        assertThat(otherDevice.status()).isEqualTo(422);
        assertThat(otherDevice.json().get("code").asText()).isEqualTo("VIGIL-1045");
    }

    @Test
    void adminApi_storesValidatesListsAndDeletes_andIsAudited() {
        VigilClient admin = ward.admin();
        String name = "it-" + deviceId.toLowerCase();
        String template = """
                {"description": "heart rate gateway",
                 "mappings": [{"values": [{"type": "heart-rate", "value": "$.pulse"}]}]}""";
        VigilClient.Response created = admin.put("/api/v1/templates/" + name, template, "application/json");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("origin").asText()).isEqualTo("api");
        assertThat(admin.put("/api/v1/templates/" + name, template, "application/json").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/templates/" + name).json().get("description").asText()).isEqualTo("heart rate gateway");

        VigilClient.Response stored = device.post(path(name), "{\"pulse\": 77}", "application/json");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);

        VigilClient.Response invalid = admin.put("/api/v1/templates/" + name, """
                {
                  "mappings": [{
                    "values": [{"type": "heart-rate", "value": "$.pulse", "unit": "kg"}]
                  }]
                }""", "application/json");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.json().get("code").asText()).isEqualTo("VIGIL-1040");
        assertThat(invalid.json().get("line").asInt()).isEqualTo(3);
        assertThat(invalid.json().get("column").asInt()).isEqualTo(67);
        assertThat(invalid.json().get("reason").asText()).contains("\"kg\" cannot be converted to /min");

        VigilClient.Response shipped = admin.put("/api/v1/templates/withings-measures", template, "application/json");
        assertThat(shipped.status()).isEqualTo(409);
        assertThat(shipped.json().get("code").asText()).isEqualTo("VIGIL-1420");
        assertThat(admin.delete("/api/v1/templates/withings-measures").status()).isEqualTo(409);

        assertThat(admin.delete("/api/v1/templates/" + name).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/templates/" + name).status()).isEqualTo(404);
        assertThat(device.post(path(name), "{\"pulse\": 77}", "application/json").json().get("code").asText())
                .isEqualTo("VIGIL-1041");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                admin.get("/api/v1/audit?actor=admin&limit=200").json()).anySatisfy(event -> {
                    assertThat(event.get("action").asText()).isEqualTo("template.update");
                    assertThat(event.get("resourceId").asText()).isEqualTo(name);
                }));
    }

    @Test
    void templateStoredThroughAnotherNode_isUsedAfterTheRefreshInterval_andItsDeletionToo() {
        String name = "node-b-" + deviceId.toLowerCase();
        // What another Vigil node on the same database does on PUT and DELETE /api/v1/templates/{name}.
        jdbc.update("INSERT INTO mapping_template (name, body, updated_by, updated_at) VALUES (?, ?, ?, ?)", name,
                "{\"mappings\": [{\"values\": [{\"type\": \"spo2\", \"value\": \"$.sat\"}]}]}", "admin",
                Timestamp.from(Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(device.post(path(name), "{\"sat\": 96}", "application/json").status()).isEqualTo(201));

        jdbc.update("DELETE FROM mapping_template WHERE name = ?", name);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                device.post(path(name), "{\"sat\": 96}", "application/json").json().path("code").asText())
                .isEqualTo("VIGIL-1041"));
    }

    @Test
    void adminApi_refusesOthersAndBadNames() {
        String template = "{\"mappings\": [{\"values\": [{\"type\": \"heart-rate\", \"value\": \"$.hr\"}]}]}";
        VigilClient.Response clinicianPut = clinician.put("/api/v1/templates/mine", template, "application/json");
        assertThat(clinicianPut.status()).isEqualTo(403);
        assertThat(clinicianPut.json().get("code").asText()).isEqualTo("VIGIL-1111");
        assertThat(clinician.get("/api/v1/templates").status()).isEqualTo(403);
        assertThat(VigilClient.anonymous(httpPort).get("/api/v1/templates").status()).isEqualTo(401);
        assertThat(device.put("/api/v1/templates/mine", template, "application/json").status()).isEqualTo(401);

        VigilClient.Response badName = ward.admin().put("/api/v1/templates/Bad%20Name", template, "application/json");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().get("code").asText()).isEqualTo("VIGIL-1201");
    }

    private JsonNode observations() {
        VigilClient.Response response = clinician.get("/fhir/Observation?device=" + deviceId, "application/fhir+json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String topic(String template) {
        return "vigil/v1/devices/" + deviceId + "/raw/" + template;
    }

    private String path(String template) {
        return "/api/v1/devices/" + deviceId + "/raw/" + template;
    }
}
