package io.vigil.server.fhir;

import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import io.vigil.fhir.PatientMapper;
import io.vigil.model.PatientRecord;
import io.vigil.server.patient.PatientStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * A Patient search: {@code _id}, {@code identifier} (the MRN), {@code name}, {@code family}, {@code given}. Every
 * parameter must hold (AND), any value of a comma-separated list may (OR). Names match by case-insensitive prefix
 * as FHIR string search does; {@code name} looks at family and given names. The store is asked for the narrowest
 * candidates one parameter allows; all parameters are then checked on them.
 */
final class PatientCriteria {
    private final TokenAndListParam id;
    private final TokenAndListParam identifier;
    private final StringAndListParam name;
    private final StringAndListParam family;
    private final StringAndListParam given;

    PatientCriteria(TokenAndListParam id, TokenAndListParam identifier, StringAndListParam name,
                    StringAndListParam family, StringAndListParam given) {
        this.id = id;
        this.identifier = identifier;
        this.name = name;
        this.family = family;
        this.given = given;
        refuseModifiers();
    }

    /** A superset of the matches, from the most selective parameter given. */
    List<PatientRecord> candidates(PatientStore store) {
        List<PatientRecord> candidates = new ArrayList<>();
        if (id != null) {
            firstTokens(id).forEach(t -> store.find(t.getValue()).ifPresent(candidates::add));
        } else if (identifier != null) {
            firstTokens(identifier).forEach(t -> mrn(t).flatMap(store::findByMrn).ifPresent(candidates::add));
        } else if (name != null || family != null || given != null) {
            StringAndListParam names = name != null ? name : family != null ? family : given;
            names.getValuesAsQueryTokens().getFirst().getValuesAsQueryTokens()
                    .forEach(s -> candidates.addAll(store.byName(s.getValue())));
        } else {
            candidates.addAll(store.all());
        }
        return candidates;
    }

    boolean matches(PatientRecord p) {
        return allTokens(id, (t, r) -> t.getValue().equals(r.id()), p)
                && allTokens(identifier, (t, r) -> mrn(t).filter(r.mrn()::equals).isPresent(), p)
                && allStrings(name, (s, r) -> startsWith(r.family(), s) || startsWith(r.given(), s), p)
                && allStrings(family, (s, r) -> startsWith(r.family(), s), p)
                && allStrings(given, (s, r) -> startsWith(r.given(), s), p);
    }

    /** The MRN an identifier token names: {@code urn:vigil:mrn|X} or {@code X}; empty for any other system. */
    private static Optional<String> mrn(TokenParam token) {
        boolean ours = token.getSystem() == null || PatientMapper.MRN_SYSTEM.equals(token.getSystem());
        return ours && token.getValue() != null && !token.getValue().isEmpty() ? Optional.of(token.getValue()) : Optional.empty();
    }

    private static boolean startsWith(String value, String prefix) {
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
    }

    private static List<TokenParam> firstTokens(TokenAndListParam and) {
        return and.getValuesAsQueryTokens().getFirst().getValuesAsQueryTokens();
    }

    private static boolean allTokens(TokenAndListParam and, BiPredicate<TokenParam, PatientRecord> test, PatientRecord p) {
        if (and == null) {
            return true;
        }
        for (TokenOrListParam or : and.getValuesAsQueryTokens()) {
            if (or.getValuesAsQueryTokens().stream().noneMatch(t -> test.test(t, p))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allStrings(StringAndListParam and, BiPredicate<String, PatientRecord> test, PatientRecord p) {
        if (and == null) {
            return true;
        }
        for (StringOrListParam or : and.getValuesAsQueryTokens()) {
            if (or.getValuesAsQueryTokens().stream().noneMatch(s -> test.test(s.getValue(), p))) {
                return false;
            }
        }
        return true;
    }

    private void refuseModifiers() {
        for (TokenAndListParam tokens : new TokenAndListParam[] {id, identifier}) {
            if (tokens != null && tokens.getValuesAsQueryTokens().stream().flatMap(or -> or.getValuesAsQueryTokens().stream())
                    .anyMatch(t -> t.getModifier() != null || t.getMissing() != null || t.getValue() == null)) {
                throw FhirRefusals.invalid("Modifiers and empty values are not supported on _id and identifier");
            }
        }
        for (StringAndListParam strings : new StringAndListParam[] {name, family, given}) {
            if (strings != null && strings.getValuesAsQueryTokens().stream().flatMap(or -> or.getValuesAsQueryTokens().stream())
                    .anyMatch(PatientCriteria::modified)) {
                throw FhirRefusals.invalid("Modifiers (:exact, :contains) and empty values are not supported on name, family and given");
            }
        }
    }

    private static boolean modified(StringParam s) {
        return s.isExact() || s.isContains() || s.getMissing() != null || s.getValue() == null || s.getValue().isBlank();
    }
}
