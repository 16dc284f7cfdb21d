package io.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ward event stream and the ward JSON, through a real HTTP client, without a browser. */
class WardStreamIT extends WardServer {

    @Autowired
    WardProperties settings;

    @Test
    void stream_sendsTheSnapshotFirst_thenTheReadingJustStored() {
        String patient = admit("4", "Grace", "Hopper", "1946-12-09", "female");
        Monitor monitor = monitor(patient);
        Instant earlier = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        send(monitor, reading(earlier, "{\"heart-rate\": 70}"));

        try (EventStream stream = EventStream.open(httpPort, "/api/v1/stream/ward?unit=" + unit, "clinician", WardFixture.PASSWORD)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            EventStream.Event snapshot = stream.next();
            assertThat(snapshot.name()).isEqualTo("ward");
            JsonNode tile = json(snapshot).get("tiles").get(0);
            assertThat(tile.get("patient").asText()).isEqualTo(patient);
            assertThat(vital(tile, "heart-rate").get("value").asText()).isEqualTo("70");

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            send(monitor, reading(now, "{\"heart-rate\": 77, \"blood-pressure\": {\"systolic\": 131, \"diastolic\": 84, \"mean\": 100}}"));

            JsonNode update = json(stream.next("vitals"));
            assertThat(update.get("tiles")).hasSize(1);
            JsonNode changed = update.get("tiles").get(0);
            assertThat(changed.get("patient").asText()).isEqualTo(patient);
            assertThat(changed.get("bed").asText()).isEqualTo("4");
            assertThat(changed.get("vitals")).extracting(v -> v.get("type").asText()).containsExactly("heart-rate", "blood-pressure");
            JsonNode heartRate = vital(changed, "heart-rate");
            assertThat(heartRate.get("value").asText()).isEqualTo("77");
            assertThat(heartRate.get("unit").asText()).isEqualTo("bpm");
            assertThat(Instant.parse(heartRate.get("time").asText())).isEqualTo(now);
            assertThat(heartRate.get("received").asBoolean()).isFalse();
            assertThat(heartRate.get("staleAfter").asLong()).isEqualTo(settings.continuousStaleAfter().toSeconds());
            assertThat(vital(changed, "blood-pressure").get("value").asText()).isEqualTo("131/84 (100)");
        }
    }

    @Test
    void stream_ofOneUnit_getsOnlyItsOwnPatients() {
        String here = admit("1", "Ada", "Lovelace", "1950-12-10", "female");
        Monitor hereMonitor = monitor(here);
        String otherUnit = unit;
        newUnit();
        String elsewhere = admit("1", "Alan", "Turing", "1952-06-23", "male");
        Monitor elsewhereMonitor = monitor(elsewhere);

        try (EventStream stream = EventStream.open(httpPort, "/api/v1/stream/ward?unit=" + otherUnit, "clinician", WardFixture.PASSWORD)) {
            stream.next("ward");
            send(elsewhereMonitor, reading(Instant.now(), "{\"spo2\": 91}"));
            send(hereMonitor, reading(Instant.now(), "{\"spo2\": 98}"));
            JsonNode update = json(stream.next("vitals"));
            assertThat(update.get("tiles")).extracting(t -> t.get("patient").asText()).containsExactly(here);
        }
    }

    @Test
    void stream_unattributedReading_isAnnouncedWithItsDevice() {
        Monitor stray = monitor(null);
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (EventStream stream = EventStream.open(httpPort, "/api/v1/stream/ward?unit=" + unit, "clinician", WardFixture.PASSWORD)) {
            stream.next("ward");
            send(stray, reading(time, "{\"spo2\": 96}"));
            JsonNode update = json(stream.next("unattributed"));
            assertThat(update.get("devices")).anySatisfy(d -> {
                assertThat(d.get("device").asText()).isEqualTo(stray.id());
                assertThat(Instant.parse(d.get("lastReading").asText())).isEqualTo(time);
            });
        }
    }

    @Test
    void stream_ofABrowserSession_endsWhenTheSessionLogsOut() {
        String patient = admit("5", "Margaret", "Hamilton", "1936-08-17", "female");
        Monitor monitor = monitor(patient);
        FormLogin browser = new FormLogin(httpPort).logIn("clinician", WardFixture.PASSWORD);
        try (EventStream stream = EventStream.open(browser.client(), httpPort, "/api/v1/stream/ward?unit=" + unit)) {
            assertThat(stream.status()).isEqualTo(200);
            stream.next("ward");
            send(monitor, reading(Instant.now(), "{\"spo2\": 94}"));
            assertThat(stream.next("vitals").data()).contains(patient);

            browser.logOut();
            assertThat(stream.ends()).as("a logged-out session receives no more patient data").isTrue();
        }
    }

