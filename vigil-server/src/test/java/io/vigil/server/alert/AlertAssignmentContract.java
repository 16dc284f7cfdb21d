package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.BedsideContract;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.web.EventStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who holds an alert, over REST: a clinician takes an alert, hands it to a colleague on the same care team, gives it
 * back; the assignee is in the alert's JSON, its event stream, its history and the audit trail, and filters the list.
 * Nobody who may not see the patient can hold it. Subclasses pick H2 or PostgreSQL.
 */
abstract class AlertAssignmentContract extends BedsideContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    AuditTrail audit;

    String nurse;
    VigilClient nurseClient;
    /** A clinician on no care team that covers ward-a. */
    String outsider;
    String alert;

    @BeforeEach
    void alertAndColleagues() {
        VigilClient admin = ward.admin();
        nurse = "nurse-" + UUID.randomUUID().toString().substring(0, 8);
        outsider = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        for (String user : List.of(nurse, outsider)) {
            assertThat(admin.post("/api/v1/users", Map.of("username", user, "password", WardFixture.PASSWORD,
                    "roles", List.of("clinician"))).status()).isEqualTo(201);
        }
        List<String> members = new ArrayList<>(List.of(nurse));
        for (JsonNode team : admin.get("/api/v1/care-teams").json()) {
            if (team.get("id").asText().equals("ward-a-team")) {
                team.get("members").forEach(m -> members.add(m.asText()));
            }
        }
        assertThat(admin.put("/api/v1/care-teams/ward-a-team", Map.of("name", "Ward A team", "units", List.of("ward-a"),
                "members", members)).status()).isEqualTo(200);
        nurseClient = VigilClient.user(httpPort, nurse, WardFixture.PASSWORD);

        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/measurements",
                Map.of("time", Instant.now().minusSeconds(60).toString(), "values", Map.of("heart-rate", 150)));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        await().atMost(WAIT).until(() -> !clinician.get(heartRateAlerts("")).json().isEmpty());
        alert = clinician.get(heartRateAlerts("")).json().get(0).get("id").asText();
    }

    @Test
    void takenHandedOnGivenBack_shownInJsonStreamHistoryAuditAndFilters() {
        String path = "/api/v1/alerts/" + alert;
        assertThat(clinician.get(path).json().at("/alert/assignee").isNull()).as("nobody holds a new alert").isTrue();
        assertThat(ids(heartRateAlerts("&assignee=none"))).containsExactly(alert);

        try (EventStream stream = EventStream.open(httpPort, "/api/v1/alerts/stream?patient=" + patient, "clinician",
                WardFixture.PASSWORD)) {
            assertThat(stream.status()).as(stream.body()).isEqualTo(200);

            VigilClient.Response taken = clinician.post(path + "/assign", Map.of("to", "me"));
            assertThat(taken.status()).as(taken.body()).isEqualTo(200);
            assertThat(taken.json().get("assignee").asText()).isEqualTo("clinician");
            assertThat(taken.json().get("assignedBy").asText()).isEqualTo("clinician");
            assertThat(taken.json().get("assignedAt").isNull()).isFalse();

            JsonNode event = nextOf(stream, "assigned");
            assertThat(event.at("/alert/id").asText()).isEqualTo(alert);
            assertThat(event.at("/alert/assignee").asText()).isEqualTo("clinician");
            assertThat(event.get("actor").asText()).isEqualTo("clinician");

            assertThat(ids(heartRateAlerts("&assignee=me"))).containsExactly(alert);
            assertThat(ids(heartRateAlerts("&assignee=clinician"))).containsExactly(alert);
            assertThat(ids(heartRateAlerts("&assignee=none"))).isEmpty();

            VigilClient.Response handed = clinician.post(path + "/assign", Map.of("to", nurse));
            assertThat(handed.status()).as(handed.body()).isEqualTo(200);
            assertThat(handed.json().get("assignee").asText()).isEqualTo(nurse);
            assertThat(nextOf(stream, "assigned").at("/alert/assignee").asText()).isEqualTo(nurse);
            assertThat(nurseClient.get("/api/v1/alerts?patient=" + patient + "&assignee=me").json())
                    .anySatisfy(a -> assertThat(a.get("id").asText()).isEqualTo(alert));
            assertThat(ids(heartRateAlerts("&assignee=me"))).isEmpty();

            // A later change of the alert (another breach, an acknowledgement) still says who holds it.
            VigilClient.Response acked = nurseClient.post(path + "/ack", Map.of("reason", "On my way"));
            assertThat(acked.json().get("assignee").asText()).isEqualTo(nurse);
            assertThat(nextOf(stream, "acknowledged").at("/alert/assignee").asText()).isEqualTo(nurse);

            VigilClient.Response back = nurseClient.post(path + "/unassign", Map.of());
            assertThat(back.status()).as(back.body()).isEqualTo(200);
            assertThat(back.json().get("assignee").isNull()).isTrue();
            JsonNode unassigned = nextOf(stream, "unassigned");
            assertThat(unassigned.at("/alert/assignee").isNull()).isTrue();
            assertThat(unassigned.get("detail").asText()).isEqualTo("from " + nurse);
        }

        List<String> history = new ArrayList<>();
        clinician.get(path).json().get("history").forEach(t -> history.add(t.get("action").asText() + " by "
                + t.get("actor").asText() + (t.get("detail").isNull() ? "" : " " + t.get("detail").asText())));
        assertThat(history).contains("assigned by clinician to clinician", "assigned by clinician to " + nurse,
                "unassigned by " + nurse + " from " + nurse);

        audit.write();
        List<String> audited = audit.search(patient, null, null, null, 100).stream()
                .filter(r -> r.event().action().startsWith("alert.") && alert.equals(r.event().resourceId()))
                .map(r -> r.event().action() + " by " + r.event().actor()).toList();
        assertThat(audited).contains("alert.assigned by clinician", "alert.unassigned by " + nurse);
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void onlySomeoneWhoMaySeeThePatient_canHoldIt() {
        String path = "/api/v1/alerts/" + alert;
        VigilClient.Response elsewhere = clinician.post(path + "/assign", Map.of("to", outsider));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(422);
        assertThat(elsewhere.contentType()).startsWith("application/problem+json");
        assertThat(elsewhere.json().get("code").asText()).isEqualTo("VIGIL-1654");

        VigilClient.Response unknown = clinician.post(path + "/assign", Map.of("to", "nobody-" + UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("code").asText()).isEqualTo("VIGIL-1653");
        VigilClient.Response notClinician = clinician.post(path + "/assign", Map.of("to", "caregiver"));
        assertThat(notClinician.json().get("code").asText()).as("a caregiver holds no alert").isEqualTo("VIGIL-1653");
        assertThat(clinician.post(path + "/assign", Map.of()).status()).isEqualTo(400);

        assertThat(caregiver.post(path + "/assign", Map.of("to", "me")).status()).isEqualTo(403);
        assertThat(ward.admin().post(path + "/assign", Map.of("to", "clinician")).status()).isEqualTo(403);
        VigilClient outsiderClient = VigilClient.user(httpPort, outsider, WardFixture.PASSWORD);
        assertThat(outsiderClient.post(path + "/assign", Map.of("to", "me")).status())
                .as("an alert the caller may not see is not found").isEqualTo(404);
        assertThat(clinician.get(path).json().at("/alert/assignee").isNull()).as("nothing was assigned").isTrue();

        List<String> offered = new ArrayList<>();
        clinician.get(path + "/assignees").json().forEach(h -> offered.add(h.get("username").asText()));
        assertThat(offered).contains("clinician", nurse).doesNotContain(outsider, "caregiver", "admin");
        assertThat(caregiver.get(path + "/assignees").status()).isEqualTo(403);

        assertThat(clinician.post(path + "/resolve", Map.of()).status()).isEqualTo(200);
        VigilClient.Response resolved = clinician.post(path + "/assign", Map.of("to", "me"));
        assertThat(resolved.status()).isEqualTo(409);
        assertThat(resolved.json().get("code").asText()).isEqualTo("VIGIL-1655");
        assertThat(clinician.post("/api/v1/alerts/" + UUID.randomUUID() + "/assign", Map.of("to", "me")).status())
                .isEqualTo(404);
    }

    private String heartRateAlerts(String filters) {
        return "/api/v1/alerts?patient=" + patient + "&rule=heart-rate-high" + filters;
    }

    private List<String> ids(String path) {
        VigilClient.Response listed = clinician.get(path);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        listed.json().forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    /** The next alert event of this action about the test's alert (others, e.g. NEWS2's, are skipped). */
    private JsonNode nextOf(EventStream stream, String action) {
        while (true) {
            JsonNode m = VigilClient.JSON.valueToTree(parse(stream.next("alert").data()));
            if (m.get("action").asText().equals(action) && m.at("/alert/id").asText().equals(alert)) {
                return m;
            }
        }
    }

    private static JsonNode parse(String json) {
        try {
            return VigilClient.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
