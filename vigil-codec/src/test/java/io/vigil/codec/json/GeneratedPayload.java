package io.vigil.codec.json;

import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.UnitConversion;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random device JSON: mostly the right shape with a mix of right and wrong keys, values, units, times
 * and ids, sometimes cut or spliced, so both the parser and the semantic checks are exercised.
 */
final class GeneratedPayload {

    private static final List<String> MESSAGE_KEYS = List.of("id", "time", "values", "values", "values", "Values", "device");
    private static final List<String> PANEL_KEYS = List.of("systolic", "diastolic", "mean", "systolic-bp", "Diastolic",
            "mean-bp", "unit", "pulse");
    private static final List<String> STRINGS = List.of("A", "c", "V", "P", "u", "X", "Alert", "72", "", "mmHg", "kPa",
            "[degF]", "Cel", "lbs", "mmol/L", "mg/dL", "/min", "Hz", "\\u00e9", "\\n", "\\ud800", "\\u202E", "\\\"");
    private static final List<String> TIMES = List.of("2026-11-25T10:15:30Z", "2026-11-25T11:15:30+01:00",
            "2026-11-25T10:20:00Z", "2026-11-25T10:21:01Z", "2026-11-25T10:15:30", "2026-02-30T10:00:00Z",
            "0001-01-01T00:00:00Z", "0000-12-31T23:00:00-01:00", "+10000-01-01T00:00Z", "2026-11-25t10:15:30z",
            "2026-11-25T10:15:30.123456789Z", "yesterday", "1970-01-01T00:00:00Z");
    private static final List<String> IDS = List.of("m-1", "m-2", "a.b:c_d-9", "", "x y", "é", "a".repeat(128),
            "a".repeat(129));

    private final Random random;
    private final List<String> measurementKeys = new ArrayList<>();
    private final List<String> unitNames = new ArrayList<>();
    /** Whether the payload being generated keeps to what Vigil accepts, so the success path is exercised too. */
    private boolean wellFormed;

    GeneratedPayload(Random random) {
        this.random = random;
        for (MeasurementType type : MeasurementRegistry.standard().types()) {
            measurementKeys.add(type.alias());
            measurementKeys.add(type.loinc().code());
            type.acceptedUnits().stream().map(UnitConversion::unit).forEach(unitNames::add);
        }
        measurementKeys.addAll(List.of("pulse", "Heart-Rate", " spo2", "1234-5", ""));
    }

    String payload() {
        wellFormed = random.nextInt(5) < 2;
        String json = random.nextInt(4) == 0 ? array() : message();
        return wellFormed ? json : switch (random.nextInt(20)) {
            case 0 -> json.substring(0, random.nextInt(json.length() + 1));
            case 1 -> json + (random.nextBoolean() ? " {}" : ",");
            case 2 -> random.nextBoolean() ? "[]" : number();
            default -> json;
        };
    }

