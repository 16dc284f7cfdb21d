package io.vigil.codec.ble;

import static io.vigil.codec.ErrorCode.MALFORMED_PAYLOAD;
import static io.vigil.codec.ErrorCode.PAYLOAD_TOO_LARGE;
import static io.vigil.codec.ErrorCode.UNSUPPORTED_FORMAT;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.model.MeasurementRegistry;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decodes the value of a Bluetooth SIG health characteristic, as a phone or gateway forwards it, into coded
 * measurements in canonical units plus the status flags as notes. Input is untrusted: every problem is a
 * {@link DecodeResult.Failure} with the byte offset of the field at fault. Thread-safe.
 */
public final class GattDecoder {
    /** The largest attribute value ATT allows. */
    public static final int MAX_VALUE_BYTES = 512;
    private static final System.Logger LOG = System.getLogger(GattDecoder.class.getName());
    private static final Pattern SHORT = Pattern.compile("(0x)?([0-9a-f]{4})");
    private static final Pattern BASE_UUID = Pattern.compile("0000([0-9a-f]{4})-0000-1000-8000-00805f9b34fb");

    /** The characteristics Vigil decodes, by 16-bit UUID. */
    public enum Characteristic {
        BLOOD_PRESSURE_MEASUREMENT(0x2A35), INTERMEDIATE_CUFF_PRESSURE(0x2A36), TEMPERATURE_MEASUREMENT(0x2A1C),
        HEART_RATE_MEASUREMENT(0x2A37), GLUCOSE_MEASUREMENT(0x2A18), WEIGHT_MEASUREMENT(0x2A9D),
        PLX_SPOT_CHECK_MEASUREMENT(0x2A5E), PLX_CONTINUOUS_MEASUREMENT(0x2A5F), CGM_MEASUREMENT(0x2AA7),
        BODY_COMPOSITION_MEASUREMENT(0x2A9C), TEMPERATURE_TYPE(0x2A1D, true), GLUCOSE_MEASUREMENT_CONTEXT(0x2A34, true);

        private final int uuid;
        private final boolean context;

        Characteristic(int uuid) {
            this(uuid, false);
        }

        Characteristic(int uuid, boolean context) {
            this.uuid = uuid;
            this.context = context;
        }

        public int uuid() {
            return uuid;
        }

        /**
         * Whether the value only describes measurements sent in another characteristic (the body site of a
         * thermometer, the meal of a glucose reading): it decodes to notes and never to a measurement.
         */
        public boolean context() {
            return context;
        }

        /** The characteristic a UUID names: "2A35", "0x2a35" or the full 128-bit Bluetooth base UUID form. */
        public static Characteristic of(String uuid) {
            int shortUuid = shortUuid(uuid);
            for (Characteristic c : values()) {
                if (c.uuid == shortUuid) {
                    return c;
                }
            }
            return null;
        }
    }

    private final MeasurementRegistry registry;

    public GattDecoder(MeasurementRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * @param characteristicUuid "2A35", "0x2a35" or "00002a35-0000-1000-8000-00805f9b34fb"
     * @param value              the characteristic value as notified or indicated, untrusted
     * @param receivedAt         when Vigil received it
     * @throws NullPointerException only if {@code receivedAt} is null (a caller's bug; the value never throws)
     */
    public DecodeResult<GattReading> decode(String characteristicUuid, byte[] value, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Characteristic characteristic = Characteristic.of(characteristicUuid);
        if (characteristic == null) {
            return DecodeResult.failure(DecodeError.at(UNSUPPORTED_FORMAT, "characteristic",
                    "Characteristic '" + echo(characteristicUuid) + "' is not one Vigil decodes; supported: "
                            + "2A35, 2A36, 2A1C, 2A1D, 2A37, 2A18, 2A34, 2A9D, 2A9C, 2A5E, 2A5F, 2AA7."));
        }
        byte[] bytes = value == null ? new byte[0] : value;
        if (bytes.length > MAX_VALUE_BYTES) {
            return DecodeResult.failure(DecodeError.atOffset(PAYLOAD_TOO_LARGE, MAX_VALUE_BYTES, "The value has "
                    + bytes.length + " bytes; a characteristic value has at most " + MAX_VALUE_BYTES + "."));
        }
        try {
            return DecodeResult.ok(read(characteristic, new GattFrame(bytes), new GattReadingBuilder(registry, receivedAt)));
        } catch (GattRejection rejection) {
            return DecodeResult.failure(rejection.error());
        } catch (RuntimeException bug) {
            // A defect in Vigil, not in the value; the value itself stays out of the log.
            LOG.log(System.Logger.Level.ERROR, "event=decode.defect decoder=ble-gatt", bug);
            return DecodeResult.failure(DecodeError.at(MALFORMED_PAYLOAD, null, "Vigil could not decode this value"
                    + " because of an internal error (" + bug.getClass().getSimpleName() + ")."));
        }
    }

    private static GattReading read(Characteristic characteristic, GattFrame frame, GattReadingBuilder reading)
            throws GattRejection {
        switch (characteristic) {
            case BLOOD_PRESSURE_MEASUREMENT -> BloodPressureMeasurement.read(frame, reading, false);
            case INTERMEDIATE_CUFF_PRESSURE -> BloodPressureMeasurement.read(frame, reading, true);
            case TEMPERATURE_MEASUREMENT -> TemperatureMeasurement.read(frame, reading);
            case HEART_RATE_MEASUREMENT -> HeartRateMeasurement.read(frame, reading);
            case GLUCOSE_MEASUREMENT -> GlucoseMeasurement.read(frame, reading);
            case WEIGHT_MEASUREMENT -> WeightMeasurement.read(frame, reading);
            case PLX_SPOT_CHECK_MEASUREMENT -> PulseOximetryMeasurement.readSpotCheck(frame, reading);
            case PLX_CONTINUOUS_MEASUREMENT -> PulseOximetryMeasurement.readContinuous(frame, reading);
            case CGM_MEASUREMENT -> CgmMeasurement.read(frame, reading);
            case BODY_COMPOSITION_MEASUREMENT -> BodyCompositionMeasurement.read(frame, reading);
            case TEMPERATURE_TYPE -> TemperatureType.read(frame, reading);
            case GLUCOSE_MEASUREMENT_CONTEXT -> GlucoseMeasurementContext.read(frame, reading);
        }
        if (frame.remaining() > 0) {
            // Later versions of a characteristic may append fields; GATT clients ignore what they do not know.
            reading.note(frame.remaining() + " trailing byte(s) at offset " + frame.offset() + " ignored");
        }
        return reading.build();
    }

    private static int shortUuid(String uuid) {
        if (uuid == null) {
            return -1;
        }
        String key = uuid.trim().toLowerCase(Locale.ROOT);
        var match = SHORT.matcher(key);
        if (match.matches()) {
            return Integer.parseInt(match.group(2), 16);
        }
        match = BASE_UUID.matcher(key);
        return match.matches() ? Integer.parseInt(match.group(1), 16) : -1;
    }

    private static String echo(String uuid) {
        if (uuid == null) {
            return "null";
        }
        String printable = uuid.replaceAll("[^0-9A-Za-z-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
