package io.vigil.model;

import java.util.Objects;

/** One coding: a code in a code system, with its human display. */
public record Code(CodeSystem system, String code, String display) {
    public Code {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
    }

    public static Code loinc(String code, String display) {
        return new Code(CodeSystem.LOINC, code, display);
    }

    public static Code mdc(int code, String referenceId) {
        return new Code(CodeSystem.MDC, Integer.toString(code), referenceId);
    }

    public static Code snomed(String code, String display) {
        return new Code(CodeSystem.SNOMED, code, display);
    }
}
