package io.vigil.analytics.news2;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How old a reading may be and still count towards NEWS2, per parameter. A NEWS2 is a set of observations
 * taken together at one assessment; a reading older than its window is reported as missing, not scored.
 * The default window is one hour for every parameter: the shortest interval the RCP asks for (hourly,
 * for a score of 5 or more or a single 3), so an hourly spot-check round always counts.
 *
 * @param defaultWindow the window for parameters without an override
 * @param overrides     per-parameter windows (e.g. a longer one for temperature)
 */
public record News2Freshness(Duration defaultWindow, Map<News2Parameter, Duration> overrides) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    public News2Freshness {
        if (defaultWindow.isNegative() || defaultWindow.isZero()) {
            throw new IllegalArgumentException("a freshness window is positive");
        }
        overrides = overrides.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(overrides));
    }

    /** One hour for every parameter. */
    public static News2Freshness standard() {
        return new News2Freshness(DEFAULT_WINDOW, Map.of());
    }

    public Duration window(News2Parameter parameter) {
        return overrides.getOrDefault(parameter, defaultWindow);
    }
}
