package io.vigil.server.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.analytics.trend.TrendRule;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** vigil.rules.* bound as Spring binds it: defaults, device-type keys with dashes, validation. */
class RulePropertiesTest {

    private static RuleProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("vigil.rules", RuleProperties.class);
    }

    @Test
    void defaults() {
        RuleProperties rules = bind(Map.of());

        assertThat(rules.expectedReadings().interval("vital-signs-monitor")).contains(Duration.ofMinutes(5));
        assertThat(rules.expectedReadings().interval("continuous-glucose-monitor")).contains(Duration.ofMinutes(15));
        assertThat(rules.expectedReadings().interval("weighing-scale")).isEmpty();
        assertThat(rules.watchRules().predictedLow().horizon()).isEqualTo(Duration.ofMinutes(30));
        assertThat(rules.watchRules().trends().rules()).hasSize(4);
    }

    @Test
    void deviceTypeKeysAndTrendFigures() {
        RuleProperties rules = bind(Map.of("vigil.rules.no-data.vital-signs-monitor", "2m",
                "vigil.rules.no-data.weighing-scale", "26h", "vigil.rules.weight-gain-three-day-kg", "1.5",
                "vigil.rules.predicted-low-confirmations", "1"));

        assertThat(rules.expectedReadings().intervals()).containsOnly(
                Map.entry("vital-signs-monitor", Duration.ofMinutes(2)), Map.entry("weighing-scale", Duration.ofHours(26)));
        assertThat(rules.watchRules().trends().rules()).filteredOn(r -> r.id().equals("weight-gain-3d")).singleElement()
                .isInstanceOfSatisfying(TrendRule.Gain.class, g -> assertThat(g.gain()).isEqualTo(1.5));
        assertThat(rules.watchRules().predictedLow().confirmations()).isEqualTo(1);
    }

    @Test
    void nonsense_refused() {
        assertThatThrownBy(() -> bind(Map.of("vigil.rules.spo2-fall-per-hour", "-3"))).hasRootCauseInstanceOf(
                IllegalArgumentException.class);
    }
}
