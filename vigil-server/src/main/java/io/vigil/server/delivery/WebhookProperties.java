package io.vigil.server.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert delivery by webhook (prefix {@code vigil.webhooks}), defaults in one place. A delivery that fails is tried
 * again after {@code firstRetry}, then after twice as long each time up to {@code longestRetryInterval}, until
 * {@code giveUpAfter} from its first attempt: then it is a dead letter, kept until someone replays it.
 * With the defaults (30 s doubling to 1 h, for 24 h) a receiver may be down for a day and lose nothing.
 *
 * @param firstRetry           wait before the first retry
 * @param longestRetryInterval the longest wait between two attempts
 * @param giveUpAfter          how long after it was queued a delivery stops being retried
 * @param timeout              connect and response timeout of one attempt
 * @param pollEvery            how often due retries are looked for (new deliveries go out at once)
 * @param streamKeepAlive      interval of the comments that keep an idle alert event stream open
 * @param streamTimeout        lifetime of one alert event stream (the client reconnects)
 * @param streamBacklog        events queued for a slow event-stream client before its stream is closed
 */
@ConfigurationProperties("vigil.webhooks")
public record WebhookProperties(
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration longestRetryInterval,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1s") Duration pollEvery,
        @DefaultValue("15s") Duration streamKeepAlive,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("256") int streamBacklog) {

    public WebhookProperties {
        for (Duration d : new Duration[] {firstRetry, longestRetryInterval, giveUpAfter, timeout, pollEvery,
                streamKeepAlive, streamTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("vigil.webhooks durations must be positive");
            }
        }
        if (longestRetryInterval.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("vigil.webhooks.longest-retry-interval must not be shorter than first-retry");
        }
        if (streamBacklog < 1) {
            throw new IllegalArgumentException("vigil.webhooks.stream-backlog must be at least 1");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt (1 = the first). */
    public Duration retryAfter(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(longestRetryInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longestRetryInterval) > 0 ? longestRetryInterval : wait;
    }
}
