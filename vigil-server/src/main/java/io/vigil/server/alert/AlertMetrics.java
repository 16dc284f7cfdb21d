package io.vigil.server.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Alarm-fatigue counters for /actuator/prometheus, tagged by unit and rule: alerts raised, escalations, nuisance
 * alerts (resolved by their condition within {@link AlertFatigue#NUISANCE} of being raised) and the time from raising
 * to the first acknowledgement (a histogram: median and p90 in PromQL). The same figures over any window:
 * {@code GET /api/v1/alerts/metrics}.
 */
@Component
class AlertMetrics extends Listening {
    private final AlertFeed feed;
    private final MeterRegistry registry;

    AlertMetrics(AlertFeed feed, MeterRegistry registry) {
        this.feed = feed;
        this.registry = registry;
    }

    void onChange(AlertView.Message m) {
        AlertView a = m.alert();
        String unit = a.unit() == null ? "none" : a.unit();
        switch (m.action()) {
            case AlertView.Message.RAISED -> counter("vigil.alerts.raised", "Alerts raised", unit, a.rule()).increment();
            case AlertView.Message.ESCALATED -> counter("vigil.alerts.escalated", "Escalations to a next tier", unit,
                    a.rule()).increment();
            case AlertView.Message.ACKNOWLEDGED -> {
                if (m.actor().equals(a.acknowledgedBy()) && m.at().equals(a.acknowledgedAt())) {
                    Timer.builder("vigil.alerts.time_to_acknowledge").description("From raising to first acknowledgement")
                            .tag("unit", unit).tag("rule", a.rule()).publishPercentileHistogram().register(registry)
                            .record(Duration.between(a.raisedAt(), a.acknowledgedAt()));
                }
            }
            case AlertView.Message.RESOLVED -> {
                if (a.resolvedAutomatically()
                        && Duration.between(a.raisedAt(), a.resolvedAt()).compareTo(AlertFatigue.NUISANCE) <= 0) {
                    counter("vigil.alerts.nuisance", "Alerts resolved by their condition within 2 minutes", unit,
                            a.rule()).increment();
                }
            }
            default -> { }
        }
    }

    private Counter counter(String name, String description, String unit, String rule) {
        return Counter.builder(name).description(description).tag("unit", unit).tag("rule", rule).register(registry);
    }

    @Override
    protected AutoCloseable listen() {
        return feed.subscribe(this::onChange);
    }
}
