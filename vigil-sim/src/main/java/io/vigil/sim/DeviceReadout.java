package io.vigil.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.MeasurementRegistry;
import java.time.Duration;
import java.time.Instant;

/**
 * What one device reads from its patient: the {@code values} object of its device JSON. Adds the device's own
 * measurement noise, its resolution and units, and artefacts — a dropped reading, a motion spike, a probe that
 * came off for a few minutes — while keeping every value within the registry's plausible ranges.
 * Deterministic for a device, an instant and a sequence number.
 */
final class DeviceReadout {

    static final double DROP_PROBABILITY = 0.01;
    static final double MOTION_SPIKE_PROBABILITY = 0.01;
    /** Chance that a given hour holds one sensor-off gap of a continuous monitor's SpO2 probe. */
    static final double SENSOR_OFF_PER_HOUR = 0.12;
    /** Interstitial glucose lags blood glucose by about ten minutes. */
    static final Duration CGM_LAG = Duration.ofMinutes(10);

    private static final long DROP = 101;
    private static final long SPIKE = 102;
    private static final long GAP = 103;
    private static final long MEASUREMENT = 104;
    private static final long UNIT = 105;

    private final SimulatedDevice device;
    private final SeededNoise noise;
    private final Plausibility plausibility;
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final double unitChoice;

    DeviceReadout(SimulatedDevice device, MeasurementRegistry registry) {
        this.device = device;
        this.noise = new SeededNoise(SeededNoise.mix(device.physiology().seed() * 31 + device.deviceId().hashCode()));
        this.plausibility = new Plausibility(registry);
        this.unitChoice = noise.uniform(UNIT, 0);
    }

    /**
     * The values the device reports at a simulated instant, or {@code null} when it reports nothing (a dropped
     * reading, or its only sensor is off).
     *
     * @param seq            the device's message sequence number, which draws the noise and artefacts
     * @param spotVitalsDue  whether a bedside monitor adds its spot vitals this time
     */
    ObjectNode read(Instant time, long seq, boolean spotVitalsDue) {
        if (noise.uniform(DROP, seq) < DROP_PROBABILITY) {
            return null;
        }
        Vitals vitals = device.physiology().at(time);
        ObjectNode values = json.objectNode();
        switch (device.kind()) {
            case BEDSIDE_MONITOR -> bedside(values, vitals, time, seq, spotVitalsDue);
            case PULSE_OXIMETER -> {
                if (!sensorOff(time)) {
                    pulseOximetry(values, vitals, seq);
                }
            }
            case BP_CUFF -> {
                bloodPressure(values, vitals, seq);
                values.put("heart-rate", whole("heart-rate", vitals.heartRate() + 2 * gaussian(seq, 1)));
            }
            case THERMOMETER -> temperature(values, vitals, seq, unitChoice < 0.3 ? "[degF]" : "Cel");
            case SCALE -> weight(values, vitals, seq);
            case GLUCOMETER -> glucometer(values, vitals, seq);
            case CGM -> cgm(values, time, seq);
        }
        return values.isEmpty() ? null : values;
    }

    private void bedside(ObjectNode values, Vitals vitals, Instant time, long seq, boolean spotVitalsDue) {
        values.put("heart-rate", whole("heart-rate", vitals.heartRate() + 1.5 * gaussian(seq, 1) + spike(seq, 35)));
        values.put("respiratory-rate", whole("respiratory-rate", vitals.respiratoryRate() + gaussian(seq, 2)));
        if (!sensorOff(time)) {
            values.put("spo2", spo2(vitals, seq));
        }
        if (spotVitalsDue) {
            temperature(values, vitals, seq, "Cel");
            bloodPressure(values, vitals, seq);
            values.put("consciousness", vitals.consciousness());
            if (unitChoice < 0.5) {
                values.put("inspired-oxygen", whole("inspired-oxygen", vitals.inspiredOxygen()));
            } else {
                values.put("supplemental-oxygen", whole("supplemental-oxygen", vitals.supplementalOxygen()));
            }
        }
    }