    private String array() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            out.append(random.nextInt(30) == 0 && !wellFormed ? number() : message()).append(i > 1 ? "," : "");
        }
        return out.append(']').toString();
    }

    private String message() {
        if (wellFormed) {
            String time = random.nextBoolean() ? "" : "\"time\":" + quote(pick(TIMES.subList(0, 3))) + ",";
            return "{" + time + "\"values\":" + values() + "}";
        }
        StringBuilder out = new StringBuilder("{");
        int fields = random.nextInt(10) == 0 ? random.nextInt(4) : 1 + random.nextInt(3);
        for (int i = 0; i < fields; i++) {
            String key = i == 0 && random.nextInt(4) > 0 ? "values" : pick(MESSAGE_KEYS);
            String value = switch (key) {
                case "id" -> random.nextInt(8) == 0 ? anything(1) : quote(pick(IDS));
                case "time" -> random.nextInt(8) == 0 ? anything(1) : quote(pick(TIMES));
                case "values", "Values" -> random.nextInt(10) == 0 ? anything(1) : values();
                default -> anything(1);
            };
            out.append(i > 0 ? "," : "").append(quote(key)).append(':').append(value);
        }
        return out.append('}').toString();
    }

    private String values() {
        StringBuilder out = new StringBuilder("{");
        List<String> keys = wellFormed ? new ArrayList<>(List.of("heart-rate", "spo2", "body-temperature",
                "blood-pressure", "consciousness", "respiratory-rate", "body-weight")) : measurementKeys;
        for (int i = random.nextInt(6); i >= 0; i--) {
            String key = wellFormed ? keys.remove(random.nextInt(keys.size())) : pick(measurementKeys);
            String value = MeasurementRegistry.standard().find(key)
                    .map(type -> switch (type.kind()) {
                        case QUANTITY -> quantity(type);
                        case PANEL -> panel();
                        case CODED -> wellFormed ? quote(pick(STRINGS.subList(0, 5)))
                                : random.nextInt(6) == 0 ? anything(2) : quote(pick(STRINGS));
                    })
                    .orElseGet(() -> anything(2));
            out.append(quote(key)).append(':').append(value).append(i > 0 ? "," : "");
        }
        return out.append('}').toString();
    }

    private String quantity(MeasurementType type) {
        if (wellFormed) {
            return plausibleNumber(type.plausible().min(), type.plausible().max());
        }
        return switch (random.nextInt(8)) {
            case 0 -> "{\"value\":" + number() + ",\"unit\":" + quote(pick(unitNames)) + "}";
            case 1 -> "{\"value\":" + (random.nextInt(4) == 0 ? anything(3) : number()) + "}";
            case 2 -> anything(3);
            default -> plausibleNumber(type.plausible().min(), type.plausible().max());
        };
    }

    private String panel() {
        if (wellFormed) {
            return "{\"systolic\":" + plausibleNumber(120, 200) + ",\"diastolic\":" + plausibleNumber(40, 110) + "}";
        }
        if (random.nextInt(10) == 0) {
            return anything(2);
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = random.nextInt(4); i >= 0; i--) {
            String key = i < 2 && random.nextInt(3) > 0 ? (i == 1 ? "systolic" : "diastolic") : pick(PANEL_KEYS);
            String value = key.equals("unit") ? quote(pick(List.of("mmHg", "mm[Hg]", "kPa", "psi")))
                    : key.startsWith("s") ? plausibleNumber(90, 200) : plausibleNumber(40, 110);
            if (random.nextInt(8) == 0) {
                value = "{\"value\":" + number() + ",\"unit\":" + quote(pick(unitNames)) + "}";
            }
            out.append(quote(key)).append(':').append(value).append(i > 0 ? "," : "");
        }
        return out.append('}').toString();
    }

    private String anything(int depth) {
        return switch (random.nextInt(depth > 4 ? 5 : 7)) {
            case 0 -> number();
            case 1 -> quote(pick(STRINGS));
            case 2 -> pick(List.of("true", "false", "null"));
            case 3 -> quote(pick(TIMES));
            case 4 -> pick(List.of("NaN", "-Infinity", "07", ".5", "1.", "'x'", "\"\\x\""));
            case 5 -> "[" + anything(depth + 1) + "," + anything(depth + 1) + "]";
            default -> "{" + quote(pick(PANEL_KEYS)) + ":" + anything(depth + 1) + "}";
        };
    }

    private String plausibleNumber(double min, double max) {
        double value = min + random.nextDouble() * (max - min);
        return random.nextBoolean() ? Long.toString(Math.round(value)) : Double.toString(value);
    }

    private String number() {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.toString(random.nextInt(400) - 50);
            case 1 -> Double.toString(random.nextGaussian() * 100);
            case 2 -> pick(List.of("0", "-0", "1e308", "-1e308", "1e400", "4.9e-324", "1E2", "98.6", "16", "5.5"));
            case 3 -> "9".repeat(1 + random.nextInt(40));
            case 4 -> Double.toString(random.nextDouble() * 300);
            default -> Long.toString(random.nextLong());
        };
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String quote(String text) {
        return '"' + text + '"';
    }
}
