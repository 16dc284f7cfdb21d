package io.vigil.model;

/** The terminologies Vigil codes its data in, with their canonical URIs. */
public enum CodeSystem {
    LOINC("http://loinc.org"),
    MDC("urn:iso:std:iso:11073:10101"),
    UCUM("http://unitsofmeasure.org"),
    SNOMED("http://snomed.info/sct");

    private final String uri;

    CodeSystem(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}
