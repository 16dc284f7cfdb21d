package io.vigil.codec.ble;

import static io.vigil.codec.ErrorCode.INVALID_VALUE;
import static io.vigil.codec.ErrorCode.MISSING_VALUES;

import java.time.Instant;

/**
 * Glucose Measurement (0x2A18), Glucose Service 1.0: flags; sequence number; base time; then, by flag, time offset
 * (sint16 minutes), concentration (SFLOAT kg/L or mol/L) with type (low nibble) and sample location (high nibble),
 * and sensor status annunciation. Interstitial fluid (type 9) is {@code cgm-glucose} (LOINC 99504-3 names that
 * specimen); every other sample is {@code blood-glucose}. A control-solution test is not a patient reading and
 * is refused.
 */
final class GlucoseMeasurement {
    private static final int INTERSTITIAL_FLUID = 9;
    private static final int CONTROL_SOLUTION_TYPE = 10;
    private static final int CONTROL_SOLUTION_LOCATION = 4;
    private static final String[] TYPES = {null, "capillary whole blood", "capillary plasma", "venous whole blood",
            "venous plasma", "arterial whole blood", "arterial plasma", "undetermined whole blood",
            "undetermined plasma", "interstitial fluid (ISF)", "control solution"};
    private static final String[] LOCATIONS = {null, "finger", "alternate site test (AST)", "earlobe",
            "control solution"};
    private static final String[] STATUS = {"device battery low at time of measurement",
            "sensor malfunction or faulting at time of measurement", "sample size for blood or control solution insufficient",
            "strip insertion error", "strip type incorrect for device", "sensor result higher than the device can process",
            "sensor result lower than the device can process", "sensor temperature too high for valid test/result",
            "sensor temperature too low for valid test/result", "sensor read interrupted because strip was pulled too soon",
            "general device fault has occurred in the sensor", "time fault has occurred in the sensor"};

    private GlucoseMeasurement() {
    }

    static void read(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int flags = frame.uint8("flags");
        reading.note("sequence number " + frame.uint16("sequence number"));
        Instant base = frame.dateTime("base time");
        if ((flags & 0x01) != 0) {
            int minutes = frame.sint16("time offset");
            base = base == null ? null : base.plusSeconds(60L * minutes);
        }
        reading.deviceTime(base);
        if ((flags & 0x02) == 0) {
            throw GattRejection.at(MISSING_VALUES, 0, "flags",
                    "The glucose record has no concentration (flags bit 1 is clear); there is nothing to store.");
        }
        int at = frame.offset();
        Ieee11073Float concentration = frame.sfloat("glucose concentration");
        int typeAt = frame.offset();
        int typeAndLocation = frame.uint8("type-sample location");
        int type = typeAndLocation & 0x0F;
        int location = typeAndLocation >> 4;
        if (type == CONTROL_SOLUTION_TYPE || location == CONTROL_SOLUTION_LOCATION) {
            throw GattRejection.at(INVALID_VALUE, typeAt, "type-sample location", "The glucose record at offset "
                    + typeAt + " is a control-solution test, not a patient reading.");
        }
        reading.note("sample type: " + (type > 0 && type < TYPES.length ? TYPES[type] : "reserved (" + type + ")"));
        reading.note("sample location: " + (location > 0 && location < LOCATIONS.length ? LOCATIONS[location]
                : location == 15 ? "not available" : "reserved (" + location + ")"));
        if ((flags & 0x08) != 0) {
            reading.statusBits(frame.uint16("sensor status annunciation"), STATUS);
        }
        if ((flags & 0x10) != 0) {
            reading.note("context follows in Glucose Measurement Context (0x2A34)");
        }
        String alias = type == INTERSTITIAL_FLUID ? "cgm-glucose" : "blood-glucose";
        switch (concentration) {
            case Ieee11073Float.Special special -> reading.special(special, at, "glucose concentration");
            case Ieee11073Float.Finite finite -> {
                // 1 kg/L = 10^5 mg/dL; 1 mol/L = 10^3 mmol/L, which the registry converts to mg/dL.
                boolean molar = (flags & 0x04) != 0;
                reading.quantity(alias, DecimalScale.shift(finite.value(), molar ? 3 : 5), molar ? "mmol/L" : "mg/dL",
                        at, "glucose concentration", null);
            }
        }
    }
}
