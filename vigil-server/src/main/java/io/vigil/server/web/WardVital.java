package io.vigil.server.web;

import io.vigil.model.MeasuredValue;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The values a ward tile shows, in the order it shows them: which measurement type, the short label
 * clinicians read at a glance, the name a screen reader says, the display unit and precision, and how
 * often the value is normally measured (which decides when it is stale).
 */
enum WardVital {
    HEART_RATE("heart-rate", "HR", "Heart rate", "bpm", 0, Cadence.CONTINUOUS),
    RESPIRATORY_RATE("respiratory-rate", "RR", "Respiratory rate", "/min", 0, Cadence.CONTINUOUS),
    SPO2("spo2", "SpO₂", "Oxygen saturation", "%", 0, Cadence.CONTINUOUS),
    SUPPLEMENTAL_OXYGEN("supplemental-oxygen", "O₂", "Oxygen flow", "L/min", 1, Cadence.SPOT_CHECK),
    INSPIRED_OXYGEN("inspired-oxygen", "FiO₂", "Inspired oxygen", "%", 0, Cadence.SPOT_CHECK),
    BLOOD_PRESSURE("blood-pressure", "BP", "Blood pressure, systolic over diastolic (mean)", "mmHg", 0, Cadence.SPOT_CHECK),
    TEMPERATURE("body-temperature", "Temp", "Temperature", "°C", 1, Cadence.SPOT_CHECK),
    CONSCIOUSNESS("consciousness", "ACVPU", "Consciousness (ACVPU)", "", 0, Cadence.SPOT_CHECK),
    WEIGHT("body-weight", "Wt", "Weight", "kg", 1, Cadence.DAILY),
    BLOOD_GLUCOSE("blood-glucose", "BG", "Blood glucose", "mg/dL", 0, Cadence.DAILY),
    CGM_GLUCOSE("cgm-glucose", "CGM", "Sensor glucose", "mg/dL", 0, Cadence.CGM);

    /** How often a value is normally measured; {@link WardProperties} says when each becomes stale. */
    enum Cadence { CONTINUOUS, CGM, SPOT_CHECK, DAILY }

    /** Oxygen flow of 0 L/min and an inspired fraction of 21 % both mean the patient breathes room air. */
    private static final double AIR_FLOW = 0;
    private static final double AIR_FRACTION = 21;

    private final String type;
    private final String label;
    private final String spoken;
    private final String unit;
    private final int decimals;
    private final Cadence cadence;

    WardVital(String type, String label, String spoken, String unit, int decimals, Cadence cadence) {
        this.type = type;
        this.label = label;
        this.spoken = spoken;
        this.unit = unit;
        this.decimals = decimals;
        this.cadence = cadence;
    }

    /** The measurement type aliases a tile shows. */
    static List<String> types() {
        return Arrays.stream(values()).map(v -> v.type).toList();
    }

    static Optional<WardVital> of(String type) {
        return Arrays.stream(values()).filter(v -> v.type.equals(type)).findFirst();
    }

    /** The stored observation as a tile shows it. */
    VitalReading reading(ObservationRecord record, WardProperties settings) {
        MeasuredValue value = record.measurement().value();
        String text = text(value);
        boolean air = text.equals(VitalReading.AIR);
        return new VitalReading(type, label, spoken, text, air ? "" : unit, detail(value),
                record.measurement().time().toString(), record.measurement().timeSource() == TimeSource.RECEIVED,
                staleAfter(settings).toSeconds(), record.deviceId());
    }

    Duration staleAfter(WardProperties settings) {
        return switch (cadence) {
            case CONTINUOUS -> settings.continuousStaleAfter();
            case CGM -> settings.cgmStaleAfter();
            case SPOT_CHECK -> settings.spotCheckStaleAfter();
            case DAILY -> settings.dailyStaleAfter();
        };
    }

    private String text(MeasuredValue value) {
        return switch (value) {
            case MeasuredValue.Quantity q when this == SUPPLEMENTAL_OXYGEN && q.value() <= AIR_FLOW -> VitalReading.AIR;
            case MeasuredValue.Quantity q when this == INSPIRED_OXYGEN && q.value() <= AIR_FRACTION -> VitalReading.AIR;
            case MeasuredValue.Quantity q -> number(q.value(), decimals);
            case MeasuredValue.Coded c -> c.answer().code();
            case MeasuredValue.Panel p -> bloodPressure(p);
        };
    }

    private static String bloodPressure(MeasuredValue.Panel panel) {
        String systolic = panel.component("systolic-bp").map(c -> number(c.quantity().value(), 0)).orElse("–");
        String diastolic = panel.component("diastolic-bp").map(c -> number(c.quantity().value(), 0)).orElse("–");
        return systolic + "/" + diastolic + panel.component("mean-bp").map(c -> " (" + number(c.quantity().value(), 0) + ")").orElse("");
    }

    private static String detail(MeasuredValue value) {
        return value instanceof MeasuredValue.Coded coded ? coded.answer().display() : null;
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
