package io.vigil.sim;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.glucose.PredictedLow;
import io.vigil.analytics.glucose.PredictedLowMonitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs the CGM predicted-low rule over simulated CGM traces and counts what it did. A trace is a simulated patient's
 * glucose ({@link PatientPhysiology}) read as a CGM would: every 5 minutes, 5 minutes behind blood glucose
 * (interstitial lag), with the two error parts of published CGM error models (Facchinetti et al., IEEE TBME 2014):
 * a slow calibration error, proportional (AR(1), φ = 0.99 per reading, 5 % standard deviation), and fast sensor
 * noise (AR(1), φ = 0.7, 3 mg/dL standard deviation). A low event is the true glucose crossing below 70 mg/dL; it is detected when the rule is
 * raised at most 60 minutes before the crossing and not after it, with lead time = crossing − raise. A raise with
 * no true glucose below 70 within 45 minutes after it is a false alarm.
 */
final class PredictedLowEvaluation {
    private static final Duration SAMPLE = Duration.ofMinutes(5);
    private static final Duration LAG = Duration.ofMinutes(5);
    private static final Duration LOOK_BACK = Duration.ofMinutes(60);
    private static final Duration CONFIRM_WITHIN = Duration.ofMinutes(45);
    private static final double LOW = 70;

    record Figures(int patients, double days, int events, int detectedBefore, List<Double> leadMinutes, int raises,
                   int falseAlarms) {
        double sensitivity() {
            return events == 0 ? Double.NaN : (double) detectedBefore / events;
        }

        double falseAlarmsPerPatientDay() {
            return falseAlarms / (patients * days);
        }

        double positivePredictivity() {
            return raises == 0 ? Double.NaN : (double) (raises - falseAlarms) / raises;
        }

        double leadPercentile(double p) {
            if (leadMinutes.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = leadMinutes.stream().sorted().toList();
            return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
        }

        String report(String label) {
            return String.format("%s: patients=%d days=%.0f lows=%d detected_before=%d (%.1f %%) lead_min p10=%.0f "
                            + "median=%.0f p90=%.0f raises=%d false_alarms=%d (%.2f per patient-day) ppv=%.1f %%",
                    label, patients, patients * days, events, detectedBefore, 100 * sensitivity(), leadPercentile(0.1),
                    leadPercentile(0.5), leadPercentile(0.9), raises, falseAlarms, falseAlarmsPerPatientDay(),
                    100 * positivePredictivity());
        }
    }

    private PredictedLowEvaluation() {
    }

    static Figures run(Scenario scenario, int patients, int days, long seed, PredictedLow rule) {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        int events = 0;
        int detected = 0;
        int raisesTotal = 0;
        int falseAlarms = 0;
        List<Double> leads = new ArrayList<>();
        for (int p = 0; p < patients; p++) {
            PatientPhysiology patient = PatientPhysiology.random(seed + p, scenario, clock)
                    .withScenarioStart(start.plus(Duration.ofMinutes(37L * p % 1440)));
            Random sensor = new Random(seed * 31 + p);
            PredictedLowMonitor monitor = new PredictedLowMonitor("p" + p, rule);
            List<Instant> raises = new ArrayList<>();
            List<Instant> crossings = new ArrayList<>();
            List<Instant> lowTimes = new ArrayList<>();
            double bias = 0.05 * sensor.nextGaussian();
            double noise = 0;
            double previousTrue = Double.NaN;
            for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(days))); t = t.plus(SAMPLE)) {
                double truth = patient.at(t).glucose();
                if (truth < LOW) {
                    lowTimes.add(t);
                    if (previousTrue >= LOW) {
                        crossings.add(t);
                    }
                }
                previousTrue = truth;
                bias = 0.99 * bias + Math.sqrt(1 - 0.99 * 0.99) * 0.05 * sensor.nextGaussian();
                noise = 0.7 * noise + Math.sqrt(1 - 0.49) * 3 * sensor.nextGaussian();
                double read = patient.at(t.minus(LAG)).glucose() * (1 + bias) + noise;
                double shown = Math.clamp(read, 40, 400);
                monitor.accept(shown, t)
                        .filter(e -> e instanceof ConditionEvent.Raised).ifPresent(e -> raises.add(e.time()));
            }
            events += crossings.size();
            for (Instant crossing : crossings) {
                raises.stream().filter(r -> !r.isAfter(crossing) && !r.isBefore(crossing.minus(LOOK_BACK)))
                        .min(Instant::compareTo).ifPresent(r -> leads.add(Duration.between(r, crossing).toSeconds() / 60.0));
            }
            detected = leads.size();
            raisesTotal += raises.size();
            for (Instant raise : raises) {
                boolean confirmed = lowTimes.stream()
                        .anyMatch(l -> !l.isBefore(raise) && !l.isAfter(raise.plus(CONFIRM_WITHIN)));
                if (!confirmed) {
                    falseAlarms++;
                }
            }
        }
        return new Figures(patients, days, events, detected, leads, raisesTotal, falseAlarms);
    }
}
