package io.vigil.sim;

import java.util.SplittableRandom;

/**
 * A simulated patient's resting values, before circadian drift, variability and the scenario act on them.
 *
 * @param age             years
 * @param sex             administrative gender, {@code female} or {@code male}
 * @param heartRate       /min
 * @param respiratoryRate /min
 * @param spo2            %
 * @param temperature     °C
 * @param systolic        mm[Hg]
 * @param diastolic       mm[Hg]
 * @param glucose         fasting glucose, mg/dL
 * @param diabetic        whether glucose swings like a patient with diabetes
 * @param weight          kg
 * @param news2Scale      1, or 2 for hypercapnic respiratory failure (target SpO2 88–92 %)
 */
public record PatientBaseline(int age, String sex, double heartRate, double respiratoryRate, double spo2,
                              double temperature, double systolic, double diastolic, double glucose,
                              boolean diabetic, double weight, int news2Scale) {

    /** Baselines for an adult drawn from seeded distributions; the scenario decides chronic conditions. */
    static PatientBaseline random(long seed, Scenario scenario) {
        SplittableRandom random = new SplittableRandom(seed);
        int age = 25 + random.nextInt(66);
        String sex = random.nextBoolean() ? "female" : "male";
        double heartRate = normal(random, 74, 7, 60, 92);
        double respiratoryRate = normal(random, 15, 1.5, 12, 18);
        double spo2 = normal(random, age > 70 ? 96.5 : 97.3, 0.8, 95, 99);
        double temperature = normal(random, 36.8, 0.2, 36.4, 37.2);
        double systolic = normal(random, 108 + 0.35 * (age - 25), 7, 105, 138);
        double diastolic = Math.min(normal(random, 0.6 * systolic + 2, 4, 60, 88), systolic - 30);
        double weight = normal(random, sex.equals("male") ? 82 : 70, 11, 50, 130);
        boolean diabetic = random.nextDouble() < 0.25 || scenario == Scenario.HYPOGLYCAEMIA;
        double glucose = diabetic ? normal(random, 135, 15, 105, 170) : normal(random, 92, 6, 80, 105);
        if (scenario == Scenario.COPD) {
            return new PatientBaseline(Math.max(age, 50), sex, heartRate + 6, normal(random, 19, 1, 17, 21),
                    normal(random, 90, 1, 88, 92), temperature, systolic, diastolic, glucose, diabetic, weight, 2);
        }
        return new PatientBaseline(age, sex, heartRate, respiratoryRate, spo2, temperature, systolic, diastolic,
                glucose, diabetic, weight, 1);
    }

    private static double normal(SplittableRandom random, double mean, double sd, double min, double max) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        double z = Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
        return Math.clamp(mean + sd * z, min, max);
    }
}
