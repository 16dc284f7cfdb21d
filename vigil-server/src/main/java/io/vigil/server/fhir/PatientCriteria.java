package io.vigil.server.fhir;

import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import io.vigil.fhir.PatientMapper;
import io.vigil.model.PatientRecord;
import io.vigil.server.patient.PatientStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
        return SearchValues.all(id, t -> t.getValue().equals(p.id()))
                && SearchValues.all(identifier, t -> mrn(t).filter(p.mrn()::equals).isPresent())
                && SearchValues.all(name, (StringParam s) -> startsWith(p.family(), s.getValue()) || startsWith(p.given(), s.getValue()))
                && SearchValues.all(family, (StringParam s) -> startsWith(p.family(), s.getValue()))
                && SearchValues.all(given, (StringParam s) -> startsWith(p.given(), s.getValue()));
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

    private void refuseModifiers() {
        for (TokenAndListParam tokens : new TokenAndListParam[] {id, identifier}) {
            if (tokens != null && tokens.getValuesAsQueryTokens().stream().flatMap(or -> or.getValuesAsQueryTokens().stream())
                    .anyMatch(t -> t.getModifier() != null || t.getMissing() != null || t.getValue() == null)) {
                throw FhirRefusals.invalid("Modifiers and empty values are not supported on _id and identifier");
            }
        }
        for (StringAndListParam strings : new StringAndListParam[] {name, family, given}) {
            SearchValues.refuseModifiers("name, family and given", strings);
        }
    }
}
