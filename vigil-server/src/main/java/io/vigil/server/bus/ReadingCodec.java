package io.vigil.server.bus;

import io.vigil.model.BodySite;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One stored reading as the bytes of a Kafka record on {@code vigil.readings}: a small versioned binary form
 * (about 80 bytes for a vital sign), types by registry alias. Both ends are Vigil nodes of the same version or
 * one apart: an unknown format version or type fails loudly rather than being misread.
 */
final class ReadingCodec {
    private static final int VERSION = 1;
    private static final int QUANTITY = 0;
    private static final int CODED = 1;
    private static final int PANEL = 2;

    private final MeasurementRegistry registry;

    ReadingCodec(MeasurementRegistry registry) {
        this.registry = registry;
    }

    byte[] encode(ObservationRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(r.id());
            out.writeUTF(r.deviceId());
            optional(out, r.patientId());
            Measurement m = r.measurement();
            out.writeUTF(m.type().alias());
            switch (m.value()) {
                case MeasuredValue.Quantity q -> {
                    out.writeByte(QUANTITY);
                    quantity(out, q);
                }
                case MeasuredValue.Coded c -> {
                    out.writeByte(CODED);
                    out.writeUTF(c.answer().code());
                }
                case MeasuredValue.Panel p -> {
                    out.writeByte(PANEL);
                    out.writeShort(p.components().size());
                    for (MeasuredValue.Component c : p.components()) {
                        out.writeUTF(c.type().alias());
                        quantity(out, c.quantity());
                    }
                }
            }
            instant(out, m.time());
            out.writeByte(m.timeSource().ordinal());
            optional(out, m.bodySite() == null ? null : m.bodySite().name());
            instant(out, r.receivedAt());
            out.writeShort(r.notes().size());
            for (String note : r.notes()) {
                out.writeUTF(note);
            }
            out.writeBoolean(r.clockOffset() != null);
            if (r.clockOffset() != null) {
                out.writeLong(r.clockOffset().toNanos());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    ObservationRecord decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("reading format version " + version + " is not known here");
            }
            String id = in.readUTF();
            String device = in.readUTF();
            String patient = optional(in);
            MeasurementType type = registry.require(in.readUTF());
            MeasuredValue value = switch (in.readUnsignedByte()) {
                case QUANTITY -> quantity(in);
                case CODED -> {
                    String code = in.readUTF();
                    yield new MeasuredValue.Coded(type.answer(code).orElseThrow(
                            () -> new IllegalArgumentException("answer " + code + " unknown for " + type.alias())));
                }
                case PANEL -> {
                    int n = in.readUnsignedShort();
                    List<MeasuredValue.Component> components = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        String alias = in.readUTF();
                        MeasurementType component = type.component(alias).orElseThrow(
                                () -> new IllegalArgumentException("component " + alias + " unknown for " + type.alias()));
                        components.add(new MeasuredValue.Component(component, quantity(in)));
                    }
                    yield new MeasuredValue.Panel(components);
                }
                default -> throw new IllegalArgumentException("unknown value kind");
            };
            Instant time = instant(in);
            TimeSource source = TimeSource.values()[in.readUnsignedByte()];
            String site = optional(in);
            Measurement measurement = new Measurement(type, value, time, source, site == null ? null : BodySite.valueOf(site));
            Instant receivedAt = instant(in);
            int notes = in.readUnsignedShort();
            List<String> noted = new ArrayList<>(notes);
            for (int i = 0; i < notes; i++) {
                noted.add(in.readUTF());
            }
            Duration offset = in.readBoolean() ? Duration.ofNanos(in.readLong()) : null;
            return new ObservationRecord(id, device, patient, measurement, receivedAt, noted, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void quantity(DataOutputStream out, MeasuredValue.Quantity q) throws IOException {
        out.writeDouble(q.value());
        optional(out, q.unit());
    }

    private static MeasuredValue.Quantity quantity(DataInputStream in) throws IOException {
        return new MeasuredValue.Quantity(in.readDouble(), optional(in));
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void optional(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