    private void pulseOximetry(ObjectNode values, Vitals vitals, long seq) {
        values.put("spo2", spo2(vitals, seq));
        values.put("heart-rate", whole("heart-rate", vitals.heartRate() + 2 * gaussian(seq, 1) + spike(seq, 35)));
    }

    private long spo2(Vitals vitals, long seq) {
        double measured = Math.min(100, vitals.spo2() + 0.6 * gaussian(seq, 3) - spike(seq, 6));
        return whole("spo2", measured);
    }

    private void bloodPressure(ObjectNode values, Vitals vitals, long seq) {
        long systolic = whole("systolic-bp", vitals.systolic() + 3 * gaussian(seq, 4));
        long diastolic = Math.min(systolic - 10, whole("diastolic-bp", vitals.diastolic() + 2.5 * gaussian(seq, 5)));
        long mean = whole("mean-bp", diastolic + (systolic - diastolic) / 3.0);
        ObjectNode panel = values.putObject("blood-pressure");
        panel.put("systolic", systolic);
        panel.put("diastolic", diastolic);
        panel.put("mean", mean);
    }

    private void temperature(ObjectNode values, Vitals vitals, long seq, String unit) {
        double celsius = plausibility.clamp("body-temperature", vitals.temperature() + 0.08 * gaussian(seq, 6));
        if (unit.equals("Cel")) {
            values.put("body-temperature", tenths(celsius));
        } else {
            withUnit(values, "body-temperature", tenths(plausibility.toUnit("body-temperature", unit, celsius)), unit);
        }
    }

    private void weight(ObjectNode values, Vitals vitals, long seq) {
        double kg = plausibility.clamp("body-weight", vitals.weight() + 0.1 * gaussian(seq, 7));
        if (unitChoice < 0.2) {
            withUnit(values, "body-weight", tenths(plausibility.toUnit("body-weight", "[lb_av]", kg)), "[lb_av]");
        } else {
            values.put("body-weight", tenths(kg));
        }
    }

    private void glucometer(ObjectNode values, Vitals vitals, long seq) {
        double mgdl = plausibility.clamp("blood-glucose", vitals.glucose() * (1 + 0.04 * gaussian(seq, 8)));
        if (unitChoice < 0.3) {
            withUnit(values, "blood-glucose", tenths(plausibility.toUnit("blood-glucose", "mmol/L", mgdl)), "mmol/L");
        } else {
            values.put("blood-glucose", Math.round(mgdl));
        }
    }

    private void cgm(ObjectNode values, Instant time, long seq) {
        double interstitial = device.physiology().at(time.minus(CGM_LAG)).glucose();
        values.put("cgm-glucose", whole("cgm-glucose", interstitial * (1 + 0.05 * gaussian(seq, 9))));
    }

    private void withUnit(ObjectNode values, String alias, double value, String unit) {
        ObjectNode quantity = values.putObject(alias);
        quantity.put("value", value);
        quantity.put("unit", unit);
    }

    /** Whether a continuous monitor's SpO2 probe is off: at most one gap of 1–4 minutes in an hour. */
    boolean sensorOff(Instant time) {
        long hour = Math.floorDiv(time.getEpochSecond(), 3600);
        if (!device.kind().continuous() || noise.uniform(GAP, 3 * hour) >= SENSOR_OFF_PER_HOUR) {
            return false;
        }
        double lengthSeconds = 60 + 180 * noise.uniform(GAP, 3 * hour + 1);
        double startSecond = (3600 - lengthSeconds) * noise.uniform(GAP, 3 * hour + 2);
        long second = Math.floorMod(time.getEpochSecond(), 3600);
        return second >= startSecond && second < startSecond + lengthSeconds;
    }

    /** A motion artefact of up to {@code size}, present in about one reading in a hundred. */
    private double spike(long seq, double size) {
        return noise.uniform(SPIKE, seq) < MOTION_SPIKE_PROBABILITY ? size * (0.6 + 0.4 * noise.uniform(SPIKE, -seq)) : 0;
    }

    private double gaussian(long seq, long quantity) {
        return noise.gaussian(MEASUREMENT * 16 + quantity, seq);
    }

    private long whole(String alias, double value) {
        return Math.round(plausibility.clamp(alias, value));
    }

    private static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
