package io.vigil.codec.waveform;

import static io.vigil.codec.ErrorCode.WAVEFORM_JSON_INVALID;
import static io.vigil.codec.ErrorCode.WAVEFORM_SIGNAL_MISMATCH;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.json.Echo;
import io.vigil.codec.json.UntrustedJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON form of a waveform frame, for devices that cannot easily write bytes:
 * {@code {"sequence": 7, "start": "2026-11-25T10:15:30.000Z", "sampleRate": 250, "unit": "mV", "gain": 200,
 * "baseline": 0, "leadsOff": false, "samples": [0, 3, 9, …]}}. {@code unit} (default {@code mV}), {@code gain}
 * (default 1), {@code baseline} (default 0), {@code leadsOff} (default false) and {@code signal} (the topic name,
 * which must then match the topic's) are optional. Samples are integers in ADC units. Pure and thread-safe.
 */
public final class WaveformJsonDecoder {
    private static final Set<String> MEMBERS = Set.of("sequence", "start", "sampleRate", "signal", "unit", "gain",
            "baseline", "leadsOff", "samples");
    private static final int MAX_SAMPLES = 0xFFFF;

    private final UntrustedJson json;

    public WaveformJsonDecoder(int maxBytes) {
        this.json = new UntrustedJson(maxBytes, 4);
    }

    public DecodeResult<WaveformFrame> decode(byte[] payload, WaveformSignal signal) {
        return switch (json.parse(payload)) {
            case DecodeResult.Failure<JsonNode> failure -> DecodeResult.failure(failure.error());
            case DecodeResult.Ok<JsonNode> ok -> frame(ok.value(), signal);
        };
    }

    private static DecodeResult<WaveformFrame> frame(JsonNode root, WaveformSignal signal) {
        if (!root.isObject()) {
            return invalid(null, "A JSON waveform is one object.");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                return invalid(name, "Unknown member " + Echo.quoted(name) + "; see docs/devices.md, \"Waveforms\".");
            }
        }
        JsonNode sequence = root.get("sequence");
        if (sequence == null || !sequence.canConvertToLong() || !sequence.isIntegralNumber() || sequence.asLong() < 0
                || sequence.asLong() > 0xFFFF_FFFFL) {
            return invalid("sequence", "\"sequence\" must be an integer 0 to 4294967295.");
        }
        Optional<Instant> start = instant(root.get("start"));
        if (start.isEmpty()) {
            return invalid("start", "\"start\" must be an ISO-8601 instant between 2000 and 2100, e.g. 2026-11-25T10:15:30.000Z.");
        }
        JsonNode rate = root.get("sampleRate");
        if (rate == null || !rate.isNumber() || !(rate.asDouble() >= 1 && rate.asDouble() <= 10_000)) {
            return invalid("sampleRate", "\"sampleRate\" must be a number of samples per second, 1 to 10000.");
        }
        JsonNode named = root.get("signal");
        if (named != null && !(named.isTextual() && named.asText().equals(signal.topicName()))) {
            return DecodeResult.failure(DecodeError.at(WAVEFORM_SIGNAL_MISMATCH, "signal",
                    "\"signal\" must be " + Echo.quoted(signal.topicName()) + ", the signal the topic names."));
        }
        JsonNode unitNode = root.get("unit");
        Optional<WaveformUnit> unit = unitNode == null ? Optional.of(WaveformUnit.MILLIVOLT)
                : unitNode.isTextual() ? WaveformUnit.ofUcum(unitNode.asText()) : Optional.empty();
        if (unit.isEmpty()) {
            return invalid("unit", "\"unit\" must be \"mV\", \"uV\" or \"1\".");
        }
        JsonNode gain = root.get("gain");
        if (gain != null && (!gain.isNumber() || !(gain.asDouble() > 0) || Double.isInfinite(gain.asDouble()))) {
            return invalid("gain", "\"gain\" must be a number above zero (ADC units per unit).");
        }
        JsonNode baseline = root.get("baseline");
        if (baseline != null && !(baseline.isInt())) {
            return invalid("baseline", "\"baseline\" must be a 32-bit integer.");
        }
        JsonNode leadsOff = root.get("leadsOff");
        if (leadsOff != null && !leadsOff.isBoolean()) {
            return invalid("leadsOff", "\"leadsOff\" must be true or false.");
        }
        JsonNode samples = root.get("samples");
        if (samples == null || !samples.isArray() || samples.isEmpty() || samples.size() > MAX_SAMPLES) {
            return invalid("samples", "\"samples\" must be an array of 1 to 65535 integers.");
        }
        int[] values = new int[samples.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode s = samples.get(i);
            if (!s.isInt()) {
                return invalid("samples[" + i + "]", "Sample " + i + " is not a 32-bit integer.");
            }
            values[i] = s.intValue();
        }
        return DecodeResult.ok(new WaveformFrame(sequence.asLong(), start.get(), rate.asDouble(), signal, unit.get().ucum(),
                gain == null ? 1 : gain.asDouble(), baseline == null ? 0 : baseline.intValue(),
                leadsOff != null && leadsOff.booleanValue(), values));
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        try {
            Instant t = Instant.parse(node.asText());
            long micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
            return micros >= WaveformFrameDecoder.MIN_START_MICROS && micros < WaveformFrameDecoder.MAX_START_MICROS
                    ? Optional.of(Instant.EPOCH.plusNanos(micros * 1000)) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static DecodeResult<WaveformFrame> invalid(String field, String reason) {
        return DecodeResult.failure(DecodeError.at(WAVEFORM_JSON_INVALID, field, reason));
    }
}
