package io.vigil.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One kind of measurement: its device-JSON alias, its LOINC code (primary first, then equivalents),
 * IEEE 11073 MDC codes, canonical UCUM unit, the units a device may send, the plausible range, and
 * the FHIR R4 profile its Observations conform to.
 *
 * @param alias          the key devices use in their JSON, e.g. {@code heart-rate}
 * @param codes          LOINC codings, the primary code first
 * @param mdcCodes       IEEE 11073-10101 codes, the preferred one first (may be empty)
 * @param canonicalUnit  UCUM unit values are stored in ({@code null} for coded and panel types)
 * @param acceptedUnits  units accepted on input, each with its conversion to the canonical unit
 * @param plausible      physiologically possible range in the canonical unit ({@code null} if not a quantity)
 * @param profile        canonical URL of the FHIR profile, or {@code null}
 * @param kind           quantity, coded or panel
 * @param components     the component types of a panel, in order
 * @param answers        the allowed codes of a coded type
 * @param vitalSign      whether its Observations belong to the vital-signs category
 */
public record MeasurementType(
        String alias,
        List<Code> codes,
        List<Code> mdcCodes,
        String canonicalUnit,
        List<UnitConversion> acceptedUnits,
        PlausibleRange plausible,
        String profile,
        ValueKind kind,
        List<MeasurementType> components,
        List<Answer> answers,
        boolean vitalSign) {

    /** One allowed answer of a coded measurement, e.g. ACVPU "V" = responds to voice; {@code coding} may be null. */
    public record Answer(String code, String display, Code coding) {}

    public MeasurementType {
        codes = List.copyOf(codes);
        mdcCodes = List.copyOf(mdcCodes);
        acceptedUnits = List.copyOf(acceptedUnits);
        components = List.copyOf(components);
        answers = List.copyOf(answers);
        if (codes.isEmpty()) {
            throw new IllegalArgumentException(alias + ": a measurement type needs a LOINC code");
        }
    }

    /** The primary LOINC coding. */
    public Code loinc() {
        return codes.getFirst();
    }

    /** The conversion for a unit the device sent (UCUM code or a common synonym such as "mmHg"). */
    public Optional<UnitConversion> conversionFor(String unit) {
        String ucum = UnitSynonyms.toUcum(unit);
        for (UnitConversion conversion : acceptedUnits) { // on every reading decoded: no stream
            if (conversion.unit().equals(ucum)) {
                return Optional.of(conversion);
            }
        }
        return Optional.empty();
    }

    /** The component of a panel by its alias (e.g. "systolic"), or by its full alias ("systolic-bp"). */
    public Optional<MeasurementType> component(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return components.stream()
                .filter(c -> c.alias().equals(key) || c.alias().equals(key + "-bp"))
                .findFirst();
    }

    public Optional<Answer> answer(String code) {
        return answers.stream().filter(a -> a.code().equalsIgnoreCase(code)).findFirst();
    }
}
