package io.vigil.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The measurement types Vigil knows, found by device-JSON alias or by any of their LOINC codes.
 * Codes and units follow the FHIR R4 vital-signs profiles, LOINC, UCUM and IEEE 11073-10101
 * (see docs/devices.md for the table).
 */
public final class MeasurementRegistry {

    private static final MeasurementRegistry STANDARD = new MeasurementRegistry(StandardMeasurements.all());

    private final Map<String, MeasurementType> byAlias = new LinkedHashMap<>();
    private final Map<String, MeasurementType> byLoinc = new LinkedHashMap<>();

    public MeasurementRegistry(Collection<MeasurementType> types) {
        for (MeasurementType type : types) {
            register(type, false);
            for (MeasurementType component : type.components()) {
                register(component, true);
            }
        }
    }

    private void register(MeasurementType type, boolean component) {
        if (byAlias.putIfAbsent(type.alias(), type) != null) {
            throw new IllegalArgumentException("duplicate measurement alias " + type.alias());
        }
        for (Code code : type.codes()) {
            byLoinc.putIfAbsent(code.code(), type);
        }
    }

    /** The registry of standard measurement types. */
    public static MeasurementRegistry standard() {
        return STANDARD;
    }

    /** A type by device-JSON alias (case-insensitive) or LOINC code. */
    public Optional<MeasurementType> find(String aliasOrLoinc) {
        if (aliasOrLoinc == null) {
            return Optional.empty();
        }
        String key = aliasOrLoinc.trim();
        MeasurementType type = byAlias.get(key.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(type != null ? type : byLoinc.get(key));
    }

    /** A type by its alias, for code that names a type the registry is known to hold. */
    public MeasurementType require(String alias) {
        return find(alias).orElseThrow(() -> new IllegalArgumentException("unknown measurement type " + alias));
    }

    /** Top-level types and panel components, in registration order. */
    public List<MeasurementType> types() {
        return List.copyOf(byAlias.values());
    }
}
