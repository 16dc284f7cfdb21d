package io.vigil.server.clinical;

import io.vigil.analytics.glucose.CgmReading;
import io.vigil.analytics.glucose.GlucoseSummary;
import io.vigil.analytics.glucose.GlucoseSummaryCalculator;
import io.vigil.analytics.news2.News2Band;
import io.vigil.analytics.news2.News2Parameter;
import io.vigil.analytics.news2.News2Response;
import io.vigil.analytics.news2.News2Score;
import io.vigil.analytics.news2.SpO2Scale;
import io.vigil.model.MeasuredValue;
import io.vigil.model.ObservationRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import io.vigil.server.observation.ObservationQuery;
import io.vigil.server.observation.ObservationStore;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * NEWS2 and the CGM glucose summary over REST, computed on request from the stored observations, for patients
 * the caller may see (others: 404).
 * Not for clinical use.
 */
@RestController
@RequestMapping("/api/v1/patients/{id}")
class ClinicalScoresController {
    private static final Logger log = LoggerFactory.getLogger(ClinicalScoresController.class);

    static final Duration DEFAULT_GLUCOSE_WINDOW = Duration.ofDays(14);
    static final Duration LONGEST_GLUCOSE_WINDOW = Duration.ofDays(90);
    private static final int PAGE = 2000;

    record ScaleBody(Integer scale) {}

    record ScaleView(int scale) {}

    /** The NEWS2 answer; {@code basis} is the observation id behind each sub-score. */
    record News2View(int total, boolean complete, String band, String bandAtLeast, boolean singleParameterThree,
                     int scale, Map<String, Integer> subscores, List<String> missing, String monitoring,
                     String response, Instant time, Map<String, String> basis) {
        static News2View of(News2Scores.Assessment assessment) {
            News2Score s = assessment.score();
            Map<String, Integer> subscores = new LinkedHashMap<>();
            s.subscores().forEach((parameter, score) -> subscores.put(parameter.key(), score));
            Map<String, String> basis = new LinkedHashMap<>();
            assessment.basis().forEach((parameter, observation) -> basis.put(parameter.key(), observation));
            return new News2View(s.total(), s.complete(), s.band().map(News2Band::code).orElse(null),
                    s.bandAtLeast().code(), s.singleParameterThree(), s.scale().number(), subscores,
                    s.missing().stream().map(News2Parameter::key).toList(),
                    s.response().map(News2Response::monitoring).orElse(null), s.advice(), s.time(), basis);
        }
    }

    private final PatientAccess access;
    private final ObservationStore observations;
    private final News2ScaleStore scales;
    private final News2Scores news2;
    private final News2History history;
    private final GlucoseSummaryCalculator glucose;
    private final Clock clock;

    ClinicalScoresController(PatientAccess access, ObservationStore observations, News2ScaleStore scales,
                             News2Scores news2, News2History history, Clock clock, @Value("${vigil.cgm.interval:PT5M}") Duration cgmInterval) {
        this.access = access;
        this.observations = observations;
        this.scales = scales;
        this.news2 = news2;
        this.history = history;
        this.clock = clock;
        this.glucose = new GlucoseSummaryCalculator(cgmInterval, ZoneOffset.UTC);
    }

    @GetMapping("/news2")
    News2View news2(@PathVariable String id) {
        requirePatient(id);
        return News2View.of(news2.current(id));
    }

    /** Every NEWS2 computed for the patient as readings arrived, newest first (at most 500), optionally in a window. */
    @GetMapping("/news2/history")
    List<News2History.Entry> news2History(@PathVariable String id, @RequestParam(required = false) Instant from,
                                          @RequestParam(required = false) Instant to) {
        requirePatient(id);
        return history.of(id, from, to);
    }

    @PutMapping("/news2-scale")
    ScaleView chooseScale(@PathVariable String id, @RequestBody ScaleBody body, Principal clinician) {
        requirePatient(id);
        if (body == null || body.scale() == null || (body.scale() != 1 && body.scale() != 2)) {
            throw ApiException.invalid("scale", "The NEWS2 SpO2 scale is 1 or 2");
        }
        SpO2Scale scale = SpO2Scale.of(body.scale());
        scales.choose(id, scale, clinician.getName());
        log.info("event=news2.scale.chosen patient={} scale={}", id, scale.number());
        return new ScaleView(scale.number());
    }

    @GetMapping("/glucose-summary")
    GlucoseSummary glucoseSummary(@PathVariable String id, @RequestParam(required = false) Instant from,
                                  @RequestParam(required = false) Instant to) {
        requirePatient(id);
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_GLUCOSE_WINDOW);
        if (!start.isBefore(end)) {
            throw ApiException.invalid("from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST_GLUCOSE_WINDOW) > 0) {
            throw ApiException.invalid("from", "A glucose summary covers at most 90 days");
        }
        return glucose.summarize(cgmReadings(id, start, end), start, end);
    }

    private List<CgmReading> cgmReadings(String patientId, Instant from, Instant to) {
        ObservationQuery query = new ObservationQuery(patientId, null, List.of("cgm-glucose"), from, true, to, false,
                false, 0, PAGE);
        List<CgmReading> readings = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<ObservationRecord> page = observations.search(query.page(offset, PAGE));
            for (ObservationRecord o : page) {
                if (o.measurement().value() instanceof MeasuredValue.Quantity q) {
                    readings.add(new CgmReading(o.measurement().time(), q.value()));
                }
            }
            if (page.size() < PAGE) {
                return readings;
            }
        }
    }

    /** A patient the caller may not see is answered like one that does not exist. */
    private void requirePatient(String id) {
        access.requireVisible(id);
    }
}
