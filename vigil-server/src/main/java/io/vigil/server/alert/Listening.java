package io.vigil.server.alert;

import org.springframework.context.SmartLifecycle;

/**
 * A component that listens to an in-process bus (stored observations, alert changes) while the application runs:
 * subscribes on start, unsubscribes on stop.
 */
public abstract class Listening implements SmartLifecycle {
    private volatile AutoCloseable subscription;

    /** Subscribes; the result unsubscribes. */
    protected abstract AutoCloseable listen();

    @Override
    public void start() {
        subscription = listen();
    }

    @Override
    public void stop() {
        AutoCloseable current = subscription;
        subscription = null;
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
