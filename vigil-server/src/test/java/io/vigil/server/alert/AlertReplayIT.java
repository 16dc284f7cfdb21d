package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Readings analysed twice (scale-out: a node died before committing its Kafka offsets, another analyses the same
 * readings again) change no alert twice: a raise already stored is not raised again, and a clearing value from
 * before the open alert does not resolve it. KafkaScaleOutIT shows the same on PostgreSQL across nodes.
 */
class AlertReplayIT extends BedsideContract {
    private static final AlertRule RULE = new AlertRule("heart-rate-high", "heart-rate", AlertPriority.HIGH,
            AlertCategory.PHYSIOLOGICAL);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    AlertConditions conditions;

    @Test
    void conditionEventsReplayed_raiseOnce_staleClearLeavesNewerAlertOpen() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        List<ConditionEvent> firstPass = List.of(
                new ConditionEvent.Raised(RULE, patient, 150, t),
                new ConditionEvent.Cleared(RULE, patient, 72, t.plusSeconds(10)),
                new ConditionEvent.Raised(RULE, patient, 155, t.plusSeconds(20)));
        firstPass.forEach(conditions::report);
        assertThat(states()).containsExactly("active", "resolved");

        firstPass.forEach(conditions::report); // the same readings analysed again

        assertThat(states()).as("newest first: the second crossing still open, the first resolved, none twice")
                .containsExactly("active", "resolved");
        JsonNode open = clinician.get("/api/v1/alerts?patient=" + patient + "&rule=heart-rate-high&state=active").json();
        assertThat(open).singleElement().satisfies(a -> {
            assertThat(a.get("firstValue").asDouble()).isEqualTo(155);
            assertThat(a.get("count").asInt()).isEqualTo(1); // the replayed raise is not another breach either
        });

        conditions.report(new ConditionEvent.Raised(RULE, patient, 150, t.plusSeconds(25)));
        conditions.report(new ConditionEvent.Cleared(RULE, patient, 70, t.plusSeconds(30)));
        assertThat(states()).as("a later clearing value still clears").containsExactly("resolved", "resolved");
    }

    private List<String> states() {
        List<String> states = new ArrayList<>();
        clinician.get("/api/v1/alerts?patient=" + patient + "&rule=heart-rate-high").json()
                .forEach(a -> states.add(a.get("state").asText()));
        return states;
    }
}
