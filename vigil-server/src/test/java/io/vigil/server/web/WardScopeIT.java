package io.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ward stream shows each caller only what they may see, event by event, and stops when that changes: a share
 * withdrawn, a care team dissolved, an account disabled. What a stream may see is decided again at every keep-alive
 * (2 s here).
 */
class WardScopeIT extends WardServer {
    private static final String STRONG = "Rounds-at-dawn-2026";

    @Autowired
    WardProperties settings;

    @Test
    void caregiverStream_carriesOnlySharedPatients_noUnattributedDevices_andStopsWhenAShareIsWithdrawn() throws Exception {
        String shared = admit("1", "Ada", "Lovelace", "1950-12-10", "female");
        String alsoShared = admit("2", "Grace", "Hopper", "1946-12-09", "female");
        String notShared = admit("3", "Alan", "Turing", "1952-06-23", "male");
        Monitor sharedMonitor = monitor(shared);
        Monitor alsoSharedMonitor = monitor(alsoShared);
        Monitor notSharedMonitor = monitor(notShared);
        ward.share(shared, "caregiver");
        ward.share(alsoShared, "caregiver");

        try (EventStream stream = EventStream.open(httpPort, "/api/v1/stream/ward?unit=" + unit, "caregiver", WardFixture.PASSWORD)) {
            assertThat(stream.status()).as(stream.body()).isEqualTo(200);
            String snapshot = stream.next("ward").data();
            assertThat(snapshot).contains(shared, alsoShared).doesNotContain(notShared);

            send(monitor(null), reading(Instant.now(), "{\"spo2\": 95}"));
            send(notSharedMonitor, reading(Instant.now(), "{\"spo2\": 91}"));
            send(sharedMonitor, reading(Instant.now(), "{\"spo2\": 97}"));
            EventStream.Event next = stream.next();
            assertThat(next.name()).as("no unattributed devices for a caregiver, no other patient").isEqualTo("vitals");
            assertThat(next.data()).contains(shared).doesNotContain(notShared);

            assertThat(ward.admin().delete("/api/v1/patients/" + shared + "/shares/caregiver").status()).isEqualTo(204);
            Thread.sleep(settings.keepAlive().multipliedBy(2).plusMillis(500).toMillis());
            send(sharedMonitor, reading(Instant.now(), "{\"spo2\": 96}"));
            send(alsoSharedMonitor, reading(Instant.now(), "{\"spo2\": 98}"));
            EventStream.Event after = stream.next("vitals");
            assertThat(after.data()).as("the withdrawn patient no longer flows").contains(alsoShared).doesNotContain(shared);
        }
    }

    @Test
    void stream_isClosed_whenTheCallerMayNoLongerOpenItsUnit_andTheReconnectIsRefusedAsNotFound() {
        admit("1", "Edsger", "Dijkstra", "1930-05-11", "male");
        try (EventStream stream = EventStream.open(httpPort, "/api/v1/stream/ward?unit=" + unit, "clinician", WardFixture.PASSWORD)) {
            assertThat(stream.status()).isEqualTo(200);
            stream.next("ward");
            assertThat(ward.admin().delete("/api/v1/care-teams/" + unit + "-team").status()).isEqualTo(204);
            assertThat(stream.ends()).as("the care team is gone: the stream ends").isTrue();
        }
        try (EventStream again = EventStream.open(httpPort, "/api/v1/stream/ward?unit=" + unit, "clinician", WardFixture.PASSWORD)) {
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.body()).contains("VIGIL-1202");
        }
    }

    @Test
    void stream_isClosed_whenTheAccountIsDisabled() {
        String nurse = "nurse-" + UUID.randomUUID().toString().substring(0, 8);
        VigilClient admin = ward.admin();
        assertThat(admin.post("/api/v1/users", Map.of("username", nurse, "password", STRONG, "roles", List.of("clinician")))
                .status()).isEqualTo(201);
        assertThat(admin.put("/api/v1/care-teams/" + unit + "-team", Map.of("name", "Team of " + unit,
                "units", List.of(unit), "members", List.of("clinician", nurse))).status()).isEqualTo(200);
        try (EventStream stream = EventStream.open(httpPort, "/api/v1/stream/ward?unit=" + unit, nurse, STRONG)) {
            assertThat(stream.status()).as(stream.body()).isEqualTo(200);
            stream.next("ward");
            assertThat(admin.patch("/api/v1/users/" + nurse, Map.of("enabled", false)).status()).isEqualTo(200);
            assertThat(stream.ends()).as("a disabled account receives no more patient data").isTrue();
        }
    }

    @Test
    void unitOfNobodyElse_isAnsweredLikeAUnitThatDoesNotExist() {
        String foreign = unit;
        admit("1", "Barbara", "Liskov", "1939-11-07", "female");
        VigilClient caregiver = VigilClient.user(httpPort, "caregiver", WardFixture.PASSWORD);
        VigilClient.Response notTheirs = caregiver.get("/api/v1/ward?unit=" + foreign);
        VigilClient.Response noSuchUnit = caregiver.get("/api/v1/ward?unit=no-such-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(notTheirs.status()).isEqualTo(404).isEqualTo(noSuchUnit.status());
        assertThat(notTheirs.json().get("detail")).isEqualTo(noSuchUnit.json().get("detail"));
        assertThat(notTheirs.json().get("code").asText()).isEqualTo("VIGIL-1202");
        try (EventStream stream = EventStream.open(httpPort, "/api/v1/stream/ward?unit=" + foreign, "admin", WardFixture.PASSWORD)) {
            assertThat(stream.status()).as("administrators see no clinical data").isEqualTo(404);
        }
    }
}
