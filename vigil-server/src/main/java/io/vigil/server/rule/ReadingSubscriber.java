package io.vigil.server.rule;

import io.vigil.model.ObservationRecord;
import io.vigil.server.observation.ObservationEvents;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/** A rule source fed with the stored readings after commit, in commit order, while the application runs. */
abstract class ReadingSubscriber implements SmartLifecycle {
    private final ObservationEvents events;
    private volatile AutoCloseable subscription;

    ReadingSubscriber(ObservationEvents events) {
        this.events = events;
    }

    /** One committed batch of stored readings, on the observation dispatch thread. */
    abstract void onStored(List<ObservationRecord> stored);

    @Override
    public void start() {
        subscription = events.subscribe(this::onStored);
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
