package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import io.vigil.server.StepClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Escalation to roles and the end of snoozes, on a step clock: the test moves time and runs the scheduler's round;
 * ward-a has its own ladder, other units the default. Then the alarm-fatigue figures of what happened.
 */
@Import(StepClock.InContext.class)
class AlertEscalationIT extends BedsideContract {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("vigil.alerts.escalation.units.ward-a", () -> "bay-nurse:0,nurse-in-charge:5m,outreach:PT10M");
        registry.add("vigil.alerts.check-every", () -> "1h"); // the test runs the rounds
    }

    @Autowired
    StepClock clock;

    @Autowired
    AlertConditions conditions;

    @Autowired
    AlertEscalator escalator;

    @Test
    void unacknowledged_escalatesTierByTierToRoles_andStopsWhenAcknowledged() {
        String id = raise("esc");
        assertThat(alert(id).get("escalationRole").asText()).isEqualTo("bay-nurse");

        step(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(alert(id).get("escalationTier").asInt()).isZero();
        step(Duration.ofSeconds(1));
        assertThat(alert(id).get("escalationTier").asInt()).isEqualTo(1);
        assertThat(alert(id).get("escalationRole").asText()).isEqualTo("nurse-in-charge");
        step(Duration.ofMinutes(5));
        assertThat(alert(id).get("escalationRole").asText()).isEqualTo("outreach");
        step(Duration.ofHours(1));
        assertThat(alert(id).get("escalationTier").asInt()).isEqualTo(2);

        List<String> escalations = new ArrayList<>();
        clinician.get("/api/v1/alerts/" + id).json().get("history").forEach(t -> {
            if (t.get("action").asText().equals("escalated")) {
                escalations.add(t.get("detail").asText());
            }
        });
        assertThat(escalations).containsExactly("tier 1 after 300 s", "tier 2 after 600 s");

        String acked = raise("ack");
        step(Duration.ofMinutes(3));
        assertThat(clinician.post("/api/v1/alerts/" + acked + "/ack", Map.of("reason", "Attending to patient")).status())
                .isEqualTo(200);
        step(Duration.ofMinutes(20));
        assertThat(alert(acked).get("escalationTier").asInt()).as("acknowledged: no escalation").isZero();

        JsonNode figures = clinician.get("/api/v1/alerts/metrics?unit=ward-a&from=" + clock.instant().minus(Duration.ofDays(1))
                + "&to=" + clock.instant().plusSeconds(1)).json();
        JsonNode ackRule = rule(figures, acked);
        assertThat(ackRule.get("acknowledged").asInt()).isEqualTo(1);
        assertThat(ackRule.get("medianSecondsToAcknowledge").asDouble()).isEqualTo(180.0);
        assertThat(ackRule.get("escalations").asInt()).isZero();
        assertThat(rule(figures, id).get("escalations").asInt()).isEqualTo(2);
        assertThat(caregiver.get("/api/v1/alerts/metrics?unit=ward-a").json().get("units")).isEmpty();
    }

    @Test
    void snoozed_neitherEscalatesNorRealerts_untilItEnds() {
        String id = raise("snooze");
        assertThat(clinician.post("/api/v1/alerts/" + id + "/snooze", Map.of("duration", "PT10M")).status())
                .isEqualTo(200);

        step(Duration.ofMinutes(9));
        JsonNode during = alert(id);
        assertThat(during.get("snoozed").asBoolean()).isTrue();
        assertThat(during.get("escalationTier").asInt()).isZero();

        step(Duration.ofMinutes(1));
        JsonNode after = alert(id);
        assertThat(after.get("snoozed").asBoolean()).isFalse();
        assertThat(after.get("snoozedUntil").isNull()).isTrue();
        assertThat(after.get("escalationTier").asInt()).as("its age calls for the last tier").isEqualTo(2);
        List<String> actions = new ArrayList<>();
        clinician.get("/api/v1/alerts/" + id).json().get("history").forEach(t -> actions.add(t.get("action").asText()));
        assertThat(actions).containsExactly("raised", "snoozed", "snooze-ended", "escalated");
    }

    private String raise(String name) {
        AlertRule rule = new AlertRule(name + "-" + UUID.randomUUID().toString().substring(0, 8), "heart-rate",
                AlertPriority.HIGH, AlertCategory.PHYSIOLOGICAL);
        conditions.report(new ConditionEvent.Raised(rule, patient, 150, clock.instant()));
        escalator.round();
        return clinician.get("/api/v1/alerts?patient=" + patient + "&rule=" + rule.id()).json().get(0).get("id").asText();
    }

    private void step(Duration duration) {
        clock.advance(duration);
        escalator.round();
    }

    private JsonNode alert(String id) {
        return clinician.get("/api/v1/alerts/" + id).json().get("alert");
    }

    private JsonNode rule(JsonNode figures, String alertId) {
        String rule = alert(alertId).get("rule").asText();
        for (JsonNode f : figures.get("rules")) {
            if (f.get("rule").asText().equals(rule)) {
                return f;
            }
        }
        throw new AssertionError("no figures for " + rule);
    }
}
