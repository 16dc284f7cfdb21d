package io.vigil.server.clinical;

import io.vigil.analytics.news2.News2Calculator;
import io.vigil.analytics.news2.News2Freshness;
import io.vigil.analytics.news2.News2Parameter;
import io.vigil.analytics.news2.News2Score;
import io.vigil.model.Measurement;
import io.vigil.model.ObservationRecord;
import io.vigil.server.observation.ObservationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** A patient's current NEWS2, computed on request from their newest stored readings. Not for clinical use. */
@Service
public class News2Scores {

    /** The readings NEWS2 is computed from. */
    static final List<String> NEWS2_TYPES = List.of("respiratory-rate", "spo2", "supplemental-oxygen", "inspired-oxygen",
            "blood-pressure", "heart-rate", "consciousness", "body-temperature");

    /**
     * A patient's NEWS2 with the stored observation behind each scored parameter.
     *
     * @param basis observation id per scored parameter
     */
    public record Assessment(String patientId, News2Score score, Map<News2Parameter, String> basis) {}

    private final ObservationStore observations;
    private final News2ScaleStore scales;
    private final News2Calculator calculator;

    News2Scores(ObservationStore observations, News2ScaleStore scales, Clock clock,
                @Value("${vigil.news2.freshness:PT1H}") Duration freshness) {
        this.observations = observations;
        this.scales = scales;
        this.calculator = new News2Calculator(new News2Freshness(freshness, Map.of()), clock);
    }

    /** The patient's current NEWS2 (the caller checks the patient exists). */
    public Assessment current(String patientId) {
        return of(patientId, observations.latest(patientId, NEWS2_TYPES));
    }

    /**
     * The patient's NEWS2 from observations the caller already holds: the newest of each type (other types are
     * ignored), e.g. the ward page's latest vitals.
     */
    public Assessment of(String patientId, List<ObservationRecord> latest) {
        News2Score score = calculator.score(latest.stream().map(ObservationRecord::measurement).toList(),
                scales.scaleOf(patientId));
        Map<News2Parameter, String> basis = new EnumMap<>(News2Parameter.class);
        score.basis().forEach((parameter, measurement) -> basis.put(parameter, observationOf(latest, measurement)));
        return new Assessment(patientId, score, basis);
    }

    private static String observationOf(List<ObservationRecord> latest, Measurement measurement) {
        return latest.stream().filter(o -> o.measurement().equals(measurement)).findFirst().orElseThrow().id();
    }
}
