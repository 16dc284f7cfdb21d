package io.vigil.sim;

import java.time.Duration;

/** How far a scenario has moved a patient from baseline, as a function of time since the scenario began. */
final class ScenarioCourse {

    /** Sepsis reaches its full picture over this long. */
    static final Duration SEPSIS_ONSET = Duration.ofMinutes(30);
    /** Glucose a hypoglycaemic episode falls to, mg/dL: below the consensus level-2 threshold of 54. */
    static final double HYPO_NADIR = 46;

    private ScenarioCourse() {
    }

    /**
     * Changes from baseline.
     *
     * @param glucoseDip how far glucose has been pulled towards the hypoglycaemic nadir, 0 to 1
     * @param confused   new confusion (ACVPU "C") caused by the scenario itself
     */
    record Shift(double heartRate, double respiratoryRate, double spo2, double temperature, double systolic,
                 double diastolic, double weight, double glucoseDip, boolean confused) {
        static final Shift NONE = new Shift(0, 0, 0, 0, 0, 0, 0, 0, false);
    }

    static Shift at(Scenario scenario, Duration sinceStart) {
        if (sinceStart.isNegative()) {
            return Shift.NONE;
        }
        return switch (scenario) {
            case STABLE, COPD -> Shift.NONE;
            case SEPSIS -> sepsis(sinceStart);
            case HYPOGLYCAEMIA -> hypoglycaemia(sinceStart);
            case HEART_FAILURE -> heartFailure(sinceStart);
        };
    }

    private static Shift sepsis(Duration since) {
        double p = smoothstep(fraction(since, SEPSIS_ONSET));
        return new Shift(38 * p, 11 * p, -5 * p, 1.9 * p, -38 * p, -20 * p, 0, 0, p >= 0.8);
    }

    /** A daily episode: glucose falls for 90 minutes, stays low for 30, recovers over 45 once treated. */
    private static Shift hypoglycaemia(Duration since) {
        double minutes = since.toSeconds() / 60.0 % (24 * 60);
        double dip;
        if (minutes < 90) {
            dip = smoothstep(minutes / 90);
        } else if (minutes < 120) {
            dip = 1;
        } else if (minutes < 165) {
            dip = 1 - smoothstep((minutes - 120) / 45);
        } else {
            dip = 0;
        }
        return new Shift(14 * dip, 1 * dip, 0, -0.2 * dip, 6 * dip, 0, 0, dip, false);
    }

    /** Fluid retention at about 1 kg a day, with breathlessness growing over the first week. */
    private static Shift heartFailure(Duration since) {
        double days = since.toSeconds() / 86_400.0;
        return new Shift(Math.min(14, 2 * days), Math.min(8, 1.2 * days), -Math.min(6, 0.8 * days), 0, 0, 0,
                Math.min(10, days), 0, false);
    }

    private static double fraction(Duration part, Duration whole) {
        return Math.min(1.0, (double) part.toMillis() / whole.toMillis());
    }

    private static double smoothstep(double x) {
        double t = Math.clamp(x, 0.0, 1.0);
        return t * t * (3 - 2 * t);
    }
}
