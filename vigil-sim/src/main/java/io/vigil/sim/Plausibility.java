package io.vigil.sim;

import io.vigil.model.MeasurementRegistry;
import io.vigil.model.PlausibleRange;

/**
 * Keeps simulated readings inside the registry's plausible ranges, which Vigil enforces: a value outside them
 * would be rejected and dead-lettered, and the simulator must not produce those by accident.
 */
final class Plausibility {

    private final MeasurementRegistry registry;

    Plausibility(MeasurementRegistry registry) {
        this.registry = registry;
    }

    /** The value, moved to the nearest end of the alias's plausible range if outside it (canonical unit). */
    double clamp(String alias, double value) {
        PlausibleRange range = registry.require(alias).plausible();
        return Math.clamp(value, range.min(), range.max());
    }

    /** A canonical value expressed in another accepted unit of the alias. */
    double toUnit(String alias, String unit, double canonical) {
        return registry.require(alias).conversionFor(unit)
                .orElseThrow(() -> new IllegalArgumentException(alias + " does not accept " + unit))
                .fromCanonical(canonical);
    }
}
