package io.vigil.sim;

import java.time.Instant;

/**
 * A simulated patient's physiological state at one instant, before any device measures it (no device noise,
 * no artefacts, no rounding). Units are the registry's canonical ones.
 *
 * @param time               the simulated instant
 * @param heartRate          /min
 * @param respiratoryRate    /min
 * @param spo2               %
 * @param temperature        Cel
 * @param systolic           mm[Hg]
 * @param diastolic          mm[Hg]
 * @param glucose            blood glucose, mg/dL
 * @param weight             kg
 * @param consciousness      ACVPU code: "A" alert, "C" new confusion
 * @param supplementalOxygen L/min, 0 on air
 * @param inspiredOxygen     %, 21 on air
 */
public record Vitals(Instant time, double heartRate, double respiratoryRate, double spo2, double temperature,
                     double systolic, double diastolic, double glucose, double weight, String consciousness,
                     double supplementalOxygen, double inspiredOxygen) {

    /** Mean arterial pressure, estimated as diastolic plus a third of the pulse pressure. */
    public double meanPressure() {
        return diastolic + (systolic - diastolic) / 3;
    }
}
