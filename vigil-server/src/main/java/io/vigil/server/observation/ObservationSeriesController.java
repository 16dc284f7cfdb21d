package io.vigil.server.observation;

import io.vigil.analytics.limit.LimitRules;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import io.vigil.server.api.TimeWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trend data for charts: {@code GET /api/v1/patients/{id}/series?from=…&to=…&points=…&types=…} — every numeric measurement
 * type of the patient in the window (default the last 24 hours, at most 90 days) as compact columns, averaged into
 * time buckets when there are more than {@code points} (default 1,500) readings of a type; with the default adult
 * limits, for limit bands. Only for callers who see the patient's clinical data; others get 404.
 */
@RestController
class ObservationSeriesController {
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    static final Duration LONGEST_WINDOW = Duration.ofDays(90);
    static final int DEFAULT_POINTS = 1500;
    static final int MOST_POINTS = 20_000;

    record Limit(String rule, String measurement, String direction, double threshold, String priority) {}

    record SeriesView(Instant from, Instant to, long bucketSeconds, List<ObservationSeries.Series> series,
                      List<Limit> limits) {}

    private static final List<Limit> DEFAULT_LIMITS = LimitRules.adultDefaults().rules().stream()
            .map(r -> new Limit(r.id(), r.measurement(), r.direction().name().toLowerCase(), r.threshold(),
                    r.priority().code()))
            .toList();

    private final ObservationSeries series;
    private final PatientAccess access;
    private final Clock clock;

    ObservationSeriesController(ObservationSeries series, PatientAccess access, Clock clock) {
        this.series = series;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/api/v1/patients/{id}/series")
    SeriesView series(@PathVariable String id, @RequestParam(required = false) Instant from,
                      @RequestParam(required = false) Instant to, @RequestParam(required = false) Integer points,
                      @RequestParam(required = false) List<String> types) {
        access.requireVisible(id);
        TimeWindow window = TimeWindow.requested(from, to, clock, DEFAULT_WINDOW, LONGEST_WINDOW);
        int most = points == null ? DEFAULT_POINTS : points;
        if (most < 10 || most > MOST_POINTS) {
            throw ApiException.invalid("points", "points is 10 to " + MOST_POINTS);
        }
        ObservationSeries.Window found = series.of(id, window.from(), window.to(), types == null ? List.of() : types, most);
        return new SeriesView(found.from(), found.to(), found.bucketSeconds(), found.series(), DEFAULT_LIMITS);
    }
}
