package io.vigil.analytics.news2;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One patient's NEWS2 alert condition, fed each newly computed score. Two levels, after the RCP's trigger
 * thresholds (NEWS2, 2017, Chart 3 "Clinical response to NEWS trigger thresholds"):
 * <ul>
 *   <li>{@code news2-high} (high priority): aggregate 7 or more — emergency response, continuous monitoring;</li>
 *   <li>{@code news2-medium} (medium priority): aggregate 5–6, or 3 in a single parameter — urgent response by a
 *       clinician with competence in acute illness (a single 3: urgent ward-based response).</li>
 * </ul>
 * At most one level is raised at a time: going up clears the lower and raises the higher; going down clears the
 * higher (and raises the lower if its condition holds). Hysteresis: a level clears only once the score is one point
 * inside it — high clears at 5 or less, medium at 3 or less with no parameter scoring 3 — so a score wavering on a
 * threshold does not raise and clear on every reading; and the clearing score must hold for {@code holdToClear}
 * (every score in between clearing too) — a parameter flickering across a band edge (SpO2 91/92 % scoring 3/2)
 * would otherwise raise and clear a medium alert minute by minute. An incomplete score (a parameter missing or stale) can raise
 * (its total is a lower bound: a partial 7 is high whatever is missing) but never clears: what is missing might
 * still score. Not for clinical use.
 */
public final class News2Alarm {
    public static final AlertRule HIGH = new AlertRule("news2-high", "news2", AlertPriority.HIGH,
            AlertCategory.PHYSIOLOGICAL);
    public static final AlertRule MEDIUM = new AlertRule("news2-medium", "news2", AlertPriority.MEDIUM,
            AlertCategory.PHYSIOLOGICAL);

    private final String patient;
    private final Duration holdToClear;
    /** The raised rule, or null. */
    private AlertRule raised;
    /** Since when every score has cleared the raised level; null while it does not. */
    private Instant clearingSince;

    /** @param holdToClear how long scores must clear the raised level before it clears (zero: at once) */
    public News2Alarm(String patient, Duration holdToClear) {
        this.patient = patient;
        this.holdToClear = holdToClear;
    }

    /** What this score does to the condition: raised, continuing or cleared events, in order. */
    public List<ConditionEvent> accept(News2Score score) {
        List<ConditionEvent> events = new ArrayList<>();
        AlertRule now = levelOf(score);
        boolean clearing = raised != null && clears(raised, score);
        clearingSince = clearing ? (clearingSince == null ? score.time() : clearingSince) : null;
        if (raised != null && now == raised) {
            events.add(new ConditionEvent.Continuing(raised, patient, score.total(), score.time()));
            return events;
        }
        boolean higher = now != null && (raised == null || raised == MEDIUM);
        if (higher) {
            if (raised != null) {
                events.add(new ConditionEvent.Cleared(raised, patient, score.total(), score.time()));
            }
            raised = now;
            clearingSince = null;
            events.add(new ConditionEvent.Raised(now, patient, score.total(), score.time()));
            return events;
        }
        if (clearing && !score.time().isBefore(clearingSince.plus(holdToClear))) {
            clearingSince = null;
            events.add(new ConditionEvent.Cleared(raised, patient, score.total(), score.time()));
            raised = null;
            if (now == MEDIUM) {
                raised = MEDIUM;
                events.add(new ConditionEvent.Raised(MEDIUM, patient, score.total(), score.time()));
            }
        } else if (raised != null) {
            events.add(new ConditionEvent.Continuing(raised, patient, score.total(), score.time()));
        }
        return events;
    }

    /** The level this score alone calls for, or null. */
    static AlertRule levelOf(News2Score score) {
        if (score.total() >= 7) {
            return HIGH;
        }
        if (score.total() >= 5 || score.singleParameterThree()) {
            return MEDIUM;
        }
        return null;
    }

    private static boolean clears(AlertRule level, News2Score score) {
        if (!score.complete()) {
            return false;
        }
        return level == HIGH ? score.total() <= 5 : score.total() <= 3 && !score.singleParameterThree();
    }
}
