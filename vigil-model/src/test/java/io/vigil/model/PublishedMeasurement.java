package io.vigil.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the published measurement table (test resource {@code clinical-measurements.csv}, copied from
 * CLINICAL.md), so that expected codes come from the reference and not from the code under test.
 *
 * @param alias   device-JSON alias
 * @param loinc   LOINC codes, primary first
 * @param units   canonical UCUM unit first, then other accepted units (empty for coded and panel types)
 * @param mdc     MDC codes as "decimal REFERENCE_ID"
 * @param profile short name of the R4 profile, or null
 */
record PublishedMeasurement(String alias, List<String> loinc, List<String> units, List<String> mdc, String profile) {

    static final String PROFILE_BASE = "http://hl7.org/fhir/StructureDefinition/";

    static List<PublishedMeasurement> all() {
        return rows("clinical-measurements.csv").stream()
                .map(c -> new PublishedMeasurement(c[0], list(c[1]), list(c[2]), list(c[3]),
                        c[4].equals("-") ? null : c[4]))
                .toList();
    }

    String canonicalUnit() {
        return units.isEmpty() ? null : units.getFirst();
    }

    /** The CSV rows of a test resource beside this class, without the header and # comments. */
    static List<String[]> rows(String resource) {
        try (InputStream in = PublishedMeasurement.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
            return lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> list(String cell) {
        return cell.equals("-") ? List.of() : Arrays.stream(cell.split(";")).map(String::trim).toList();
    }

    @Override
    public String toString() {
        return alias;
    }
}
