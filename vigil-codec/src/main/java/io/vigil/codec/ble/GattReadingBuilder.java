package io.vigil.codec.ble;

import static io.vigil.codec.ErrorCode.IMPLAUSIBLE_VALUE;
import static io.vigil.codec.ErrorCode.SPECIAL_VALUE;

import io.vigil.model.BodySite;
import io.vigil.model.MeasuredValue;
import io.vigil.model.MeasuredValue.Quantity;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.TimeSource;
import io.vigil.model.UnitConversion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a characteristic reader found: converts values to canonical units, checks plausibility, keeps notes,
 * and stamps every measurement with the device time (when it has one) once the whole value is read.
 * A special value drops only its own measurement (with a note); a value that yields nothing but special values
 * fails with {@code SPECIAL_VALUE}.
 */
final class GattReadingBuilder {
    /** A device clock further ahead than this is not trusted: the receive time is used instead. */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private record Pending(MeasurementType type, MeasuredValue value, Instant ownTime) {}

    private final MeasurementRegistry registry;
    private final Instant receivedAt;
    private final List<Pending> pending = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Instant deviceTime;
    private BodySite bodySite;
    private boolean deviceTimeTrusted = true;
    private GattRejection firstSpecial;

    GattReadingBuilder(MeasurementRegistry registry, Instant receivedAt) {
        this.registry = registry;
        this.receivedAt = receivedAt;
    }

    Instant receivedAt() {
        return receivedAt;
    }

    void note(String note) {
        notes.add(note);
    }

    /** A note for each set bit of a status field that has a name (index = bit number). */
    void statusBits(int bits, String... names) {
        for (int bit = 0; bit < names.length; bit++) {
            if ((bits & (1 << bit)) != 0 && names[bit] != null) {
                note(names[bit]);
            }
        }
    }

    /** Where on the body the value's measurements were taken. */
    void bodySite(BodySite site) {
        bodySite = site;
    }

    /** The Date Time of the payload; null when the device does not know the date. */
    void deviceTime(Instant time) {
        if (time == null) {
            note("device time not set (year, month or day 0): receive time used");
            return;
        }
        deviceTime = time;
        if (time.isAfter(receivedAt.plus(MAX_CLOCK_AHEAD))) {
            deviceTimeTrusted = false;
            note("device clock ahead of receive time by " + Duration.between(receivedAt, time) + ": receive time used");
        }
    }

    /** The device flags its clock as not set: its time stamp is kept as a note but not used. */
    void distrustDeviceTime(String why) {
        deviceTimeTrusted = false;
        note(why);
    }

    /**
     * A quantity read from the payload in {@code unit}; a special value is noted and dropped.
     * @return the canonical value, or NaN when the device sent a special value
     */
    double quantity(String alias, Ieee11073Float value, String unit, int offset, String field) throws GattRejection {
        return quantity(alias, value, unit, offset, field, null);
    }

    double quantity(String alias, Ieee11073Float value, String unit, int offset, String field, Instant ownTime)
            throws GattRejection {
        return switch (value) {
            case Ieee11073Float.Special special -> {
                special(special, offset, field);
                yield Double.NaN;
            }
            case Ieee11073Float.Finite finite -> quantity(alias, finite.value(), unit, offset, field, ownTime);
        };
    }

    double quantity(String alias, double value, String unit, int offset, String field, Instant ownTime)
            throws GattRejection {
        MeasurementType type = registry.require(alias);
        Quantity quantity = canonical(type, value, unit, offset, field);
        pending.add(new Pending(type, quantity, ownTime));
        return quantity.value();
    }

    /** Systolic and diastolic are required for the panel; mean arterial pressure is optional. */
    void bloodPressure(Ieee11073Float[] values, int[] offsets, String unit) throws GattRejection {
        MeasurementType panel = registry.require("blood-pressure");
        String[] fields = {"systolic", "diastolic", "mean arterial pressure"};
        List<MeasuredValue.Component> components = new ArrayList<>(3);
        boolean complete = true;
        for (int i = 0; i < 3; i++) {
            switch (values[i]) {
                case Ieee11073Float.Special special -> {
                    special(special, offsets[i], fields[i]);
                    complete &= i == 2;
                }
                case Ieee11073Float.Finite finite -> {
                    MeasurementType type = panel.components().get(i);
                    components.add(new MeasuredValue.Component(type,
                            canonical(type, finite.value(), unit, offsets[i], fields[i])));
                }
            }
        }
        if (complete) {
            pending.add(new Pending(panel, new MeasuredValue.Panel(components), null));
        }
    }

    /** Records a special value where a number was optional (the reading goes on without it). */
    void special(Ieee11073Float.Special special, int offset, String field) {
        note(field + ": " + special.kind().description());
        if (firstSpecial == null) {
            firstSpecial = GattRejection.at(SPECIAL_VALUE, offset, field, field + " at offset " + offset + " is "
                    + special.kind().description() + ", not a number, and the value holds no other measurement.");
        }
    }

    /** A plain integer field the device marks as "measurement unsuccessful" (weight 0xFFFF). */
    void unsuccessful(int offset, String field) {
        note(field + ": measurement unsuccessful");
        if (firstSpecial == null) {
            firstSpecial = GattRejection.at(SPECIAL_VALUE, offset, field, field + " at offset " + offset
                    + " is 'measurement unsuccessful', and the value holds no other measurement.");
        }
    }

    GattReading build() throws GattRejection {
        if (pending.isEmpty() && firstSpecial != null) {
            throw firstSpecial;
        }
        boolean useDevice = deviceTime != null && deviceTimeTrusted;
        Instant time = useDevice ? deviceTime : receivedAt;
        TimeSource source = useDevice ? TimeSource.DEVICE : TimeSource.RECEIVED;
        List<Measurement> measurements = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            measurements.add(new Measurement(p.type(), p.value(), p.ownTime() == null ? time : p.ownTime(), source,
                    bodySite));
        }
        Duration offset = deviceTime == null ? null : Duration.between(deviceTime, receivedAt);
        return new GattReading(measurements, notes, deviceTime, offset, source, bodySite);
    }

    private static Quantity canonical(MeasurementType type, double value, String unit, int offset, String field)
            throws GattRejection {
        UnitConversion conversion = type.conversionFor(unit).orElseThrow();
        double canonical = conversion.toCanonical(value);
        if (!Double.isFinite(canonical) || !type.plausible().contains(canonical)) {
            String sent = unit.equals(type.canonicalUnit()) ? "" : " (" + number(value) + " " + unit + " as sent)";
            throw GattRejection.at(IMPLAUSIBLE_VALUE, offset, field, field + " at offset " + offset + " is "
                    + number(canonical) + " " + type.canonicalUnit() + sent + ", outside the plausible range "
                    + number(type.plausible().min()) + "–" + number(type.plausible().max()) + " "
                    + type.canonicalUnit() + " for " + type.alias() + ".");
        }
        return new Quantity(canonical, type.canonicalUnit());
    }

    /** "18.9 mm[Hg]" or the special value's name, for notes. */
    static String describe(Ieee11073Float value, String unit) {
        return switch (value) {
            case Ieee11073Float.Finite finite -> number(finite.value()) + " " + unit;
            case Ieee11073Float.Special special -> special.kind().description();
        };
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(Math.round(value * 1000) / 1000.0);
    }
}
