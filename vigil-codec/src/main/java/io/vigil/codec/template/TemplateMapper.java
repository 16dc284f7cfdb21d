package io.vigil.codec.template;

import static io.vigil.codec.ErrorCode.DEVICE_MISMATCH;
import static io.vigil.codec.ErrorCode.IMPLAUSIBLE_VALUE;
import static io.vigil.codec.ErrorCode.INVALID_CODE;
import static io.vigil.codec.ErrorCode.INVALID_ID;
import static io.vigil.codec.ErrorCode.INVALID_TIME;
import static io.vigil.codec.ErrorCode.INVALID_VALUE;
import static io.vigil.codec.ErrorCode.MISSING_COMPONENT;
import static io.vigil.codec.ErrorCode.NO_READINGS;
import static io.vigil.codec.ErrorCode.PAYLOAD_TOO_LARGE;
import static io.vigil.codec.ErrorCode.SELECTOR_AMBIGUOUS;
import static io.vigil.codec.ErrorCode.SELECTOR_MISSING;
import static io.vigil.codec.ErrorCode.UNSUPPORTED_UNIT;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.codec.DecodeError;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.ErrorCode;
import io.vigil.codec.json.DeviceJsonLimits;
import io.vigil.codec.json.Echo;
import io.vigil.codec.json.MessageFields;
import io.vigil.codec.template.MappingRules.Mapping;
import io.vigil.codec.template.MappingRules.NumberRule;
import io.vigil.codec.template.MappingRules.TimeRule;
import io.vigil.codec.template.MappingRules.UnitRule;
import io.vigil.codec.template.MappingRules.ValueRule;
import io.vigil.model.MeasuredValue;
import io.vigil.model.MeasurementType;
import io.vigil.model.Measurement;
import io.vigil.model.TimeSource;
import io.vigil.model.UnitConversion;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Runs a template's mappings over one parsed payload. One instance per payload. */
final class TemplateMapper {

