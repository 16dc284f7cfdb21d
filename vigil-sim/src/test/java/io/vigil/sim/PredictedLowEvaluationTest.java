package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.glucose.PredictedLow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The CGM predicted-low rule's lead time and false alarms on simulated traces ({@link PredictedLowEvaluation});
 * prints the figures docs/clinical.md quotes. Run:
 * {@code ./mvnw -o -q test -pl vigil-sim -am -Dtest=PredictedLowEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class PredictedLowEvaluationTest {
    private static final long HYPO_SEED = 20261125L;
    private static final long STABLE_SEED = 20261126L;

    /** The alternatives docs/clinical.md compares: horizon, fit window, consecutive low forecasts. */
    @Test
    void alternatives_printed() {
        int[][] settings = {{20, 20, 1}, {20, 30, 2}, {30, 20, 1}, {30, 30, 1}, {30, 30, 2}, {30, 30, 3}};
        for (int[] s : settings) {
            PredictedLow rule = new PredictedLow(70, 10, Duration.ofMinutes(s[1]), Duration.ofMinutes(s[0]), 3, s[2],
                    AlertPriority.MEDIUM);
            String label = "horizon=" + s[0] + "m fit=" + s[1] + "m confirmations=" + s[2];
            PredictedLowEvaluation.Figures hypo = PredictedLowEvaluation.run(Scenario.HYPOGLYCAEMIA, 40, 3, HYPO_SEED, rule);
            PredictedLowEvaluation.Figures stable = PredictedLowEvaluation.run(Scenario.STABLE, 40, 3, STABLE_SEED, rule);
            System.out.println(hypo.report(label + " hypoglycaemia"));
            System.out.println(stable.report(label + " stable"));
            assertThat(hypo.events()).isEqualTo(PredictedLowEvaluation.run(Scenario.HYPOGLYCAEMIA, 40, 3, HYPO_SEED,
                    PredictedLow.defaults()).events());
        }
    }

    @Test
    void hypoglycaemiaScenario_lowsForeseenWithLeadTime() {
        PredictedLowEvaluation.Figures hypo = PredictedLowEvaluation.run(Scenario.HYPOGLYCAEMIA, 40, 3, HYPO_SEED,
                PredictedLow.defaults());
        System.out.println(hypo.report("predicted-low hypoglycaemia"));

        assertThat(hypo.events()).as("one low a day per patient").isGreaterThanOrEqualTo(100);
        assertThat(hypo.sensitivity()).isGreaterThan(0.8);
        assertThat(hypo.leadPercentile(0.5)).as("median lead time, minutes").isGreaterThanOrEqualTo(10);
    }

    @Test
    void stablePatients_fewFalseAlarms() {
        PredictedLowEvaluation.Figures stable = PredictedLowEvaluation.run(Scenario.STABLE, 40, 3, STABLE_SEED,
                PredictedLow.defaults());
        System.out.println(stable.report("predicted-low stable"));

        assertThat(stable.falseAlarmsPerPatientDay()).isLessThan(3.0);
    }
}
