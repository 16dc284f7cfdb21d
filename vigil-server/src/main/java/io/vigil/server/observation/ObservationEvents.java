package io.vigil.server.observation;

import io.vigil.model.ObservationRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The in-process bus from ingest to its listeners (live pages now, analytics later): observations are
 * published once durably stored, in commit order, on one dispatch thread so listeners never slow the writer.
 */
@Component
public class ObservationEvents implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ObservationEvents.class);

    private final List<Consumer<List<ObservationRecord>>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("vigil-observation-events").factory());

    /** Registers a listener; returns a handle that unregisters it. */
    public AutoCloseable subscribe(Consumer<List<ObservationRecord>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(List<ObservationRecord> stored) {
        if (stored.isEmpty() || listeners.isEmpty()) {
            return;
        }
        dispatch.execute(() -> {
            for (Consumer<List<ObservationRecord>> listener : listeners) {
                try {
                    listener.accept(stored);
                } catch (RuntimeException e) {
                    log.warn("event=observation.listener_failed listener={}", listener.getClass().getName(), e);
                }
            }
        });
    }

    @Override
    public void destroy() {
        dispatch.shutdownNow();
    }
}