    @Test
    void stream_withoutLogin_isRefused() {
        VigilClient.Response response = VigilClient.anonymous(httpPort).get("/api/v1/stream/ward?unit=" + unit, "text/event-stream");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void stream_closedByItsClient_noLongerCountsAgainstTheLimit() {
        String follower = "closer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(new WardFixture(httpPort).admin().post("/api/v1/users", Map.of("username", follower, "password",
                WardFixture.PASSWORD, "roles", List.of("caregiver"))).status()).isEqualTo(201);
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < settings.maxStreamsPerUser(); i++) {
                EventStream stream = EventStream.open(httpPort, "/api/v1/stream/ward?unit=all", follower, WardFixture.PASSWORD);
                open.add(stream);
                assertThat(stream.status()).isEqualTo(200);
                stream.next("ward");
            }
            open.removeFirst().close(); // the page is closed; the server has written nothing to it since
            // Sooner than keep-alives would notice (two writes, 15 s apart): opening a stream at the limit looks
            // whether the others are still there.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                EventStream again = EventStream.open(httpPort, "/api/v1/stream/ward?unit=all", follower, WardFixture.PASSWORD);
                open.add(again);
                assertThat(again.status()).isEqualTo(200);
            });
        } finally {
            open.forEach(EventStream::close);
        }
    }

    @Test
    void stream_beyondTheLimitPerUser_isRefusedWith429() {
        // A user of its own: other test classes sharing this server may leave a caregiver's stream open until its
        // next keep-alive finds the browser gone.
        String follower = "follower-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(new WardFixture(httpPort).admin().post("/api/v1/users", Map.of("username", follower, "password",
                WardFixture.PASSWORD, "roles", List.of("caregiver"))).status()).isEqualTo(201);
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < settings.maxStreamsPerUser(); i++) {
                EventStream stream = EventStream.open(httpPort, "/api/v1/stream/ward?unit=all", follower, WardFixture.PASSWORD);
                open.add(stream);
                assertThat(stream.status()).isEqualTo(200);
                stream.next("ward");
            }
            try (EventStream refused = EventStream.open(httpPort, "/api/v1/stream/ward?unit=all", follower, WardFixture.PASSWORD)) {
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.body()).contains("VIGIL-1204");
            }
            try (EventStream otherUser = EventStream.open(httpPort, "/api/v1/stream/ward?unit=all", "admin", WardFixture.PASSWORD)) {
                assertThat(otherUser.status()).as("the limit is per user").isEqualTo(200);
            }
        } finally {
            open.forEach(EventStream::close);
        }
    }

    @Test
    void wardJson_listsTilesByBed_withLatestValues_andUnattributedDevices() {
        String second = admit("2", "Barbara", "Liskov", "1939-11-07", "female");
        String tenth = admit("10", "Donald", "Knuth", "1938-01-10", "male");
        String first = admit("1", "Edsger", "Dijkstra", "1930-05-11", "male");
        Monitor monitor = monitor(first);
        Instant old = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        send(monitor, reading(old, "{\"body-temperature\": {\"value\": 98.6, \"unit\": \"[degF]\"}, \"consciousness\": \"V\"}"));
        send(monitor, "{\"values\": {\"supplemental-oxygen\": 0, \"respiratory-rate\": 18}}");
        Monitor stray = monitor(null);
        send(stray, reading(Instant.now(), "{\"heart-rate\": 66}"));

        VigilClient.Response response = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD).get("/api/v1/ward?unit=" + unit);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode view = response.json();
        assertThat(view.get("unit").asText()).isEqualTo(unit);
        assertThat(view.get("tiles")).extracting(t -> t.get("patient").asText()).containsExactly(first, second, tenth);
        JsonNode tile = view.get("tiles").get(0);
        assertThat(tile.get("name").asText()).isEqualTo("Edsger Dijkstra");
        assertThat(tile.get("sex").asText()).isEqualTo("male");
        assertThat(tile.get("vitals")).extracting(v -> v.get("type").asText())
                .containsExactly("respiratory-rate", "supplemental-oxygen", "body-temperature", "consciousness");
        assertThat(vital(tile, "body-temperature").get("value").asText()).isEqualTo("37.0");
        assertThat(vital(tile, "body-temperature").get("unit").asText()).isEqualTo("°C");
        assertThat(vital(tile, "consciousness").get("value").asText()).isEqualTo("V");
        assertThat(vital(tile, "consciousness").get("detail").asText()).isEqualTo("Responds to voice");
        assertThat(vital(tile, "supplemental-oxygen").get("value").asText()).isEqualTo("Air");
        assertThat(vital(tile, "respiratory-rate").get("received").asBoolean()).as("sent without a time").isTrue();
        assertThat(view.get("tiles").get(1).get("vitals")).isEmpty();
        assertThat(view.get("unattributed")).extracting(d -> d.get("device").asText()).contains(stray.id());
    }

    @Test
    void wardJson_malformedUnit_isRefusedAsProblem() {
        VigilClient.Response response = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD).get("/api/v1/ward?unit=%3Cscript%3E");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("VIGIL-1201");
    }

    private static JsonNode vital(JsonNode tile, String type) {
        for (JsonNode vital : tile.get("vitals")) {
            if (vital.get("type").asText().equals(type)) {
                return vital;
            }
        }
        throw new AssertionError("no " + type + " in " + tile);
    }

    private static JsonNode json(EventStream.Event event) {
        try {
            return VigilClient.JSON.readTree(event.data());
        } catch (java.io.IOException e) {
            throw new AssertionError("event data is not JSON: " + event.data(), e);
        }
    }
}
