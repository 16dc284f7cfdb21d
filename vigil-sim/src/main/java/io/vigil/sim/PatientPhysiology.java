package io.vigil.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One simulated patient: seeded adult baselines, a circadian rhythm (lowest in the early morning), slow
 * physiological variability, and a scenario that moves the baselines from its start time on.
 * Immutable and thread-safe: the state at an instant is a pure function of seed, scenario and instant, so the
 * devices of one patient may share it.
 */
public final class PatientPhysiology {

    private static final double PHYSIOLOGICAL_SPO2_MAX = 100;
    /** Hour of the day the circadian rhythm peaks; the trough is 12 hours later. */
    private static final double CIRCADIAN_PEAK_HOUR = 16;
    private static final Duration VARIABILITY_SPACING = Duration.ofMinutes(15);
    private static final Duration WEIGHT_SPACING = Duration.ofDays(1);
    private static final double[] MEAL_HOURS = {7.5, 12.5, 18.5};

    private final long seed;
    private final Scenario scenario;
    private final Instant scenarioStart;
    private final Clock clock;
    private final PatientBaseline baseline;
    private final SeededNoise noise;

    private PatientPhysiology(long seed, Scenario scenario, Instant scenarioStart, Clock clock,
                              PatientBaseline baseline) {
        this.seed = seed;
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.scenarioStart = Objects.requireNonNull(scenarioStart, "scenarioStart");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        this.noise = new SeededNoise(seed);
    }

    /** A patient with seeded baselines whose scenario starts now by the clock. */
    public static PatientPhysiology random(long seed, Scenario scenario, Clock clock) {
        return new PatientPhysiology(seed, scenario, clock.instant(), clock, PatientBaseline.random(seed, scenario));
    }

    /** The same patient with the scenario starting at another instant (e.g. some hours into a demo). */
    public PatientPhysiology withScenarioStart(Instant start) {
        return new PatientPhysiology(seed, scenario, start, clock, baseline);
    }

    public long seed() {
        return seed;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Instant scenarioStart() {
        return scenarioStart;
    }

    public PatientBaseline baseline() {
        return baseline;
    }

    /** The state now, by the patient's clock. */
    public Vitals now() {
        return at(clock.instant());
    }

    /** The state at a (simulated) instant. */
    public Vitals at(Instant time) {
        double circadian = circadian(time);
        ScenarioCourse.Shift shift = ScenarioCourse.at(scenario, Duration.between(scenarioStart, time));
        PatientBaseline b = baseline;
        double heartRate = b.heartRate() + 5 * circadian + 3 * variability(1, time) + shift.heartRate();
        double respiratoryRate = b.respiratoryRate() + 0.8 * circadian + 0.8 * variability(2, time)
                + shift.respiratoryRate();
        double spo2 = b.spo2() + 0.5 * variability(3, time) + shift.spo2();
        double temperature = b.temperature() + 0.25 * circadian + 0.1 * variability(4, time) + shift.temperature();
        double systolic = Math.clamp(b.systolic() + 7 * circadian + 4 * variability(5, time) + shift.systolic(),
                65, 220);
        double diastolic = b.diastolic() + 4 * circadian + 3 * variability(6, time) + shift.diastolic();
        double glucose = glucose(time, shift.glucoseDip());
        double weight = b.weight() + 0.3 * noise.smooth(7, time, WEIGHT_SPACING) + shift.weight();
        boolean confused = shift.confused() || glucose < 54;
        return new Vitals(time,
                Math.clamp(heartRate, 35, 180),
                Math.clamp(respiratoryRate, 6, 45),
                Math.clamp(spo2, 70, PHYSIOLOGICAL_SPO2_MAX),
                Math.clamp(temperature, 34.5, 41.5),
                systolic,
                Math.clamp(diastolic, 35, Math.min(130, systolic - 15)),
                glucose,
                Math.clamp(weight, 35, 250),
                confused ? "C" : "A",
                0,
                21);
    }

    /** Glucose: fasting baseline, a rise after each meal, drift, and the pull of a hypoglycaemic episode. */
    private double glucose(Instant time, double dip) {
        double hour = hourOfDay(time);
        double mealRise = baseline.diabetic() ? 75 : 35;
        double rise = 0;
        for (double meal : MEAL_HOURS) {
            rise += mealRise * mealCurve((hour - meal + 24) % 24);
        }
        double drift = (baseline.diabetic() ? 12 : 5) * variability(8, time);
        double glucose = baseline.glucose() + rise + drift;
        return Math.clamp(glucose * (1 - dip) + ScenarioCourse.HYPO_NADIR * dip, 35, 450);
    }

    /** A meal's glucose rise over the hours after it: peaks at 1 after 45 minutes, then fades. */
    private static double mealCurve(double hoursSince) {
        double x = hoursSince / 0.75;
        return x * Math.exp(1 - x);
    }

    /** +1 in the late afternoon, −1 in the early morning, by the clock's time zone. */
    private double circadian(Instant time) {
        return Math.cos(2 * Math.PI * (hourOfDay(time) - CIRCADIAN_PEAK_HOUR) / 24);
    }

    private double hourOfDay(Instant time) {
        LocalTime local = time.atZone(clock.getZone()).toLocalTime();
        return local.toSecondOfDay() / 3600.0;
    }

    private double variability(long stream, Instant time) {
        return noise.smooth(stream, time, VARIABILITY_SPACING);
    }
}