    /** A decimal number written as a string (Nightscout's API v3 sends {@code "sgv": "171"}). */
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,15})?");
    private static final int MAX_EXPONENT = 20;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Carries the first failure out of the nested steps; without a stack trace, so refusing garbage stays cheap. */
    static final class Unmappable extends Exception {
        private final transient DecodeError error;

        Unmappable(ErrorCode code, Object field, String reason) {
            super(reason, null, false, false);
            this.error = DecodeError.at(code, field == null ? null : field.toString(), reason);
        }

        DecodeError error() {
            return error;
        }
    }

    private final JsonNode root;
    private final Instant receivedAt;
    private final DeviceJsonLimits limits;
    private int readings;
    /** What the current token's indexed filters select (see {@link FilterIndex}); null when its mapping has none. */
    private FilterIndex index;
    private FilterIndex.Found found;

    /**
     * Where in the payload a value is read ("$.body.measuregrps[*] #2 body-weight"), spelled out only when a refusal
     * names it: building the text for every value read cost as much as reading it.
     */
    record Place(Object head, String separator, Object tail) {
        @Override
        public String toString() {
            return head + separator + tail;
        }
    }

    TemplateMapper(JsonNode root, Instant receivedAt, DeviceJsonLimits limits) {
        this.root = root;
        this.receivedAt = receivedAt;
        this.limits = limits;
    }

    List<DeviceMessage> messages(Selector deviceId, String device, List<Mapping> mappings) throws Unmappable {
        if (deviceId != null && !deviceId.relative()) {
            checkDevice(deviceId, root, device);
        }
        List<DeviceMessage> messages = new ArrayList<>();
        Map<String, Place> fieldById = new HashMap<>();
        for (Mapping mapping : mappings) {
            List<JsonNode> tokens = mapping.match().select(root, root, limits.maxMessages());
            if (tokens.size() > limits.maxMessages()) {
                throw new Unmappable(PAYLOAD_TOO_LARGE, mapping.match().toString(), mapping.match()
                        + " selects more than " + limits.maxMessages() + " readings; send fewer in one payload.");
            }
            for (int i = 0; i < tokens.size(); i++) {
                JsonNode token = tokens.get(i);
                if (mapping.when() != null && !accepts(mapping.when(), token)) {
                    continue;
                }
                Place at = new Place(mapping.match(), " #", i + 1);
                if (deviceId != null && deviceId.relative()) {
                    checkDevice(deviceId, token, device);
                }
                DeviceMessage message = message(mapping, token, at);
                if (message.measurements().isEmpty()) {
                    continue;
                }
                Place earlier = message.messageId() == null ? null : fieldById.putIfAbsent(message.messageId(), at);
                if (earlier != null) {
                    throw new Unmappable(INVALID_ID, at, at + " has the id " + Echo.quoted(message.messageId())
                            + " of " + earlier + "; each reading of a payload needs its own id.");
                }
                messages.add(message);
            }
        }
        if (messages.isEmpty()) {
            throw new Unmappable(NO_READINGS, null, "The template found no reading in this payload: no mapping's"
                    + " match selected a token that passed its condition and had a value.");
        }
        return List.copyOf(messages);
    }

    private void checkDevice(Selector deviceId, JsonNode token, String device) throws Unmappable {
        JsonNode node = one(deviceId, token, deviceId.toString(), true);
        String id = node.isTextual() ? node.textValue() : node.isIntegralNumber() ? node.asText() : null;
        if (id == null) {
            throw new Unmappable(INVALID_ID, deviceId.toString(), deviceId + " is " + Echo.jsonKind(node)
                    + "; a device id is a string.");
        }
        if (device != null && !device.equals(id)) {
            throw new Unmappable(DEVICE_MISMATCH, deviceId.toString(), deviceId + " names device " + Echo.quoted(id)
                    + ", but the payload came from device " + Echo.quoted(device) + ".");
        }
    }

    private boolean accepts(MappingRules.Condition when, JsonNode token) {
        for (JsonNode value : when.path().select(root, token, limits.maxMessages())) {
            if (Selector.sameValue(value, when.equals())) {
                return true;
            }
        }
        return false;
    }

    private DeviceMessage message(Mapping mapping, JsonNode token, Place at) throws Unmappable {
        index = mapping.index();
        found = index == null ? null : index.scan(root, token);
        Instant time = mapping.time() == null ? null : time(mapping.time(), token, at);
        String id = mapping.id() == null ? null : id(mapping.id(), token, at);
        List<Measurement> measurements = new ArrayList<>();
        for (ValueRule rule : mapping.values()) {
            MeasuredValue value = value(rule, token, at);
            if (value != null) {
                if (++readings > limits.maxMessages()) {
                    throw new Unmappable(PAYLOAD_TOO_LARGE, at, "The payload has more than " + limits.maxMessages()
                            + " readings; send fewer in one payload.");
                }
                measurements.add(new Measurement(rule.type(), value, time == null ? receivedAt : time,
                        time == null ? TimeSource.RECEIVED : TimeSource.DEVICE));
            }
        }
        return new DeviceMessage(id, measurements);
    }

    private MeasuredValue value(ValueRule rule, JsonNode token, Place at) throws Unmappable {
        Place field = new Place(at, " ", rule.type().alias());
        return switch (rule.type().kind()) {
            case QUANTITY -> {
                Double number = number(rule.type(), rule.number(), token, field, rule.required());
                yield number == null ? null : new MeasuredValue.Quantity(number, rule.type().canonicalUnit());
            }
            case CODED -> coded(rule, token, field);
            case PANEL -> panel(rule, token, field);
        };
    }

    private MeasuredValue coded(ValueRule rule, JsonNode token, Place field) throws Unmappable {
        JsonNode node = one(rule.number().value(), token, field, rule.required());
        if (node == null) {
            return null;
        }
        MeasurementType.Answer answer = node.isTextual() ? rule.type().answer(node.textValue()).orElse(null) : null;
        if (answer == null) {
            throw new Unmappable(INVALID_CODE, field, field + " is " + Echo.jsonKind(node) + "; it must be one of the"
                    + " strings " + String.join(", ", rule.type().answers().stream().map(MeasurementType.Answer::code).toList()) + ".");
        }
        return new MeasuredValue.Coded(answer);
    }

    private MeasuredValue panel(ValueRule rule, JsonNode token, Place field) throws Unmappable {
        List<MeasuredValue.Component> components = new ArrayList<>();
        MeasurementType missing = null;
        for (Map.Entry<MeasurementType, NumberRule> entry : rule.components().entrySet()) {
            MeasurementType type = entry.getKey();
            Double number = number(type, entry.getValue(), token, new Place(field, ".", type.alias()), false);
            if (number != null) {
                components.add(new MeasuredValue.Component(type, new MeasuredValue.Quantity(number, type.canonicalUnit())));
            } else if (!"mean-bp".equals(type.alias()) && missing == null) {
                missing = type;
            }
        }
        if (components.isEmpty() && !rule.required()) {
            return null;
        }
        if (missing != null) {
            throw new Unmappable(MISSING_COMPONENT, field + "." + missing.alias(), field + " has no "
                    + missing.alias() + ": " + rule.components().get(missing).value() + " found nothing.");
        }
        MeasuredValue.Panel panel = new MeasuredValue.Panel(components);
        double systolic = panel.component("systolic-bp").map(c -> c.quantity().value()).orElse(Double.NaN);
        double diastolic = panel.component("diastolic-bp").map(c -> c.quantity().value()).orElse(Double.NaN);
        if (systolic <= diastolic) {
            throw new Unmappable(IMPLAUSIBLE_VALUE, field, field + " has systolic " + Echo.number(systolic)
                    + " not above diastolic " + Echo.number(diastolic) + "; systolic pressure must exceed diastolic.");
        }
        return panel;
    }

    /** The number in the type's canonical unit, or null when it is absent and not required. */
    private Double number(MeasurementType type, NumberRule rule, JsonNode token, Place field, boolean required)
            throws Unmappable {
        // Value and exponent side by side (Withings' {value, unit}): the filter that finds them runs once.
        JsonNode parent;
        int slot = rule.sharedParent() == null || index == null ? -1 : index.slotOf(rule.sharedParent());
        if (slot >= 0) {
            if (found.count(slot) == 0) {
                // The filter selects nothing, so neither does the value selector that extends it.
                return nothing(rule.value(), field, required);
            }
            parent = found.only(slot);
        } else {
            parent = rule.sharedParent() == null ? null : only(rule.sharedParent(), token);
        }
        JsonNode node = parent != null ? member(parent, rule.value(), field, required) : one(rule.value(), token, field, required);
        if (node == null) {
            return null;
        }
        if (!numeric(node)) {
            throw notANumber(node, field, rule.value());
        }
        int exponent = 0;
        if (rule.exponent() != null) {
            JsonNode power = parent != null ? member(parent, rule.exponent(), field, true) : one(rule.exponent(), token, field, true);
            if (!power.isIntegralNumber() || Math.abs(power.longValue()) > MAX_EXPONENT) {
                throw new Unmappable(INVALID_VALUE, field, field + " exponent " + rule.exponent() + " is "
                        + Echo.jsonKind(power) + "; it must be a whole number from -" + MAX_EXPONENT + " to " + MAX_EXPONENT + ".");
            }
            exponent = power.intValue();
        }
        double given = scaled(node, exponent, field, rule.value());
        UnitConversion unit = unit(type, rule.unit(), token, field);
        double canonical = unit == null ? given : unit.toCanonical(given);
        if (!Double.isFinite(canonical) || !type.plausible().contains(canonical)) {
            String original = unit == null || unit.unit().equals(type.canonicalUnit())
                    ? "" : " (" + Echo.number(given) + " " + unit.unit() + ")";
            throw new Unmappable(IMPLAUSIBLE_VALUE, field, field + " is " + Echo.number(canonical) + " "
                    + type.canonicalUnit() + original + ", outside the plausible range " + Echo.number(type.plausible().min())
                    + "–" + Echo.number(type.plausible().max()) + " " + type.canonicalUnit() + " for " + type.alias() + ".");
        }
        return canonical;
    }

    /** The largest power of ten a double holds exactly. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    /**
     * {@code value × 10^exponent} as the nearest double. A whole number below 2^53 and 10^|exponent| (≤ 10^22) are
     * both exact doubles, so one IEEE multiplication or division rounds the exact result once: the same double
     * as the decimal arithmetic below, which the other numbers (fractions, strings, big integers) take.
     */
    private static double scaled(JsonNode node, int exponent, Place field, Selector selector) throws Unmappable {
        if (node.isIntegralNumber() && node.canConvertToLong() && Math.abs(node.longValue()) < EXACT_IN_DOUBLE
                && Math.abs(exponent) < POWERS_OF_TEN.length) {
            double whole = node.longValue();
            return exponent >= 0 ? whole * POWERS_OF_TEN[exponent] : whole / POWERS_OF_TEN[-exponent];
        }
        return decimal(node, field, selector).scaleByPowerOfTen(exponent).doubleValue();
    }

    private static BigDecimal decimal(JsonNode node, Place field, Selector selector) throws Unmappable {
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            return node.decimalValue();
        }
        if (node.isTextual() && DECIMAL.matcher(node.textValue()).matches()) {
            return new BigDecimal(node.textValue());
        }
        throw notANumber(node, field, selector);
    }

    /** A finite JSON number, or a decimal number written as a string. */
    private static boolean numeric(JsonNode node) {
        return node.isNumber() ? Double.isFinite(node.doubleValue())
                : node.isTextual() && DECIMAL.matcher(node.textValue()).matches();
    }

    private static Unmappable notANumber(JsonNode node, Place field, Selector selector) {
        return new Unmappable(INVALID_VALUE, field, field + " (" + selector + ") is " + Echo.jsonKind(node)
                + "; it must be a finite number.");
    }

    private UnitConversion unit(MeasurementType type, UnitRule rule, JsonNode token, Place field) throws Unmappable {
        return switch (rule) {
            case null -> null;
            case UnitRule.Fixed fixed -> fixed.conversion();
            case UnitRule.Selected selected -> {
                JsonNode node = one(selected.path(), token, field, true);
                UnitConversion conversion = node.isTextual() ? type.conversionFor(node.textValue()).orElse(null) : null;
                if (conversion == null) {
                    throw new Unmappable(UNSUPPORTED_UNIT, field, field + " unit " + selected.path() + " is "
                            + Echo.jsonKind(node) + ", which is not a unit accepted for " + type.alias() + "; use one of: "
                            + String.join(", ", type.acceptedUnits().stream().map(UnitConversion::unit).toList()) + ".");
                }
                yield conversion;
            }
        };
    }

    private Instant time(TimeRule rule, JsonNode token, Place at) throws Unmappable {
        Place field = new Place(at, " ", "time");
        JsonNode node = one(rule.path(), token, field, true);
        Instant time = switch (rule.format()) {
            case ISO_8601 -> node.isTextual() ? MessageFields.isoInstant(node.textValue()) : null;
            case EPOCH_SECONDS -> epoch(node, 1000);
            case EPOCH_MILLIS -> epoch(node, 1);
        };
        if (time == null) {
            throw new Unmappable(INVALID_TIME, field, field + " (" + rule.path() + ") is " + Echo.jsonKind(node)
                    + "; the template reads it as " + rule.format().templateName() + ".");
        }
        Duration ahead = Duration.between(receivedAt, time);
        if (ahead.compareTo(limits.maxFutureSkew()) > 0) {
            throw new Unmappable(INVALID_TIME, field, field + " " + time + " lies " + ahead.toSeconds()
                    + " s after Vigil received the payload; at most " + limits.maxFutureSkew().toSeconds()
                    + " s of device clock skew is accepted.");
        }
        return time;
    }

    /** An epoch number in milliseconds × {@code millisPerUnit}, or null when it is no number or out of range. */
    private static Instant epoch(JsonNode node, long millisPerUnit) {
        if (node.isIntegralNumber() && node.canConvertToLong()
                && Math.abs(node.longValue()) <= LATEST.toEpochMilli() / millisPerUnit) {
            long millis = node.longValue() * millisPerUnit;
            return millis < MessageFields.EARLIEST.toEpochMilli() || millis > LATEST.toEpochMilli()
                    ? null : Instant.ofEpochMilli(millis);
        }
        BigDecimal value;
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            value = node.decimalValue();
        } else if (node.isTextual() && DECIMAL.matcher(node.textValue()).matches()) {
            value = new BigDecimal(node.textValue());
        } else {
            return null;
        }
        BigDecimal millis = value.multiply(BigDecimal.valueOf(millisPerUnit));
        if (millis.compareTo(BigDecimal.valueOf(MessageFields.EARLIEST.toEpochMilli())) < 0
                || millis.compareTo(BigDecimal.valueOf(LATEST.toEpochMilli())) > 0) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(millis.longValue());
        } catch (DateTimeException | ArithmeticException e) {
            return null; // refused as INVALID_TIME by the caller, which names the field
        }
    }

    private String id(Selector selector, JsonNode token, Place at) throws Unmappable {
        List<JsonNode> nodes = selector.select(root, token, 1);
        if (nodes.isEmpty()) {
            return null;
        }
        Place field = new Place(at, " ", "id");
        JsonNode node = nodes.getFirst();
        String id = node.isTextual() ? node.textValue() : node.isIntegralNumber() ? node.asText() : null;
        if (nodes.size() > 1 || id == null || id.isEmpty() || id.length() > MessageFields.MAX_ID_LENGTH
                || !MessageFields.idCharacters(id)) {
            throw new Unmappable(INVALID_ID, field, field + " (" + selector + ") is " + Echo.jsonKind(node)
                    + "; an id is one string or whole number of 1 to " + MessageFields.MAX_ID_LENGTH
                    + " characters from A-Z, a-z, 0-9 and . _ : - only.");
        }
        return id;
    }

    /** The node a selector finds when it finds exactly one; else null. */
    private JsonNode only(Selector selector, JsonNode token) {
        List<JsonNode> nodes = selector.select(root, token, 1);
        return nodes.size() == 1 ? nodes.getFirst() : null;
    }

    /**
     * What {@code selector} finds, given the one node its steps but the last lead to: that node's member; as
     * {@link #one} would answer for the whole selector.
     */
    private static JsonNode member(JsonNode parent, Selector selector, Object field, boolean required) throws Unmappable {
        JsonNode node = parent.isObject() ? parent.get(selector.lastName()) : null;
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (required) {
                throw new Unmappable(SELECTOR_MISSING, field, field + ": " + selector + " found nothing in the payload.");
            }
            return null;
        }
        return node;
    }

    /** The one node a selector finds; null when it finds none and the value is not required. */
    private JsonNode one(Selector selector, JsonNode token, Object field, boolean required) throws Unmappable {
        List<JsonNode> nodes = selector.select(root, token, 1);
        if (nodes.size() > 1) {
            throw new Unmappable(SELECTOR_AMBIGUOUS, field, field + ": " + selector
                    + " found more than one value; it must find exactly one.");
        }
        if (nodes.isEmpty() || nodes.getFirst().isNull()) {
            return nothing(selector, field, required);
        }
        return nodes.getFirst();
    }

    /** A selector found nothing: null, or SELECTOR_MISSING when the value is required. */
    private static <T> T nothing(Selector selector, Object field, boolean required) throws Unmappable {
        if (required) {
            throw new Unmappable(SELECTOR_MISSING, field, field + ": " + selector + " found nothing in the payload.");
        }
        return null;
    }
}
