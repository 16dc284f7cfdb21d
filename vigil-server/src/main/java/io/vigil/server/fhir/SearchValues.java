package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.IQueryParameterAnd;
import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
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

    /** Whether every repetition of the parameter has a value that passes {@code test}; true when it is absent. */
    static <T extends IQueryParameterType> boolean all(IQueryParameterAnd<? extends IQueryParameterOr<T>> and,
                                                       Predicate<? super T> test) {
        if (and == null) {
            return true;
        }
        for (IQueryParameterOr<T> or : and.getValuesAsQueryTokens()) {
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
