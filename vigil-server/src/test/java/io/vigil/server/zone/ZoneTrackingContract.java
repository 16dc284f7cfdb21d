package io.vigil.server.zone;

import static io.vigil.server.TagFixture.HEX;
import static io.vigil.server.TagFixture.key;
import static io.vigil.server.TagFixture.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.codec.sun.PiccData;
import io.vigil.codec.sun.SunMirror;
import io.vigil.server.BedsideContract;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Readers and zones end to end: a zone hierarchy and readers registered over REST, reads over HTTP and MQTT, the
 * location derived with hysteresis (read times one after another, as a fixed clock would give them), where-is, zone
 * contents and trail, the zone alerts (an infusion pump leaving its ward; a wristband at an exit), and positive
 * patient identification at the bedside. Subclasses pick H2 or PostgreSQL.
 */
abstract class ZoneTrackingContract extends BedsideContract {

    @Autowired
    EmbeddedBroker broker;
    @Autowired
    AssetWatch assetWatch;

    VigilClient admin;
    String p;
    Instant t0;

    @BeforeEach
    void floor() {
        admin = ward.admin();
        p = UUID.randomUUID().toString().substring(0, 6) + "-";
        t0 = Instant.now().minus(10, ChronoUnit.MINUTES);
        zone("site", "Site", "site", null, null, false);
        zone("bldg", "Main building", "building", "site", null, false);
        zone("ward", "Ward A", "unit", "bldg", "ward-a", false);
        zone("room-1", "Room 1", "room", "ward", null, false);
        zone("room-2", "Room 2", "room", "ward", null, false);
        zone("store", "Equipment store", "area", "bldg", null, false);
        zone("exit", "Main exit", "area", "bldg", null, true);
    }

    @Test
    void pumpLeavesTheWard_locatedWithHysteresis_andAlertRaisedOnItsPatient() {
        String pump = assetTag(deviceId, "ward");
        VigilClient room1 = reader("room-1");
        VigilClient store = reader("store");

        assertThat(read(room1, "room-1", Map.of("tag", pump, "rssi", -50, "time", at(0))).get("accepted").asInt()).isEqualTo(1);
        JsonNode where = admin.get("/api/v1/where-is?asset=" + deviceId).json().get(0);
        assertThat(where.get("zone").asText()).isEqualTo(p + "room-1");
        assertThat(where.get("path")).extracting(JsonNode::asText).containsExactly("Site", "Main building", "Ward A", "Room 1");

        read(store, "store", Map.of("tag", pump, "rssi", -70, "time", at(5)));
        read(room1, "room-1", Map.of("tag", pump, "rssi", -52, "time", at(6)));
        assertThat(zoneOf("asset=" + deviceId)).as("a strong read of the current room keeps it there").isEqualTo(p + "room-1");
        assertThat(alerts("asset-left-home-zone")).isEmpty();

        read(store, "store", Map.of("tag", pump, "rssi", -60, "time", at(10)));
        read(store, "store", Map.of("tag", pump, "rssi", -58, "time", at(30)));
        assertThat(zoneOf("asset=" + deviceId)).isEqualTo(p + "store");
        JsonNode alert = await().atMost(Duration.ofSeconds(10)).until(() -> alerts("asset-left-home-zone"), a -> !a.isEmpty())
                .getFirst();
        assertThat(alert.get("priority").asText()).isEqualTo("medium");

        List<String> trail = new ArrayList<>();
        admin.get("/api/v1/trail?asset=" + deviceId).json().forEach(m -> trail.add(m.get("zone").asText()));
        assertThat(trail).containsExactly(p + "room-1", p + "store");
        JsonNode inStore = admin.get("/api/v1/zones/" + p + "bldg/contents").json();
        assertThat(inStore).anySatisfy(t -> assertThat(t.get("tag").asText()).isEqualTo(pump));
        assertThat(admin.get("/api/v1/zones/" + p + "ward/contents").json()).isEmpty();

        read(room1, "room-1", Map.of("tag", pump, "rssi", -40, "time", at(60)));
        read(room1, "room-1", Map.of("tag", pump, "rssi", -40, "time", at(80)));
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts("asset-left-home-zone").getFirst().get("state").asText()
                .equals("resolved"));

