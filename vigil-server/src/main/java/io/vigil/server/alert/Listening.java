package io.vigil.server.alert;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A component that listens to an in-process bus (stored observations, alert changes) while the application runs:
 * subscribes on start, unsubscribes on stop — and, if it {@link #repeat}s a task, runs it on its own thread
 * meanwhile.
 */
public abstract class Listening implements SmartLifecycle {
    private volatile AutoCloseable subscription;
    private volatile ScheduledExecutorService ticker;
    private String thread;
    private Duration every;
    private Runnable task;

    /** Subscribes; the result unsubscribes. */
    protected abstract AutoCloseable listen();

    /** Runs {@code task} every {@code interval} on a thread of this name while started (call from the constructor). */
    protected final void repeat(String threadName, Duration interval, Runnable repeated) {
        this.thread = threadName;
        this.every = interval;
        this.task = repeated;
    }

    /** Runs a task on the repeating thread, now; false if not started. */
    protected final boolean runSoon(Runnable now) {
        ScheduledExecutorService current = ticker;
        if (current == null) {
            return false;
        }
        current.execute(now);
        return true;
    }

    @Override
    public void start() {
        if (task != null) {
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                    t -> Thread.ofPlatform().name(thread).daemon().unstarted(t));
            s.scheduleWithFixedDelay(task, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
            ticker = s;
        }
        subscription = listen();
    }

    @Override
    public void stop() {
        AutoCloseable current = subscription;
        subscription = null;
        ScheduledExecutorService s = ticker;
        ticker = null;
        if (s != null) {
            s.shutdownNow();
        }
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot unsubscribe " + getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
