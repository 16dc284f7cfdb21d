package io.vigil.analytics.technical;

import static io.vigil.analytics.watch.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.ConditionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Technical conditions from the codecs' status notes (Bluetooth SIG HRS / PLXS / CGMS flags), values and clocks. */
class TechnicalMonitorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final TechnicalMonitor monitor = new TechnicalMonitor("p1", TechnicalRules.defaults());

    private static List<String> ids(List<ConditionEvent> events) {
        events.forEach(e -> assertThat(e.rule().category()).isEqualTo(AlertCategory.TECHNICAL));
        return events.stream().map(e -> e.getClass().getSimpleName() + ":" + e.rule().id()).toList();
    }

    private List<String> see(String alias, double value, Instant time, String... notes) {
        return ids(monitor.accept(reading("dev-1", alias, value, time, List.of(notes), null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sensor contact not detected", "sensor unconnected to user", "sensor displaced",
            "sensor disconnected"})
    void sensorOff_raisedByTheFlag_clearedByAReadingWithout(String flag) {
        assertThat(see("heart-rate", 72, T0, flag)).containsExactly("Raised:heart-rate-sensor-off");
        assertThat(see("heart-rate", 72, T0.plusSeconds(1), flag)).containsExactly("Continuing:heart-rate-sensor-off");
        assertThat(see("heart-rate", 72, T0.plusSeconds(2), "sensor contact detected"))
                .containsExactly("Cleared:heart-rate-sensor-off");
    }

    @Test
    void sensorOff_contactDetected_raisesNothing() {
        assertThat(see("heart-rate", 72, T0, "sensor contact detected")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"poor signal detected|true", "low perfusion detected|true",
            "invalid measurement detected|true", "pulse amplitude index 0.2 %|true", "pulse amplitude index 0.3 %|false",
            "pulse amplitude index 4.1 %|false", "validated data|false"})
    void signalQuality(String note, boolean poor) {
        assertThat(see("spo2", 96, T0, note)).isEqualTo(poor ? List.of("Raised:spo2-signal-quality") : List.of());
    }

    @Test
    void signalQuality_cgmQualityWithRecordPrefix() {
        assertThat(see("cgm-glucose", 120, T0, "record 1: quality 40 %")).containsExactly("Raised:cgm-glucose-signal-quality");
        assertThat(see("cgm-glucose", 120, T0.plusSeconds(300), "record 1: quality 90 %"))
                .containsExactly("Cleared:cgm-glucose-signal-quality");
    }

    @ParameterizedTest
    @CsvSource({"heart-rate,29,true", "heart-rate,30,false", "heart-rate,250,false", "heart-rate,251,true",
            "spo2,69,true", "spo2,70,false", "cgm-glucose,39,true", "cgm-glucose,401,true", "body-weight,400,false"})
    void implausible_outsideTheTable(String alias, double value, boolean raises) {
        assertThat(see(alias, value, T0)).isEqualTo(raises ? List.of("Raised:" + alias + "-implausible") : List.of());
    }

    @Test
    void implausible_clearsWithAPlausibleReading_lateReadingIgnored() {
        assertThat(see("spo2", 50, T0)).containsExactly("Raised:spo2-implausible");
        assertThat(see("spo2", 97, T0.minusSeconds(10))).isEmpty();
        assertThat(see("spo2", 97, T0.plusSeconds(10))).containsExactly("Cleared:spo2-implausible");
    }

    @Test
    void clockAhead_raisesAtOnce_perDevice_clearedWithinTheBound() {
        assertThat(clock("dev-9", Duration.ofMinutes(-5), 0)).as("exactly the bound").isEmpty();
        assertThat(clock("dev-9", Duration.ofMinutes(-6), 1)).containsExactly("Raised:clock-off-dev-9");
        assertThat(clock("dev-8", Duration.ZERO, 2)).isEmpty();
        assertThat(clock("dev-9", Duration.ofSeconds(2), 3)).containsExactly("Cleared:clock-off-dev-9");
    }

    @Test
    void clockBehind_needsThreeLateReadingsInARow_soOneLateDeliveryDoesNotRaise() {
        assertThat(clock("dev-9", Duration.ofMinutes(20), 0)).isEmpty();
        assertThat(clock("dev-9", Duration.ofSeconds(1), 1)).isEmpty();
        assertThat(clock("dev-9", Duration.ofMinutes(6), 2)).isEmpty();
        assertThat(clock("dev-9", Duration.ofMinutes(6), 3)).isEmpty();
        assertThat(ids(monitor.accept(reading("dev-9", "spo2", 97, T0.plusSeconds(3), List.of(), Duration.ofMinutes(6)))))
                .as("the same reading's other measurement counts once").isEmpty();
        assertThat(clock("dev-9", Duration.ofMinutes(6), 4)).containsExactly("Raised:clock-off-dev-9");
        assertThat(clock("dev-9", Duration.ofMinutes(1), 5)).containsExactly("Cleared:clock-off-dev-9");
    }

    private List<String> clock(String device, Duration offset, int second) {
        return ids(monitor.accept(reading(device, "heart-rate", 70, T0.plusSeconds(second), List.of(), offset)));
    }
}