        JsonNode pumps = utilisation("infusion-pump");
        assertThat(pumps.get("assets").asInt()).isEqualTo(1);
        assertThat(pumps.get("inUse").asInt()).isEqualTo(1);
        assertThat(pumps.get("outsideHome").asInt()).isZero();
        assertThat(pumps.get("notSeen").asInt()).isZero();

        assetWatch.check(t0.plusSeconds(80).plus(Duration.ofHours(8)).minusSeconds(1));
        assertThat(alerts("asset-not-seen")).isEmpty();
        assetWatch.check(t0.plusSeconds(80).plus(Duration.ofHours(8)).plusSeconds(1));
        assertThat(alerts("asset-not-seen")).singleElement().satisfies(a -> assertThat(a.get("state").asText()).isEqualTo("active"));
        assertThat(utilisation("infusion-pump").get("notSeen").asInt()).isEqualTo(1);
        read(room1, "room-1", Map.of("tag", pump, "rssi", -40, "time", Instant.now().toString()));
        // the check that clears comes after the one that raised, on the watch's clock (a clear older than the
        // alert's raise is a stale one and is ignored)
        assetWatch.check(t0.plusSeconds(80).plus(Duration.ofHours(8)).plusSeconds(2));
        assertThat(alerts("asset-not-seen").getFirst().get("state").asText()).isEqualTo("resolved");
    }

    private JsonNode utilisation(String type) {
        for (JsonNode row : admin.get("/api/v1/assets/utilisation").json()) {
            if (row.get("assetType").asText().equals(type)) {
                return row;
            }
        }
        throw new AssertionError("no " + type);
    }

    @Test
    void wristbandAtTheExit_overMqttWithASunUrl_raisesElopementAlert() throws Exception {
        byte[] meta = key();
        byte[] file = key();
        String profile = p + "bands";
        assertThat(admin.post("/api/v1/tag-profiles", Map.of("id", profile, "metaReadKey", HEX.formatHex(meta),
                "fileReadKey", HEX.formatHex(file))).status()).isEqualTo(201);
        String band = uid();
        assertThat(admin.post("/api/v1/tags", Map.of("uid", band, "profile", profile, "kind", "wristband",
                "patient", patient)).status()).isEqualTo(201);
        SunMirror tag = new SunMirror(meta, file);
        String readerId = p + "rdr-exit";
        String secret = ward.device(readerId, "tag-reader");
        assertThat(admin.post("/api/v1/readers", Map.of("id", readerId, "zone", p + "exit")).status()).isEqualTo(201);

        try (MqttDevice portal = MqttDevice.connect(broker.port(), readerId, secret)) {
            String payload = VigilClient.JSON.writeValueAsString(Map.of("url",
                    tag.url("https://t/", new PiccData(band, 3), new byte[0]), "rssi", -65, "time", at(0)));
            assertThat(portal.publish("vigil/v1/readers/" + readerId + "/reads", payload).success()).isTrue();
            assertThat(portal.publish("vigil/v1/readers/" + readerId + "/reads", "not json").code()).isEqualTo(0x99);
        }
        assertThat(zoneOf("patient=" + patient)).isEqualTo(p + "exit");
        JsonNode exit = await().atMost(Duration.ofSeconds(10)).until(() -> alerts("wristband-exit-zone"), a -> !a.isEmpty())
                .getFirst();
        assertThat(exit.get("priority").asText()).isEqualTo("high");
        assertThat(alerts("wristband-left-unit")).hasSize(1);
        assertThat(caregiver.get("/api/v1/where-is?patient=" + patient).status()).isEqualTo(200);
        assertThat(VigilClient.user(httpPort, "caregiver", io.vigil.server.WardFixture.PASSWORD)
                .get("/api/v1/where-is?patient=" + ward.patient("home")).status()).isEqualTo(404);
    }

    @Test
    void zones_areFhirLocationsInTheirHierarchy() {
        JsonNode room = clinician.get("/fhir/Location/" + p + "room-1?_format=json").json();
        assertThat(room.get("resourceType").asText()).isEqualTo("Location");
        assertThat(room.get("name").asText()).isEqualTo("Room 1");
        assertThat(room.get("partOf").get("reference").asText()).isEqualTo("Location/" + p + "ward");
        assertThat(room.get("physicalType").get("coding").get(0).get("code").asText()).isEqualTo("ro");
        JsonNode wardRooms = clinician.get("/fhir/Location?partof=" + p + "ward&_format=json").json();
        List<String> ids = new ArrayList<>();
        wardRooms.get("entry").forEach(e -> ids.add(e.get("resource").get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(p + "room-1", p + "room-2");
        assertThat(clinician.get("/fhir/Location/" + p + "nowhere?_format=json").status()).isEqualTo(404);
    }

    @Test
    void readerAuthentication_andBadReads_refusedWithCodes() {
        String readerId = p + "rdr-x";
        String secret = ward.device(readerId, "tag-reader");
        VigilClient wrong = VigilClient.device(httpPort, "not-the-secret");
        assertThat(wrong.post("/api/v1/readers/" + readerId + "/reads", Map.of("tag", uid())).status()).isEqualTo(401);
        VigilClient notPlaced = VigilClient.device(httpPort, secret);
        VigilClient.Response unplaced = notPlaced.post("/api/v1/readers/" + readerId + "/reads", Map.of("tag", uid()));
        assertThat(unplaced.status()).isEqualTo(403);
        assertThat(unplaced.json().get("code").asText()).isEqualTo("VIGIL-1710");
        assertThat(admin.post("/api/v1/readers", Map.of("id", readerId, "zone", p + "room-2")).status()).isEqualTo(201);
        JsonNode outcome = read(notPlaced, null, Map.of("tag", uid()));
        assertThat(outcome.get("refused").get(0).get("code").asText()).isEqualTo("VIGIL-1704");
        outcome = notPlaced.post("/api/v1/readers/" + readerId + "/reads", Map.of("rssi", -40)).json();
        assertThat(outcome.get("refused").get(0).get("code").asText()).isEqualTo("VIGIL-1711");
    }

    @Test
    void bedsideIdentification_wristbandThenDeviceTag_assignsTheDeviceWithTheScansAsEvidence() {
        byte[] meta = key();
        byte[] file = key();
        String profile = p + "bedside";
        assertThat(admin.post("/api/v1/tag-profiles", Map.of("id", profile, "metaReadKey", HEX.formatHex(meta),
                "fileReadKey", HEX.formatHex(file))).status()).isEqualTo(201);
        String band = uid();
        admin.post("/api/v1/tags", Map.of("uid", band, "profile", profile, "kind", "wristband", "patient", patient));
        String monitor = p + "spo2";
        ward.device(monitor, "pulse-oximeter");
        String monitorTag = uid();
        admin.post("/api/v1/tags", Map.of("uid", monitorTag, "profile", profile, "kind", "asset", "asset", monitor,
                "assetType", "pulse-oximeter"));
        SunMirror tags = new SunMirror(meta, file);

        String bandScan = clinician.post("/api/v1/tags/scan", Map.of("url", tags.url("https://t/", new PiccData(band, 1),
                new byte[0]))).json().get("scan").asText();
        String deviceScan = clinician.post("/api/v1/tags/scan", Map.of("url", tags.url("https://t/",
                new PiccData(monitorTag, 1), new byte[0]))).json().get("scan").asText();
        VigilClient.Response wrongOrder = clinician.post("/api/v1/bedside/identifications",
                Map.of("wristbandScan", deviceScan, "deviceScan", bandScan));
        assertThat(wrongOrder.status()).isEqualTo(422);
        assertThat(wrongOrder.json().get("code").asText()).isEqualTo("VIGIL-1712");

        VigilClient.Response identified = clinician.post("/api/v1/bedside/identifications",
                Map.of("wristbandScan", bandScan, "deviceScan", deviceScan));
        assertThat(identified.status()).as(identified.body()).isEqualTo(201);
        assertThat(identified.json().get("patient").asText()).isEqualTo(patient);
        assertThat(identified.json().get("device").asText()).isEqualTo(monitor);
        JsonNode assignments = clinician.get("/api/v1/devices/" + monitor + "/assignments").json();
        assertThat(assignments).hasSize(1);
        assertThat(assignments.get(0).get("patient").asText()).isEqualTo(patient);
        assertThat(assignments.get(0).get("id").asText()).isEqualTo(identified.json().get("assignment").asText());

        String before = reading(Instant.now().minus(1, ChronoUnit.HOURS));
        String after = reading(Instant.now());
        VigilClient.Response stale = clinician.post("/api/v1/bedside/confirmations",
                Map.of("wristbandScan", bandScan, "observation", before));
        assertThat(stale.status()).as(stale.body()).isEqualTo(422);
        assertThat(stale.json().get("code").asText()).isEqualTo("VIGIL-1712");
        VigilClient.Response confirmed = clinician.post("/api/v1/bedside/confirmations",
                Map.of("wristbandScan", bandScan, "observation", after));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
        assertThat(confirmed.json().get("patient").asText()).isEqualTo(patient);
        assertThat(clinician.post("/api/v1/bedside/confirmations", Map.of("wristbandScan", bandScan, "observation", after))
                .status()).isEqualTo(409);
        assertThat(clinician.post("/api/v1/bedside/confirmations", Map.of("wristbandScan", deviceScan, "observation", after))
                .status()).isEqualTo(422);
    }

    /** A heart rate from the patient's bedside monitor at that time; its observation id. */
    private String reading(Instant time) {
        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/measurements",
                Map.of("time", time.toString(), "values", Map.of("heart-rate", 72)));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        return stored.json().get("observations").get(0).asText();
    }

    private void zone(String id, String name, String kind, String parent, String careUnit, boolean exit) {
        Map<String, Object> body = new HashMap<>(Map.of("id", p + id, "name", name, "kind", kind, "exit", exit));
        if (parent != null) {
            body.put("parent", p + parent);
        }
        if (careUnit != null) {
            body.put("careUnit", careUnit);
        }
        VigilClient.Response created = admin.post("/api/v1/zones", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private String assetTag(String asset, String homeZone) {
        String profile = p + "assets";
        if (admin.post("/api/v1/tag-profiles", Map.of("id", profile, "metaReadKey", HEX.formatHex(key()),
                "fileReadKey", HEX.formatHex(key()))).status() != 201) {
            throw new AssertionError("profile");
        }
        String uid = uid();
        VigilClient.Response created = admin.post("/api/v1/tags", Map.of("uid", uid, "profile", profile, "kind", "asset",
                "asset", asset, "assetType", "infusion-pump", "homeZone", p + homeZone));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return uid;
    }

    private VigilClient reader(String zone) {
        String readerId = p + "rdr-" + zone;
        String secret = ward.device(readerId, "tag-reader");
        assertThat(admin.post("/api/v1/readers", Map.of("id", readerId, "zone", p + zone)).status()).isEqualTo(201);
        return VigilClient.device(httpPort, secret);
    }

    private JsonNode read(VigilClient reader, String zone, Map<String, Object> read) {
        String readerId = zone == null ? p + "rdr-x" : p + "rdr-" + zone;
        VigilClient.Response response = reader.post("/api/v1/readers/" + readerId + "/reads", read);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String zoneOf(String query) {
        return clinician.get("/api/v1/where-is?" + query).json().get(0).get("zone").asText();
    }

    private List<JsonNode> alerts(String rule) {
        List<JsonNode> found = new ArrayList<>();
        clinician.get("/api/v1/alerts?patient=" + patient).json().forEach(found::add);
        return found.stream().filter(a -> a.get("rule").asText().equals(rule)).toList();
    }

    private String at(int seconds) {
        return t0.plusSeconds(seconds).toString();
    }
}
