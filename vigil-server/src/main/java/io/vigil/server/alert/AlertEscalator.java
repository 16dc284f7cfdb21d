package io.vigil.server.alert;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code vigil.alerts.check-every}, escalates alerts nobody acknowledged in time and re-announces alerts
 * whose snooze ended. What is due is decided by the injected clock ({@link AlertActions#escalateAndWake}), so a
 * test steps the clock and runs one round.
 */
@Component
class AlertEscalator implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AlertEscalator.class);

    private final AlertActions actions;
    private final AlertProperties settings;
    private volatile ScheduledExecutorService scheduler;

    AlertEscalator(AlertActions actions, AlertProperties settings) {
        this.actions = actions;
        this.settings = settings;
    }

    /** One round, now. */
    synchronized void round() {
        actions.escalateAndWake();
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("event=alert.escalation_round_failed error={}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().name("vigil-alert-escalation").daemon().unstarted(task));
        long every = settings.checkEvery().toMillis();
        s.scheduleWithFixedDelay(this::roundQuietly, every, every, TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
