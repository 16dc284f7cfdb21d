package io.vigil.server.fhir;

import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import io.vigil.fhir.ObservationMapper;
import io.vigil.model.Code;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which measurement types an Observation {@code code} or {@code category} search names. A code matches every coding
 * {@link ObservationMapper} puts on the Observation: all LOINC codes and all IEEE 11073 MDC codes of the type. A
 * component's code (systolic 8480-6, diastolic 8462-4, mean 8478-0) finds its panel, the blood pressure
 * Observation, since that is where the value lives. The category follows the mapper too: vital signs, or laboratory
 * for glucose readings.
 */
final class ObservationCodes {
    static final String VITAL_SIGNS = "vital-signs";
    static final String LABORATORY = "laboratory";

    private final List<MeasurementType> types;
    private final Map<String, Set<String>> bySystemAndCode = new HashMap<>();
    private final Map<String, Set<String>> byCode = new HashMap<>();
    private final Map<String, Set<String>> bySystem = new HashMap<>();

    ObservationCodes(MeasurementRegistry registry) {
        Set<String> components = new HashSet<>();
        registry.types().forEach(t -> t.components().forEach(c -> components.add(c.alias())));
        this.types = registry.types().stream().filter(t -> !components.contains(t.alias())).toList();
        for (MeasurementType type : types) {
            index(type, type.alias());
            type.components().forEach(component -> index(component, type.alias()));
        }
    }

    private void index(MeasurementType type, String observationType) {
        for (List<Code> codes : List.of(type.codes(), type.mdcCodes())) {
            for (Code code : codes) {
                add(bySystemAndCode, code.system().uri() + "|" + code.code(), observationType);
                add(byCode, code.code(), observationType);
                add(bySystem, code.system().uri(), observationType);
            }
        }
    }

    private static void add(Map<String, Set<String>> index, String key, String alias) {
        index.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(alias);
    }

    /** The measurement types stored as Observations of their own (not panel components), in registry order. */
    List<MeasurementType> observationTypes() {
        return types;
    }

    /** Types a {@code code} search allows, or null when the search does not restrict by code. */
    Set<String> byCode(TokenAndListParam codes) {
        return matching(codes, "code", this::codeMatches);
    }

    /** Types a {@code category} search allows, or null when the search does not restrict by category. */
    Set<String> byCategory(TokenAndListParam categories) {
        return matching(categories, "category", this::categoryMatches);
    }

    /** Both restrictions together (null = none); an empty set means nothing can match. */
    static Set<String> both(Set<String> a, Set<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Set<String> both = new LinkedHashSet<>(a);
        both.retainAll(b);
        return both;
    }

    /** AND of ORs: the types every comma-separated list allows at least once. */
    private Set<String> matching(TokenAndListParam and, String name, Function<TokenParam, Set<String>> match) {
        if (and == null || and.getValuesAsQueryTokens().isEmpty()) {
            return null;
        }
        Set<String> allowed = null;
        for (TokenOrListParam or : and.getValuesAsQueryTokens()) {
            Set<String> any = new LinkedHashSet<>();
            for (TokenParam token : or.getValuesAsQueryTokens()) {
                refuseModifiers(token, name);
                any.addAll(match.apply(token));
            }
            allowed = both(allowed, any);
        }
        return allowed;
    }

    private static void refuseModifiers(TokenParam token, String name) {
        if (token.getModifier() != null || token.getMissing() != null) {
            throw FhirRefusals.invalid("Modifiers are not supported on '" + name + "'");
        }
        if (token.getValue() == null && token.getSystem() == null) {
            throw FhirRefusals.invalid("'" + name + "' needs a value");
        }
    }

    private Set<String> codeMatches(TokenParam token) {
        String system = token.getSystem();
        String code = token.getValue();
        if (system == null) {
            return byCode.getOrDefault(code, Set.of());
        }
        if (code == null || code.isEmpty()) {
            return bySystem.getOrDefault(system, Set.of());
        }
        return bySystemAndCode.getOrDefault(system + "|" + code, Set.of());
    }

    private Set<String> categoryMatches(TokenParam token) {
        if (token.getSystem() != null && !ObservationMapper.CATEGORY_SYSTEM.equals(token.getSystem())) {
            return Set.of();
        }
        String code = token.getValue();
        Set<String> aliases = new LinkedHashSet<>();
        for (MeasurementType type : types) {
            boolean vital = type.vitalSign();
            if (code == null || code.isEmpty() || (vital && VITAL_SIGNS.equals(code)) || (!vital && LABORATORY.equals(code))) {
                aliases.add(type.alias());
            }
        }
        return aliases;
    }
}
