package io.vigil.server.rule;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.limit.LimitRule;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.PlausibleRange;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A patient's limits over REST: the limits in force (with where each comes from), a clinician's override of one,
 * and going back to the default. Only for patients the caller may see (others: 404); changing them is for
 * clinicians (the security chain refuses anyone else). Every request is audited by the request audit.
 * Not for clinical use.
 */
@RestController
@RequestMapping("/api/v1/patients/{id}/limits")
class LimitController {
    static final Duration LONGEST_DURATION = Duration.ofHours(1);

    /** The body of a PUT: threshold required; the others default to the default rule's. */
    record LimitBody(Double threshold, Double hysteresis, String duration, String priority) {}

    /** A limit in force; threshold and hysteresis in {@code unit}; duration ISO-8601. */
    record LimitView(String id, String measurement, String unit, String direction, double threshold, double hysteresis,
                     String duration, String priority, String source, String setBy, Instant setAt) {
        static LimitView of(EffectiveLimit limit) {
            LimitRule r = limit.rule();
            return new LimitView(r.id(), r.measurement(), REGISTRY.require(r.measurement()).canonicalUnit(),
                    r.direction().name().toLowerCase(Locale.ROOT), r.threshold(), r.hysteresis(),
                    r.duration().toString(), r.priority().code(), limit.source().code(), limit.setBy(), limit.setAt());
        }
    }

    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();

    private final PatientAccess access;
    private final PatientLimits limits;

    LimitController(PatientAccess access, PatientLimits limits) {
        this.access = access;
        this.limits = limits;
    }

    @GetMapping
    List<LimitView> list(@PathVariable String id) {
        access.requireVisible(id);
        return limits.of(id).stream().map(LimitView::of).toList();
    }

    @PutMapping("/{ruleId}")
    LimitView override(@PathVariable String id, @PathVariable String ruleId, @RequestBody(required = false) LimitBody body,
                       Principal clinician) {
        access.requireVisible(id);
        LimitRule base = knownRule(ruleId);
        LimitRule rule = validated(base, body == null ? new LimitBody(null, null, null, null) : body);
        return LimitView.of(limits.override(id, rule, clinician.getName()));
    }

    @DeleteMapping("/{ruleId}")
    ResponseEntity<Void> reset(@PathVariable String id, @PathVariable String ruleId) {
        access.requireVisible(id);
        knownRule(ruleId);
        limits.reset(id, ruleId);
        return ResponseEntity.noContent().build();
    }

    private static LimitRule knownRule(String ruleId) {
        return PatientLimits.defaultRule(ruleId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                ApiErrors.LIMIT_RULE_UNKNOWN, "No limit rule has this id", "ruleId"));
    }

    /** The override the body asks for, or a refusal naming the field. */
    static LimitRule validated(LimitRule base, LimitBody body) {
        MeasurementType type = REGISTRY.require(base.measurement());
        PlausibleRange plausible = type.plausible();
        String unit = type.canonicalUnit();
        if (body.threshold() == null || !Double.isFinite(body.threshold()) || !plausible.contains(body.threshold())) {
            throw invalid(ApiErrors.LIMIT_THRESHOLD_INVALID, "threshold", "The threshold is a number within "
                    + plausible.min() + "–" + plausible.max() + " " + unit);
        }
        double threshold = body.threshold();
        double hysteresis = body.hysteresis() != null ? body.hysteresis() : base.hysteresis();
        double clearAt = base.direction() == LimitRule.Direction.HIGH ? threshold - hysteresis : threshold + hysteresis;
        if (!Double.isFinite(hysteresis) || hysteresis < 0 || !plausible.contains(clearAt)) {
            throw invalid(ApiErrors.LIMIT_HYSTERESIS_INVALID, "hysteresis", "The hysteresis is 0 or more and keeps "
                    + "the clearing point within " + plausible.min() + "–" + plausible.max() + " " + unit);
        }
        Duration duration = duration(body.duration(), base.duration());
        AlertPriority priority = body.priority() == null ? base.priority() : AlertPriority.ofCode(body.priority())
                .orElseThrow(() -> invalid(ApiErrors.LIMIT_PRIORITY_INVALID, "priority", "The priority is high, medium or low"));
        return new LimitRule(base.id(), base.measurement(), base.direction(), threshold, hysteresis, duration, priority);
    }

    private static Duration duration(String text, Duration otherwise) {
        if (text == null) {
            return otherwise;
        }
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalidDuration();
        }
        if (d.isNegative() || d.compareTo(LONGEST_DURATION) > 0) {
            throw invalidDuration();
        }
        return d;
    }

    private static ApiException invalidDuration() {
        return invalid(ApiErrors.LIMIT_DURATION_INVALID, "duration", "The duration is an ISO-8601 duration from PT0S to PT1H");
    }

    private static ApiException invalid(String code, String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message, field);
    }
}
