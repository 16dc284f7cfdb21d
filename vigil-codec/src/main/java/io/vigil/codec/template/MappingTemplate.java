package io.vigil.codec.template;

import static io.vigil.codec.ErrorCode.MALFORMED_PAYLOAD;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.json.DeviceJsonLimits;
import io.vigil.codec.json.UntrustedJson;
import io.vigil.codec.template.MappingRules.Mapping;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A loaded, validated mapping template: turns one vendor JSON payload into device messages of coded measurements
 * in canonical units. Made by {@link TemplateCompiler}; immutable and thread-safe. Payloads are untrusted: every
 * problem comes back as a {@link DecodeResult.Failure}, never as an exception.
 */
public final class MappingTemplate {

    private static final System.Logger LOG = System.getLogger(MappingTemplate.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** Vendor payloads nest deeper than Vigil's own JSON (Withings: body, measuregrps, group, measures, measure). */
    static final int MAX_PAYLOAD_DEPTH = 32;
    /**
     * One parser per configured size limit, shared by every template: building a Jackson mapper per payload cost
     * more than the mapping itself (docs/benchmarks.md). Keys come from configuration, never from payloads.
     */
    private static final Map<Integer, UntrustedJson> PARSERS = new ConcurrentHashMap<>();

    private final String name;
    private final String description;
    private final String source;
    private final Selector deviceId;
    private final List<Mapping> mappings;

    MappingTemplate(String name, String description, String source, Selector deviceId, List<Mapping> mappings) {
        this.name = name;
        this.description = description;
        this.source = source;
        this.deviceId = deviceId;
        this.mappings = List.copyOf(mappings);
    }

    /** Whether a text can name a template: 1–64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public String name() {
        return name;
    }

    /** The author's description, or null. */
    public String description() {
        return description;
    }

    /** Where the payload shape is documented (a URL), or null. */
    public String source() {
        return source;
    }

    /**
     * @param payload    the vendor JSON as received
     * @param device     the device that sent it (the topic's or path's id); null to skip the device-id check
     * @param receivedAt when Vigil received it: the time of readings the template gives no time for
     * @param limits     payload size, reading count and clock-skew bounds
     */
    public DecodeResult<List<DeviceMessage>> map(byte[] payload, String device, Instant receivedAt, DeviceJsonLimits limits) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(limits, "limits");
        DecodeResult<JsonNode> parsed = PARSERS
                .computeIfAbsent(limits.maxBytes(), maxBytes -> new UntrustedJson(maxBytes, MAX_PAYLOAD_DEPTH))
                .parse(payload);
        if (parsed instanceof DecodeResult.Failure<JsonNode> failure) {
            return DecodeResult.failure(failure.error());
        }
        JsonNode root = ((DecodeResult.Ok<JsonNode>) parsed).value();
        try {
            return DecodeResult.ok(new TemplateMapper(root, receivedAt, limits).messages(deviceId, device, mappings));
        } catch (TemplateMapper.Unmappable unmappable) {
            return DecodeResult.failure(unmappable.error());
        } catch (RuntimeException bug) {
            // A defect in Vigil, not in the payload; the payload itself stays out of the log.
            LOG.log(System.Logger.Level.ERROR, "event=decode.defect decoder=template template=" + name, bug);
            return DecodeResult.failure(DecodeError.at(MALFORMED_PAYLOAD, null,
                    "Vigil could not map this payload because of an internal error (" + bug.getClass().getSimpleName() + ")."));
        }
    }

    /** With the default limits (256 KiB, 1000 readings, 5 minutes of clock skew). */
    public DecodeResult<List<DeviceMessage>> map(byte[] payload, String device, Instant receivedAt) {
        return map(payload, device, receivedAt, DeviceJsonLimits.defaults());
    }
}
