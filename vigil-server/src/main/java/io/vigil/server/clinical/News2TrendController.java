package io.vigil.server.clinical;

import io.vigil.server.access.PatientAccess;
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
 * {@code GET /api/v1/patients/{id}/news2/trend?from=…&to=…}: NEWS2 at about 120–180 steps through the window
 * (default the last 24 hours, at most 31 days) — not for clinical use. 404 unless the caller sees the patient.
 */
@RestController
class News2TrendController {
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    static final Duration LONGEST_WINDOW = Duration.ofDays(31);
    private static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4));
    private static final int MOST_STEPS = 180;

    record HistoryView(Instant from, Instant to, long stepSeconds, List<News2Trend.Point> points) {}

    private final News2Trend history;
    private final PatientAccess access;
    private final Clock clock;

    News2TrendController(News2Trend history, PatientAccess access, Clock clock) {
        this.history = history;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/api/v1/patients/{id}/news2/trend")
    HistoryView history(@PathVariable String id, @RequestParam(required = false) Instant from,
                        @RequestParam(required = false) Instant to) {
        access.requireVisible(id);
        TimeWindow asked = TimeWindow.requested(from, to, clock, DEFAULT_WINDOW, LONGEST_WINDOW);
        Duration window = asked.length();
        Duration step = STEPS.stream().filter(s -> window.dividedBy(s) <= MOST_STEPS).findFirst().orElse(STEPS.getLast());
        return new HistoryView(asked.from(), asked.to(), step.toSeconds(), history.over(id, asked.from(), asked.to(), step));
    }
}
