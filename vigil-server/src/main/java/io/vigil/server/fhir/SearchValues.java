package io.vigil.server.fhir;

import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Matching a resource against search values held in memory (small sets: devices, practitioners, care teams): every
 * repetition of a parameter must hold (AND), any value of a comma-separated list may (OR). An absent parameter
 * matches everything. Modifiers, chains and empty values are refused with 400, never ignored.
 */
final class SearchValues {

    private SearchValues() {
    }

    static boolean tokens(TokenAndListParam and, Predicate<TokenParam> test) {
        if (and == null) {
            return true;
        }
        for (TokenOrListParam or : and.getValuesAsQueryTokens()) {
            if (or.getValuesAsQueryTokens().stream().noneMatch(test)) {
                return false;
            }
        }
        return true;
    }

    static boolean strings(StringAndListParam and, Predicate<String> test) {
        if (and == null) {
            return true;
        }
        for (StringOrListParam or : and.getValuesAsQueryTokens()) {
            if (or.getValuesAsQueryTokens().stream().noneMatch(s -> test.test(s.getValue()))) {
                return false;
            }
        }
        return true;
    }

    static boolean references(ReferenceAndListParam and, Predicate<ReferenceParam> test) {
        if (and == null) {
            return true;
        }
        for (ReferenceOrListParam or : and.getValuesAsQueryTokens()) {
            if (or.getValuesAsQueryTokens().stream().noneMatch(test)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} or one of its words starts with {@code prefix}, in any case (FHIR string search). */
    static boolean startsWithWord(String value, String prefix) {
        if (value == null) {
            return false;
        }
        String wanted = prefix.toLowerCase(Locale.ROOT);
        String text = value.toLowerCase(Locale.ROOT);
        if (text.startsWith(wanted)) {
            return true;
        }
        for (String word : text.split("[\\s,]+")) {
            if (word.startsWith(wanted)) {
                return true;
            }
        }
        return false;
    }

    static void refuseModifiers(String name, TokenAndListParam and) {
        if (and != null && and.getValuesAsQueryTokens().stream().flatMap(or -> or.getValuesAsQueryTokens().stream())
                .anyMatch(t -> t.getModifier() != null || t.getMissing() != null || t.getValue() == null || t.getValue().isEmpty())) {
            throw FhirRefusals.invalid("Modifiers and empty values are not supported on " + name);
        }
    }

    static void refuseModifiers(String name, StringAndListParam and) {
        if (and != null && and.getValuesAsQueryTokens().stream().flatMap(or -> or.getValuesAsQueryTokens().stream())
                .anyMatch(SearchValues::modified)) {
            throw FhirRefusals.invalid("Modifiers (:exact, :contains) and empty values are not supported on " + name);
        }
    }

    static void refuseModifiers(String name, ReferenceAndListParam and) {
        if (and != null && and.getValuesAsQueryTokens().stream().flatMap(or -> or.getValuesAsQueryTokens().stream())
                .anyMatch(r -> r.hasChain() || r.getMissing() != null || r.getIdPart() == null || r.getIdPart().isBlank())) {
            throw FhirRefusals.invalid("Chains, modifiers and empty values are not supported on " + name);
        }
    }

    private static boolean modified(StringParam s) {
        return s.isExact() || s.isContains() || s.getMissing() != null || s.getValue() == null || s.getValue().isBlank();
    }
}
