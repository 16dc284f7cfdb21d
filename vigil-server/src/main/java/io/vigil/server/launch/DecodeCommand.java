package io.vigil.server.launch;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.ble.GattDecoder;
import io.vigil.codec.json.DeviceJsonDecoder;
import io.vigil.codec.ble.GattReading;
import io.vigil.codec.hl7.Hl7Decoder;
import io.vigil.codec.hl7.Hl7Message;
import io.vigil.codec.hl7.Hl7Reading;
import io.vigil.model.Code;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code vigil decode --ble <uuid> <hex>}, {@code --json <payload>} and {@code --hl7 <file>}: what Vigil makes of a device payload, without a server — the
 * measurements (type, value, unit, codes, time, status notes) or the failure with its byte offset.
 */
final class DecodeCommand {
    static final String USAGE = """
            Usage: vigil decode --ble <characteristic uuid> <hex value>   e.g. vigil decode --ble 2A37 0055
                   vigil decode --json '<device JSON>' | @file | -       e.g. vigil decode --json '{"values": {"spo2": 97}}'
                   vigil decode --hl7 <file> | -                          an HL7 v2 ORU^R01 (IHE PCD-01), ER7
                   vigil decode --template <name|template.json> <payload file|->   e.g. vigil decode --template withings-measures getmeas.json""";

    private DecodeCommand() {
    }

    /** @return 0 decoded, 1 refused, 2 usage error */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        if (args.length == 2 && args[0].equals("--json")) {
            return json(args[1], out, err, clock);
        }
        if (args.length == 2 && args[0].equals("--hl7")) {
            return hl7(args[1], out, err, clock);
        }
        if (args.length == 3 && args[0].equals("--template")) {
            return TemplateDecodeCommand.run(args[1], args[2], out, err, clock, TemplateDecodeCommand.folder(), System.in);
        }
        if (args.length != 3 || !args[0].equals("--ble")) {
            err.println(USAGE);
            return 2;
        }
        byte[] value;
        try {
            value = HexFormat.of().parseHex(args[2].replaceAll("[\\s:]", ""));
        } catch (IllegalArgumentException e) {
            err.println("The value must be hexadecimal bytes, e.g. 00BDF00B009FF0 or \"00 BD F0\".");
            return 2;
        }
        return switch (new GattDecoder(MeasurementRegistry.standard()).decode(args[1], value, clock.instant())) {
            case DecodeResult.Ok<GattReading> ok -> {
                print(ok.value(), out);
                GattDecoder.Characteristic characteristic = GattDecoder.Characteristic.of(args[1]);
                if (characteristic == GattDecoder.Characteristic.GLUCOSE_MEASUREMENT_CONTEXT) {
                    out.println("no measurement: ingest adds these notes to the device's glucose reading with the"
                            + " same sequence number, holding them briefly for a reading not yet stored; without one"
                            + " in time the value is a dead letter (VIGIL-1050)");
                } else if (characteristic.context()) {
                    out.println("no measurement: this value describes one sent in another characteristic;"
                            + " ingest refuses it alone (VIGIL-1050)");
                }
                yield 0;
            }
            case DecodeResult.Failure<GattReading> failure -> {
                print(failure.error(), err);
                yield 1;
            }
        };
    }

    private static int json(String source, PrintStream out, PrintStream err, Clock clock) {
        byte[] payload;
        try {
            payload = source.equals("-") ? System.in.readAllBytes()
                    : source.startsWith("@") ? Files.readAllBytes(Path.of(source.substring(1)))
                    : source.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("Cannot read " + source + ": " + e.getMessage());
            return 2;
        }
        return switch (new DeviceJsonDecoder(MeasurementRegistry.standard()).decode(payload, clock.instant())) {
            case DecodeResult.Ok<List<DeviceMessage>> ok -> {
                for (DeviceMessage message : ok.value()) {
                    out.println("message " + (message.messageId() == null ? "(no id: a retry would be stored again)" : message.messageId()));
                    print(message.measurements(), out);
                }
                yield 0;
            }
            case DecodeResult.Failure<List<DeviceMessage>> failure -> {
                print(failure.error(), err);
                yield 1;
            }
        };
    }

    private static void print(GattReading reading, PrintStream out) {
        print(reading.measurements(), out);
        if (reading.measurements().isEmpty() && reading.bodySite() != null) {
            out.printf("body site %s  %s%n", reading.bodySite().label(), code(reading.bodySite().code()));
        }
        if (reading.deviceTime() != null) {
            out.printf("device time %s, clock offset %s%n", reading.deviceTime(), reading.clockOffset());
        }
        reading.notes().forEach(note -> out.println("note: " + note));
    }

    static void print(List<Measurement> measurements, PrintStream out) {
        for (Measurement m : measurements) {
            out.printf("%s %s  %s (%s)  %s%n", m.type().alias(), value(m.value()), m.time(),
                    m.timeSource().name().toLowerCase(java.util.Locale.ROOT), codes(m.type()));
            if (m.value() instanceof MeasuredValue.Panel panel) {
                panel.components().forEach(c -> out.printf("  %s %s %s  %s%n", c.type().alias(),
                        number(c.quantity().value()), c.quantity().unit(), codes(c.type())));
            }
            if (m.bodySite() != null) {
                out.printf("  body site %s  %s%n", m.bodySite().label(), code(m.bodySite().code()));
            }
        }
    }

    static void print(DecodeError error, PrintStream err) {
        err.printf("%s %s%s%s: %s%n", error.code().code(), error.code().name(),
                error.field() == null ? "" : " " + error.field(), error.offset() < 0 ? "" : " at byte " + error.offset(),
                error.reason());
    }

    private static String value(MeasuredValue value) {
        return switch (value) {
            case MeasuredValue.Quantity q -> number(q.value()) + " " + q.unit();
            case MeasuredValue.Panel p -> "(panel)";
            case MeasuredValue.Coded c -> c.answer().code();
        };
    }

    private static String codes(MeasurementType type) {
        return java.util.stream.Stream.concat(type.codes().stream(), type.mdcCodes().stream().limit(1))
                .map(DecodeCommand::code).collect(Collectors.joining(", "));
    }

    private static String code(Code code) {
        return code.system().name() + " " + code.code();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    /** An ORU^R01 from a file or stdin: its header, device, patient identifiers (as sent), readings and notes. */
    private static int hl7(String source, PrintStream out, PrintStream err, Clock clock) {
        byte[] message;
        try {
            message = source.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(source));
        } catch (IOException e) {
            err.println("Cannot read " + source + ": " + e.getMessage());
            return 2;
        }
        return switch (new Hl7Decoder(MeasurementRegistry.standard()).decode(message, clock.instant())) {
            case DecodeResult.Ok<Hl7Message> ok -> {
                Hl7Message m = ok.value();
                out.printf("message %s from %s/%s, profile %s, device %s%n", m.controlId(), m.sendingApplication(),
                        m.sendingFacility(), m.profile(), m.equipmentId());
                m.patientIds().forEach(id -> out.printf("patient id %s (authority %s, type %s)%n", id.id(),
                        id.assigningAuthority(), id.type()));
                for (Hl7Reading reading : m.readings()) {
                    out.print(reading.position() + (reading.containment() == null ? "" : " " + reading.containment()) + "  ");
                    print(List.of(reading.measurement()), out);
                }
                m.notes().forEach(note -> out.println("note: " + note));
                yield 0;
            }
            case DecodeResult.Failure<Hl7Message> failure -> {
                print(failure.error(), err);
                yield 1;
            }
        };
    }
}
