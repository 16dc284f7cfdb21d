package io.vigil.server.clinical;

import io.vigil.analytics.news2.News2Band;
import io.vigil.analytics.news2.News2Calculator;
import io.vigil.analytics.news2.News2Freshness;
import io.vigil.analytics.news2.News2Score;
import io.vigil.analytics.news2.SpO2Scale;
import io.vigil.model.Measurement;
import io.vigil.model.ObservationRecord;
import io.vigil.server.observation.ObservationQuery;
import io.vigil.server.observation.ObservationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * NEWS2 over time, for the chart (resampled from the readings; {@link News2History} keeps each score as it was
 * computed live): the score as it stood at regular steps through a window, each computed from the
 * newest reading of each parameter at that moment (within the same freshness as the current score) and the
 * patient's current SpO2 scale (the scale's history is not kept). Not for clinical use.
 */
@Service
class News2Trend {
    private static final int PAGE = 5000;

    /** The score at one moment; {@code band} null while incomplete (then {@code total} is a partial sum). */
    record Point(Instant time, int total, boolean complete, String band, String bandAtLeast) {}

    private final ObservationStore observations;
    private final News2ScaleStore scales;
    private final Duration freshness;

    News2Trend(ObservationStore observations, News2ScaleStore scales,
                 @Value("${vigil.news2.freshness:PT1H}") Duration freshness) {
        this.observations = observations;
        this.scales = scales;
        this.freshness = freshness;
    }

    List<Point> over(String patientId, Instant from, Instant to, Duration step) {
        SpO2Scale scale = scales.scaleOf(patientId);
        List<ObservationRecord> readings = readings(patientId, from.minus(freshness), to);
        News2Freshness fresh = new News2Freshness(freshness, Map.of());
        Map<String, Measurement> newest = new HashMap<>();
        List<Point> points = new ArrayList<>();
        int next = 0;
        for (Instant t = from.plus(step); !t.isAfter(to); t = t.plus(step)) {
            while (next < readings.size() && !readings.get(next).measurement().time().isAfter(t)) {
                Measurement m = readings.get(next++).measurement();
                newest.put(m.type().alias(), m);
            }
            if (newest.isEmpty()) {
                continue;
            }
            News2Score score = new News2Calculator(fresh, Clock.fixed(t, ZoneOffset.UTC)).score(newest.values(), scale);
            if (score.subscores().isEmpty()) {
                continue;
            }
            points.add(new Point(t, score.total(), score.complete(), score.band().map(News2Band::code).orElse(null),
                    score.bandAtLeast().code()));
        }
        return points;
    }

    private List<ObservationRecord> readings(String patientId, Instant from, Instant to) {
        ObservationQuery query = new ObservationQuery(patientId, null, News2Scores.NEWS2_TYPES, from, true, to, true,
                false, 0, PAGE);
        List<ObservationRecord> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<ObservationRecord> page = observations.search(query.page(offset, PAGE));
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }
}
