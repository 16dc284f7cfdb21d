package io.vigil.server.alert;

import io.vigil.analytics.alert.ConditionEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Condition events on their way to {@link AlertConditions#report}, off the thread that found them: a rule source on
 * the stored-readings thread hands its events here and goes on with the next reading, while the alert database work
 * (read the open alert, write it, its history and audit) runs on a few lanes of their own. A patient's events keep
 * their order (one lane per patient); within a lane a condition that changes — raised or cleared — goes before
 * another breach of an alert already open ("continuing", the bulk under load), so a new alert is not stuck behind
 * other patients' updates. A changing event of a patient whose earlier events still wait keeps its place behind
 * them. Stopping waits a little for what is queued, then drops the rest (the watches raise it again after a restart).
 */
@Component
public class ConditionLanes implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ConditionLanes.class);
    private static final long DRAIN_MILLIS = 5_000;

    private final AlertConditions conditions;
    private final Lane[] lanes;
    private volatile boolean running;

    ConditionLanes(AlertConditions conditions, @Value("${vigil.alerts.condition-lanes:4}") int lanes) {
        this.conditions = conditions;
        this.lanes = new Lane[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane("vigil-alert-conditions-" + i);
        }
    }

    /** Queues the event for {@link AlertConditions#report}; reports it at once, on this thread, when not running. */
    public void submit(ConditionEvent event) {
        if (!running) {
            conditions.report(event);
            return;
        }
        lanes[Math.floorMod(event.patient().hashCode(), lanes.length)].add(event);
    }

    /** One lane: a thread and its two queues. */
    private final class Lane implements Runnable {
        private final String name;
        private final ArrayDeque<ConditionEvent> changes = new ArrayDeque<>();
        private final ArrayDeque<ConditionEvent> continuing = new ArrayDeque<>();
        /** Events per patient and rule queued in {@link #continuing} or being reported from it. */
        private final Map<String, Integer> behind = new HashMap<>();
        private Thread thread;
        private boolean stopping;

        Lane(String name) {
            this.name = name;
        }

        synchronized void start() {
            stopping = false;
            thread = Thread.ofPlatform().name(name).daemon().start(this);
        }

        synchronized void add(ConditionEvent event) {
            String key = key(event);
            if (event instanceof ConditionEvent.Continuing || behind.containsKey(key)) {
                continuing.add(event);
                behind.merge(key, 1, Integer::sum);
            } else {
                changes.add(event);
            }
            notifyAll();
        }

        @Override
        public void run() {
            while (true) {
                ConditionEvent next;
                boolean fromContinuing;
                synchronized (this) {
                    while (changes.isEmpty() && continuing.isEmpty() && !stopping) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (changes.isEmpty() && continuing.isEmpty()) {
                        return; // stopping, and nothing left
                    }
                    fromContinuing = changes.isEmpty();
                    next = fromContinuing ? continuing.poll() : changes.poll();
                }
                try {
                    conditions.report(next);
                } catch (RuntimeException e) {
                    log.warn("event=alert.condition_failed patient={} rule={} error={}", next.patient(),
                            next.rule().id(), e.toString());
                } finally {
                    if (fromContinuing) {
                        done(key(next));
                    }
                }
            }
        }

        private synchronized void done(String key) {
            behind.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
        }

        synchronized void stop() {
            stopping = true;
            notifyAll();
        }

        void await(long deadline) {
            Thread t;
            synchronized (this) {
                t = thread;
            }
            try {
                long left = deadline - System.nanoTime();
                if (t != null && left > 0) {
                    t.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                int dropped = changes.size() + continuing.size();
                changes.clear();
                continuing.clear();
                behind.clear();
                if (dropped > 0) {
                    log.info("event=alert.conditions_dropped_at_stop lane={} events={}", name, dropped);
                }
            }
        }
    }

    private static String key(ConditionEvent event) {
        return event.patient() + "/" + event.rule().id();
    }

    @Override
    public void start() {
        for (Lane lane : lanes) {
            lane.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        for (Lane lane : lanes) {
            lane.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        for (Lane lane : lanes) {
            lane.await(deadline);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the rule sources that submit here (their default phase is later). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
