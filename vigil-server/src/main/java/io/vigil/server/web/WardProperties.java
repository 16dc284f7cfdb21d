package io.vigil.server.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live ward page's settings (prefix {@code vigil.ward}), defaults in one place.
 *
 * <p>When a value counts as stale depends on how often it is normally measured, so there are four
 * thresholds, each a few missed readings past that cadence:
 * <ul>
 *   <li>continuous vitals from a monitor that reports every few seconds (heart rate, respiratory rate,
 *       SpO2): 5 minutes — longer than a probe being re-seated, short enough that a monitor that stopped
 *       sending is noticed within one ward round of the screen;</li>
 *   <li>continuous glucose (a CGM reports every 5 minutes): 15 minutes, three missed readings;</li>
 *   <li>spot checks (blood pressure, temperature, ACVPU, oxygen therapy): 1 hour — the most frequent
 *       routine observation interval in NEWS2 (hourly at a score of 5 or more), so an older value is
 *       older than any escalated observation schedule asks for;</li>
 *   <li>daily measurements (weight, capillary glucose): 25 hours, a day plus an hour's grace.</li>
 * </ul>
 *
 * @param continuousStaleAfter when a continuous vital is stale
 * @param cgmStaleAfter        when a CGM glucose is stale
 * @param spotCheckStaleAfter  when a spot-check value is stale
 * @param dailyStaleAfter      when a once-a-day value is stale
 * @param keepAlive            interval of the comment lines that keep an idle event stream (and its proxies) open
 * @param streamTimeout        lifetime of one event stream; the browser then reconnects and gets a fresh snapshot.
 *                             Shorter than the session timeout, so a screen left watching stays logged in
 * @param maxStreamsPerUser    open event streams one user may hold (tabs, screens); more get 429
 * @param streamBacklog        events queued for a slow client before its stream is closed (it reconnects)
 * @param unattributedShown    most unattributed devices listed, newest reading first
 */
@ConfigurationProperties("vigil.ward")
public record WardProperties(
        @DefaultValue("5m") Duration continuousStaleAfter,
        @DefaultValue("15m") Duration cgmStaleAfter,
        @DefaultValue("1h") Duration spotCheckStaleAfter,
        @DefaultValue("25h") Duration dailyStaleAfter,
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("10m") Duration streamTimeout,
        @DefaultValue("8") int maxStreamsPerUser,
        @DefaultValue("1000") int streamBacklog,
        @DefaultValue("20") int unattributedShown) {

    public WardProperties {
        if (maxStreamsPerUser < 1 || streamBacklog < 1 || unattributedShown < 1) {
            throw new IllegalArgumentException("vigil.ward: max-streams-per-user, stream-backlog and unattributed-shown must be at least 1");
        }
    }
}
