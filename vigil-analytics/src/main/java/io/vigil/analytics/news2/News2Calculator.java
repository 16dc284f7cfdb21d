package io.vigil.analytics.news2;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes NEWS2 (Royal College of Physicians, 2017) from a patient's latest readings.
 *
 * <p>For each parameter the newest reading within its {@link News2Freshness} window counts; older or absent
 * ones are listed as missing. Air or oxygen comes from the newer of {@code supplemental-oxygen} (oxygen when
 * above 0 L/min) and {@code inspired-oxygen} (oxygen when above 21 %); with neither it is missing, not assumed
 * to be air. On scale 2 an SpO2 of 93 % or more cannot be scored without knowing air or oxygen, so it is then
 * missing too. Not for clinical use.
 */
public final class News2Calculator {

    private final News2Freshness freshness;
    private final Clock clock;

    public News2Calculator(News2Freshness freshness, Clock clock) {
        this.freshness = freshness;
        this.clock = clock;
    }

    /** Scores the readings (any number per type; the newest fresh one per parameter counts). */
    public News2Score score(Collection<Measurement> readings, SpO2Scale scale) {
        Instant now = clock.instant();
        Map<News2Parameter, ChartReading> fresh = newestFresh(readings, now);
        Map<News2Parameter, Integer> subscores = new EnumMap<>(News2Parameter.class);
        Map<News2Parameter, Measurement> basis = new EnumMap<>(News2Parameter.class);
        List<News2Parameter> missing = new ArrayList<>();
        for (News2Parameter parameter : News2Parameter.values()) {
            ChartReading reading = fresh.get(parameter);
            Optional<Integer> subscore = reading == null ? Optional.empty()
                    : subscore(reading, scale, fresh.get(News2Parameter.AIR_OR_OXYGEN));
            if (subscore.isPresent()) {
                subscores.put(parameter, subscore.get());
                basis.put(parameter, reading.source());
            } else {
                missing.add(parameter);
            }
        }
        int total = subscores.values().stream().mapToInt(Integer::intValue).sum();
        boolean singleThree = subscores.containsValue(3);
        return new News2Score(now, scale, total, missing.isEmpty(), subscores, missing, singleThree,
                News2Band.of(total, singleThree), basis);
    }

    private static Optional<Integer> subscore(ChartReading reading, SpO2Scale scale, ChartReading airOrOxygen) {
        double value = reading.value();
        return switch (reading.parameter()) {
            case RESPIRATION_RATE -> Optional.of(News2Chart.respirationRate(value));
            case OXYGEN_SATURATION -> oxygenSaturation(value, scale, airOrOxygen);
            case AIR_OR_OXYGEN -> Optional.of(News2Chart.airOrOxygen(reading.onOxygen()));
            case SYSTOLIC_BP -> Optional.of(News2Chart.systolicBloodPressure(value));
            case PULSE -> Optional.of(News2Chart.pulse(value));
            case CONSCIOUSNESS -> Optional.of(News2Chart.consciousness(reading.acvpu()));
            case TEMPERATURE -> Optional.of(News2Chart.temperature(value));
        };
    }

    private static Optional<Integer> oxygenSaturation(double spo2, SpO2Scale scale, ChartReading airOrOxygen) {
        if (scale == SpO2Scale.SCALE_1) {
            return Optional.of(News2Chart.oxygenSaturationScale1(spo2));
        }
        if (airOrOxygen == null && News2Chart.oxygenSaturationNeedsAirOrOxygen(spo2, scale)) {
            return Optional.empty();
        }
        return Optional.of(News2Chart.oxygenSaturationScale2(spo2, airOrOxygen != null && airOrOxygen.onOxygen()));
    }

    private Map<News2Parameter, ChartReading> newestFresh(Collection<Measurement> readings, Instant now) {
        Map<News2Parameter, ChartReading> newest = new EnumMap<>(News2Parameter.class);
        for (Measurement measurement : readings) {
            ChartReading.of(measurement)
                    .filter(reading -> !reading.time().isBefore(now.minus(freshness.window(reading.parameter()))))
                    .ifPresent(reading -> newest.merge(reading.parameter(), reading, ChartReading::newer));
        }
        return newest;
    }

    /**
     * A reading as the chart needs it, with the measurement it came from. {@code value} is the number in the canonical unit, or for air or oxygen
     * 1 when on oxygen and 0 on air; {@code acvpu} is set for consciousness only.
     */
    private record ChartReading(News2Parameter parameter, Measurement source, double value, String acvpu) {

        Instant time() {
            return source.time();
        }

        boolean onOxygen() {
            return value > 0;
        }

        /** The newer of two; at the same time, oxygen wins over air (the safer reading of a conflict). */
        static ChartReading newer(ChartReading a, ChartReading b) {
            int byTime = a.time().compareTo(b.time());
            if (byTime != 0) {
                return byTime > 0 ? a : b;
            }
            return b.value() > a.value() ? b : a;
        }

        static Optional<ChartReading> of(Measurement m) {
            return switch (m.type().alias()) {
                case "respiratory-rate" -> quantity(m).map(v -> new ChartReading(News2Parameter.RESPIRATION_RATE, m, v, null));
                case "spo2" -> quantity(m).map(v -> new ChartReading(News2Parameter.OXYGEN_SATURATION, m, v, null));
                case "supplemental-oxygen" -> quantity(m).map(v -> oxygen(m, v > 0));
                case "inspired-oxygen" -> quantity(m).map(v -> oxygen(m, v > 21));
                case "systolic-bp" -> quantity(m).map(v -> new ChartReading(News2Parameter.SYSTOLIC_BP, m, v, null));
                case "blood-pressure" -> systolic(m).map(v -> new ChartReading(News2Parameter.SYSTOLIC_BP, m, v, null));
                case "heart-rate" -> quantity(m).map(v -> new ChartReading(News2Parameter.PULSE, m, v, null));
                case "body-temperature" -> quantity(m).map(v -> new ChartReading(News2Parameter.TEMPERATURE, m, v, null));
                case "consciousness" -> m.value() instanceof MeasuredValue.Coded coded
                        ? Optional.of(new ChartReading(News2Parameter.CONSCIOUSNESS, m, 0, coded.answer().code()))
                        : Optional.empty();
                default -> Optional.empty();
            };
        }

        private static ChartReading oxygen(Measurement source, boolean onOxygen) {
            return new ChartReading(News2Parameter.AIR_OR_OXYGEN, source, onOxygen ? 1 : 0, null);
        }

        private static Optional<Double> quantity(Measurement m) {
            return m.value() instanceof MeasuredValue.Quantity q ? Optional.of(q.value()) : Optional.empty();
        }

        private static Optional<Double> systolic(Measurement m) {
            return m.value() instanceof MeasuredValue.Panel panel
                    ? panel.component("systolic-bp").map(c -> c.quantity().value())
                    : Optional.empty();
        }
    }
}
