package io.vigil.analytics.glucose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Consensus CGM metrics (Battelino et al., Diabetes Care 2019) on small datasets checked by hand. */
class GlucoseSummaryCalculatorTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant ONE_DAY_LATER = FROM.plus(Duration.ofDays(1));
    private final GlucoseSummaryCalculator calculator =
            new GlucoseSummaryCalculator(GlucoseSummaryCalculator.DEFAULT_INTERVAL, ZoneOffset.UTC);

    @Test
    void summarize_tenReadings_handComputedMetrics() {
        // 50 | 60 | 70 100 120 150 180 | 200 250 | 320: very low 1, low 1, in range 5, high 2, very high 1.
        // Sum 1500, mean 150; GMI 3.31 + 0.02392 × 150 = 6.898.
        // Squared deviations 10000+8100+6400+2500+900+0+900+2500+10000+28900 = 70200; /9 = 7800;
        // SD = √7800 = 88.3176…; CV = 58.8784…%.
        GlucoseSummary summary = calculator.summarize(
                fiveMinutely(50, 60, 70, 100, 120, 150, 180, 200, 250, 320), FROM, ONE_DAY_LATER);

        assertThat(summary.readings()).isEqualTo(10);
        assertThat(summary.meanGlucose()).isCloseTo(150.0, within(1e-9));
        assertThat(summary.gmi()).isCloseTo(6.898, within(1e-9));
        assertThat(summary.cv()).isCloseTo(58.87841, within(1e-5));
        assertThat(summary.timeVeryLow()).isCloseTo(10.0, within(1e-9));
        assertThat(summary.timeLow()).isCloseTo(10.0, within(1e-9));
        assertThat(summary.timeInRange()).isCloseTo(50.0, within(1e-9));
        assertThat(summary.timeHigh()).isCloseTo(20.0, within(1e-9));
        assertThat(summary.timeVeryHigh()).isCloseTo(10.0, within(1e-9));
        // 10 readings × 5 min of 1440 min = 3.4722…%
        assertThat(summary.sensorActivePercent()).isCloseTo(50.0 / 14.4, within(1e-9));
        assertThat(summary.daysWorn()).isEqualTo(1);
        assertThat(summary.sufficientData()).isFalse();
    }

    @Test
    void summarize_timeInRanges_addUpTo100() {
        GlucoseSummary summary = calculator.summarize(fiveMinutely(40, 65, 65, 99, 181, 260, 140), FROM, ONE_DAY_LATER);

        assertThat(summary.timeVeryLow() + summary.timeLow() + summary.timeInRange() + summary.timeHigh()
                + summary.timeVeryHigh()).isCloseTo(100.0, within(1e-9));
    }

    @ParameterizedTest(name = "{0} mg/dL is {1}")
    @CsvSource({"40,VERY_LOW", "53.9,VERY_LOW", "54,LOW", "69,LOW", "69.9,LOW", "70,IN_RANGE", "180,IN_RANGE",
            "180.1,HIGH", "181,HIGH", "250,HIGH", "250.1,VERY_HIGH", "251,VERY_HIGH"})
    void range_consensusBoundaries(double mgPerDl, GlucoseRange range) {
        assertThat(GlucoseRange.of(mgPerDl)).isEqualTo(range);
    }

    @ParameterizedTest(name = "mean {0} mg/dL → GMI {1}%")
    @CsvSource({"100,5.7", "150,6.9", "154,7.0", "200,8.1", "250,9.3", "300,10.5"})
    void gmi_publishedFormulaRoundedToOneDecimal(double mean, double gmi) {
        // GMI (%) = 3.31 + 0.02392 × mean mg/dL (Bergenstal et al., Diabetes Care 2018; jaeb.org/gmi)
        assertThat(Math.round(GlucoseSummaryCalculator.gmi(mean) * 10) / 10.0).isEqualTo(gmi);
    }

    @Test
    void summarize_fullFourteenDays_sensorActive100AndSufficient() {
        Instant to = FROM.plus(Duration.ofDays(14));
        List<CgmReading> readings = new ArrayList<>();
        for (Instant t = FROM; t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
            readings.add(new CgmReading(t, 120));
        }

        GlucoseSummary summary = calculator.summarize(readings, FROM, to);

        assertThat(summary.readings()).isEqualTo(14 * 288);
        assertThat(summary.sensorActivePercent()).isCloseTo(100.0, within(1e-9));
        assertThat(summary.daysWorn()).isEqualTo(14);
        assertThat(summary.sufficientData()).isTrue();
        assertThat(summary.cv()).isZero();
    }

    @Test
    void summarize_halfTheExpectedReadings_active50AndInsufficient() {
        Instant to = FROM.plus(Duration.ofDays(14));
        List<CgmReading> readings = new ArrayList<>();
        for (Instant t = FROM; t.isBefore(to); t = t.plus(Duration.ofMinutes(10))) {
            readings.add(new CgmReading(t, 120));
        }

        GlucoseSummary summary = calculator.summarize(readings, FROM, to);

        assertThat(summary.sensorActivePercent()).isCloseTo(50.0, within(1e-9));
        assertThat(summary.sufficientData()).isFalse();
    }

    @Test
    void summarize_denserThanExpected_activeCappedAt100() {
        List<CgmReading> readings = new ArrayList<>();
        for (Instant t = FROM; t.isBefore(ONE_DAY_LATER); t = t.plus(Duration.ofMinutes(1))) {
            readings.add(new CgmReading(t, 120));
        }

        assertThat(calculator.summarize(readings, FROM, ONE_DAY_LATER).sensorActivePercent()).isEqualTo(100.0);
    }

    @Test
    void summarize_readingsEitherSideOfMidnight_twoDaysWorn() {
        List<CgmReading> readings = List.of(new CgmReading(Instant.parse("2026-11-01T23:59:00Z"), 100),
                new CgmReading(Instant.parse("2026-11-02T00:01:00Z"), 100));

        assertThat(calculator.summarize(readings, FROM, FROM.plus(Duration.ofDays(3))).daysWorn()).isEqualTo(2);
    }

    @Test
    void summarize_windowIsHalfOpen_readingAtEndExcluded() {
        List<CgmReading> readings = List.of(new CgmReading(FROM, 100), new CgmReading(ONE_DAY_LATER, 300),
                new CgmReading(FROM.minusSeconds(1), 300));

        GlucoseSummary summary = calculator.summarize(readings, FROM, ONE_DAY_LATER);

        assertThat(summary.readings()).isEqualTo(1);
        assertThat(summary.meanGlucose()).isEqualTo(100.0);
        assertThat(summary.cv()).isNull();
    }

    @Test
    void summarize_noReadings_statisticsNull() {
        GlucoseSummary summary = calculator.summarize(List.of(), FROM, ONE_DAY_LATER);

        assertThat(summary.readings()).isZero();
        assertThat(summary.daysWorn()).isZero();
        assertThat(summary.sensorActivePercent()).isZero();
        assertThat(summary.meanGlucose()).isNull();
        assertThat(summary.timeInRange()).isNull();
    }

    private static List<CgmReading> fiveMinutely(double... mgPerDl) {
        List<CgmReading> readings = new ArrayList<>();
        for (int i = 0; i < mgPerDl.length; i++) {
            readings.add(new CgmReading(FROM.plus(Duration.ofMinutes(5L * i)), mgPerDl[i]));
        }
        return readings;
    }
}
