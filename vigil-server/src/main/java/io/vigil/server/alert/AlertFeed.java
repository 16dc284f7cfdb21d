package io.vigil.server.alert;

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
 * Alert changes, after they are stored, to whoever listens (event streams, webhooks, metrics): in the order they
 * were stored, on one delivery thread, so a slow listener holds up no reading and no clinician's request.
 */
@Component
public class AlertFeed implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    private final List<Consumer<AlertView.Message>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("vigil-alert-feed").daemon().unstarted(task));

    /** Adds a listener; closing the result removes it. */
    public AutoCloseable subscribe(Consumer<AlertView.Message> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(AlertView.Message change) {
        delivery.execute(() -> {
            for (Consumer<AlertView.Message> listener : listeners) {
                try {
                    listener.accept(change);
                } catch (RuntimeException e) {
                    log.warn("event=alert.listener_failed action={} alert={} error={}", change.action(),
                            change.alert().id(), e.toString());
                }
            }
        });
    }

    @Override
    public void destroy() {
        delivery.shutdownNow();
    }
}
