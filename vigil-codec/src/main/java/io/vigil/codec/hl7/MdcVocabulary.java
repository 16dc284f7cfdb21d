package io.vigil.codec.hl7;

import io.vigil.model.Code;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * IEEE 11073-10101 terms as IHE PCD-01 carries them: metric codes (OBX-3) to Vigil's measurement types, and unit
 * codes (OBX-6) to UCUM. An MDC code is partition × 65536 + term code; the metric codes come from the registry,
 * plus the terms bedside monitors use for the same measurements.
 */
final class MdcVocabulary {

    /** MDC unit codes (partition 4, dimensions) with their reference ids, to UCUM. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("262688", "%"), Map.entry("MDC_DIM_PERCENT", "%"),
            Map.entry("264864", "/min"), Map.entry("MDC_DIM_BEAT_PER_MIN", "/min"),
            Map.entry("264928", "/min"), Map.entry("MDC_DIM_RESP_PER_MIN", "/min"),
            Map.entry("266016", "mm[Hg]"), Map.entry("MDC_DIM_MMHG", "mm[Hg]"),
            Map.entry("265987", "kPa"), Map.entry("MDC_DIM_KILO_PA", "kPa"),
            Map.entry("268192", "Cel"), Map.entry("MDC_DIM_DEGC", "Cel"),
            Map.entry("266560", "[degF]"), Map.entry("MDC_DIM_FAHR", "[degF]"),
            Map.entry("263875", "kg"), Map.entry("MDC_DIM_KILO_G", "kg"),
            Map.entry("263872", "g"), Map.entry("MDC_DIM_X_G", "g"),
            Map.entry("263904", "[lb_av]"), Map.entry("MDC_DIM_LB", "[lb_av]"),
            Map.entry("263441", "cm"), Map.entry("MDC_DIM_CENTI_M", "cm"),
            Map.entry("263424", "m"), Map.entry("MDC_DIM_X_M", "m"),
            Map.entry("263520", "[in_i]"), Map.entry("MDC_DIM_INCH", "[in_i]"),
            Map.entry("264096", "kg/m2"), Map.entry("MDC_DIM_KG_PER_M_SQ", "kg/m2"),
            Map.entry("264274", "mg/dL"), Map.entry("MDC_DIM_MILLI_G_PER_DL", "mg/dL"),
            Map.entry("266866", "mmol/L"), Map.entry("MDC_DIM_MILLI_MOLE_PER_L", "mmol/L"));

    /**
     * Terms monitors send for measurements the registry codes differently: the cuff (NIBP) pressures of PCD-01
     * monitors, generic and axillary temperature, and the transthoracic (impedance) respiration rate.
     */
    private static final Map<String, String> MONITOR_TERMS = Map.of(
            "150301", "systolic-bp", "150302", "diastolic-bp", "150303", "mean-bp",
            "150344", "body-temperature", "188496", "body-temperature",
            "151578", "respiratory-rate");

    private final Map<String, MeasurementType> byCode = new HashMap<>();

    MdcVocabulary(MeasurementRegistry registry) {
        for (MeasurementType type : registry.types()) {
            for (Code code : type.mdcCodes()) {
                byCode.putIfAbsent(code.code(), type);
            }
        }
        MONITOR_TERMS.forEach((code, alias) -> registry.find(alias).ifPresent(type -> byCode.putIfAbsent(code, type)));
    }

    /** The measurement type of an MDC metric code such as 150456, if Vigil knows it. */
    Optional<MeasurementType> metric(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.trim()));
    }

    /** The UCUM unit of an MDC unit (by code, else by reference id), or null. */
    static String unit(String code, String referenceId) {
        String byCode = code == null ? null : UNITS.get(code.trim());
        if (byCode != null) {
            return byCode;
        }
        return referenceId == null ? null : UNITS.get(referenceId.trim());
    }
}
