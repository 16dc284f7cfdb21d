package io.vigil.codec.hl7;

import static io.vigil.codec.ErrorCode.HL7_DEVICE_IDENTITY;
import static io.vigil.codec.ErrorCode.HL7_MISSING_FIELD;
import static io.vigil.codec.ErrorCode.HL7_NOT_PARSEABLE;
import static io.vigil.codec.ErrorCode.HL7_NO_MEASUREMENT;
import static io.vigil.codec.ErrorCode.HL7_UNSUPPORTED_MESSAGE;
import static io.vigil.codec.ErrorCode.INVALID_TIME;
import static io.vigil.codec.ErrorCode.PAYLOAD_TOO_LARGE;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.model.MeasurementRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes an HL7 v2 ORU^R01 in the IHE PCD-01 profile (ER7 encoding, any v2.x, read segment by segment with
 * {@link Er7Reader} rather than a full message model) into coded measurements in canonical units. Input is
 * untrusted: a message that cannot be understood comes back as a {@link DecodeResult.Failure} naming the segment and field (e.g. {@code OBX[3]-6}).
 * Rows Vigil passes over — MDC codes it does not store, values the device could not obtain, sentinel values —
 * do not refuse the message (a monitor sends every metric it has); they are listed in {@link Hl7Message#notes()}.
 * A message with no usable metric at all is refused. Thread-safe; build one and share it.
 */
public final class Hl7Decoder {
    private static final System.Logger LOG = System.getLogger(Hl7Decoder.class.getName());

    /** Largest message accepted: a full monitor snapshot is a few kB. */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    private final ObservationReader observations;
    private final Panels panels;
    private final ZoneId zone;

    public Hl7Decoder(MeasurementRegistry registry) {
        this(registry, ZoneOffset.UTC);
    }

    /** @param zone the zone of times sent without an offset */
    public Hl7Decoder(MeasurementRegistry registry, ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.observations = new ObservationReader(new MdcVocabulary(Objects.requireNonNull(registry, "registry")));
        this.panels = new Panels(registry);
    }

    /**
     * @param payload    the message as received (MLLP frame content or HTTP body), UTF-8 or ASCII
     * @param receivedAt when Vigil received it; the time of readings that carry none
     */
    public DecodeResult<Hl7Message> decode(byte[] payload, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        try {
            return DecodeResult.ok(read(parse(payload), receivedAt));
        } catch (Hl7Rejection rejection) {
            return DecodeResult.failure(rejection.error());
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, "event=decode.defect decoder=hl7", bug);
            return DecodeResult.failure(DecodeError.at(HL7_NOT_PARSEABLE, null,
                    "Vigil could not decode this message because of an internal error (" + bug.getClass().getSimpleName() + ")."));
        }
    }

    private List<Er7Segment> parse(byte[] payload) throws Hl7Rejection {
        if (payload == null || payload.length == 0) {
            throw Hl7Rejection.at(HL7_NOT_PARSEABLE, "MSH", "The message is empty; send an ORU^R01 starting with MSH.");
        }
        if (payload.length > MAX_BYTES) {
            throw Hl7Rejection.at(PAYLOAD_TOO_LARGE, null, "The message has " + payload.length + " bytes; at most "
                    + MAX_BYTES + " are accepted.");
        }
        String text = text(payload);
        if (!text.startsWith("MSH") || text.length() < 8) {
            throw Hl7Rejection.at(HL7_NOT_PARSEABLE, "MSH", "The message does not start with an MSH segment and its separators (MSH|^~\\&).");
        }
        List<Er7Segment> segments = Er7Reader.segments(text);
        if (segments == null) {
            throw Hl7Rejection.at(HL7_NOT_PARSEABLE, "MSH-2", "The message is not well-formed HL7 v2: MSH-1 and MSH-2"
                    + " do not declare distinct separators (MSH|^~\\&).");
        }
        return segments;
    }

    /**
     * UTF-8 (and so ASCII), or ISO 8859-1 when MSH-18 declares it (8859/1), as older monitors send; without the
     * whitespace around the message. Segments end with CR; LF and CRLF (common from files and HTTP clients) end them
     * too, which {@link Er7Reader} takes care of.
     */
    private static String text(byte[] payload) throws Hl7Rejection {
        if (ascii(payload)) {
            // The common case, and the same text in every one of those charsets: no decoder to set up, and the
            // surrounding whitespace left out while copying rather than by another copy.
            int start = 0;
            int end = payload.length;
            while (start < end && Character.isWhitespace((char) payload[start])) {
                start++;
            }
            while (end > start && Character.isWhitespace((char) payload[end - 1])) {
                end--;
            }
            return new String(payload, start, end - start, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString().strip();
        } catch (CharacterCodingException e) {
            if (declaresLatin1(payload)) {
                return new String(payload, StandardCharsets.ISO_8859_1).strip();
            }
            throw Hl7Rejection.at(HL7_NOT_PARSEABLE, "MSH-18", "The message is not UTF-8 (or ASCII) text, and MSH-18"
                    + " does not declare ISO 8859-1 (8859/1).");
        }
    }

    private static boolean ascii(byte[] payload) {
        for (byte b : payload) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean declaresLatin1(byte[] payload) {
        String head = new String(payload, 0, Math.min(payload.length, 1024), StandardCharsets.ISO_8859_1);
        int end = head.indexOf('\r') >= 0 ? head.indexOf('\r') : head.indexOf('\n');
        String msh = end < 0 ? head : head.substring(0, end);
        if (!msh.startsWith("MSH") || msh.length() < 4) {
            return false;
        }
        String[] fields = msh.split(Pattern.quote(String.valueOf(msh.charAt(3))), -1);
        return fields.length > 17 && fields[17].startsWith("8859/1");
    }

    private Hl7Message read(List<Er7Segment> segments, Instant receivedAt) throws Hl7Rejection {
        Er7Segment msh = segments.getFirst();
        String messageCode = msh.text(9, 1);
        String trigger = msh.text(9, 2);
        if (!"ORU".equals(messageCode) || !"R01".equals(trigger)) {
            throw Hl7Rejection.at(HL7_UNSUPPORTED_MESSAGE, "MSH-9", "MSH-9 is " + messageCode + "^" + trigger
                    + "; Vigil takes ORU^R01 observation results (IHE PCD-01).");
        }
        String controlId = msh.text(10, 1);
        if (controlId == null) {
            throw Hl7Rejection.at(HL7_MISSING_FIELD, "MSH-10", "MSH-10 (message control id) is empty; the acknowledgement echoes it.");
        }
        Instant messageTime = Hl7Time.parse(msh.text(7, 1), zone, "MSH-7");
        MessageWalk walk = new MessageWalk(messageTime);
        for (Er7Segment segment : segments.subList(1, segments.size())) {
            walk.visit(segment);
        }
        List<Hl7Reading> readings = panels.gather(walk.metrics, walk.notes, receivedAt);
        if (readings.isEmpty()) {
            throw Hl7Rejection.at(HL7_NO_MEASUREMENT, "OBX", "The message has no OBX with a value Vigil stores"
                    + (walk.notes.isEmpty() ? "." : ": " + String.join("; ", walk.notes.subList(0, Math.min(10, walk.notes.size()))) + "."));
        }
        for (Hl7Reading reading : readings) {
            if (reading.measurement().time().isAfter(receivedAt.plus(MAX_FUTURE_SKEW))) {
                throw Hl7Rejection.at(INVALID_TIME, reading.position() + "-14", reading.position()
                        + " is timed more than " + MAX_FUTURE_SKEW.toMinutes() + " minutes after Vigil received it; check the device's clock.");
            }
        }
        return new Hl7Message(controlId, msh.text(3, 1), msh.text(4, 1),
                msh.text(21, 1), messageTime, walk.patientIds, equipment(walk.equipment, msh),
                readings, walk.notes);
    }

    private static String equipment(Set<String> named, Er7Segment msh) throws Hl7Rejection {
        if (named.size() > 1) {
            throw Hl7Rejection.at(HL7_DEVICE_IDENTITY, "OBX-18", "The message names " + named.size()
                    + " devices in OBX-18/PRT-10; send one ORU^R01 per device (MDS).");
        }
        if (named.size() == 1) {
            return named.iterator().next();
        }
        String eui64 = msh.text(3, 2);
        if (eui64 != null && "EUI-64".equalsIgnoreCase(msh.text(3, 3))) {
            return eui64;
        }
        throw Hl7Rejection.at(HL7_DEVICE_IDENTITY, "OBX-18", "The message names no device: give its equipment"
                + " identifier in OBX-18 (e.g. 0123456789ABCDEF^EUI-64) or PRT-10, or its EUI-64 in MSH-3.");
    }

    /** The state of one pass over the segments after MSH. */
    private final class MessageWalk {
        final List<PatientIdentifier> patientIds = new ArrayList<>();
        final Set<String> equipment = new LinkedHashSet<>();
        final List<ObservationReader.Metric> metrics = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        private final Map<String, Integer> counts = new HashMap<>();
        private final Hl7Time.Recent times = new Hl7Time.Recent(zone);
        private final Instant messageTime;
        private Instant requestTime;
        private int request;

        MessageWalk(Instant messageTime) {
            this.messageTime = messageTime;
            this.requestTime = messageTime;
        }

        void visit(Er7Segment segment) throws Hl7Rejection {
            String name = segment.name();
            switch (name) {
                case "PID" -> patient(segment);
                case "OBR" -> {
                    String position = position(name);
                    request++;
                    Instant observed = Hl7Time.parse(segment.text(7, 1), zone, position + "-7");
                    requestTime = observed != null ? observed : messageTime;
                }
                case "OBX" -> {
                    String position = position(name);
                    equipment(segment, 18, position);
                    switch (observations.read(segment, position, request, requestTime, times)) {
                        case ObservationReader.Metric metric -> metrics.add(metric);
                        case ObservationReader.Skipped skipped -> notes.add(skipped.note());
                        case ObservationReader.Header header -> { }
                    }
                }
                case "PRT" -> equipment(segment, 10, position(name));
                default -> { }
            }
        }

        /** "OBX[3]": the segment's name and its number among the segments of that name. */
        private String position(String name) {
            return name + "[" + counts.merge(name, 1, Integer::sum) + "]";
        }

        private void patient(Er7Segment pid) {
            for (int i = 0; i < pid.repetitions(3); i++) {
                String id = pid.text(3, i, 1, 1);
                if (id != null) {
                    String authority = pid.text(3, i, 4, 1);
                    patientIds.add(new PatientIdentifier(id, authority != null ? authority
                            : pid.text(3, i, 4, 2), pid.text(3, i, 5, 1)));
                }
            }
        }

        private void equipment(Er7Segment segment, int field, String position) throws Hl7Rejection {
            for (int i = 0; i < segment.repetitions(field); i++) {
                String id = segment.text(field, i, 1, 1);
                if (id == null) {
                    id = segment.text(field, i, 3, 1);
                }
                if (id != null) {
                    if (id.length() > 64) {
                        throw Hl7Rejection.at(HL7_DEVICE_IDENTITY, position + "-" + field, position + "-" + field
                                + " has an equipment identifier longer than 64 characters.");
                    }
                    equipment.add(id);
                }
            }
        }
    }
}
