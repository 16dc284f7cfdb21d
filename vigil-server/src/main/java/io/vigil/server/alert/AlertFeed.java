package io.vigil.server.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Alert changes, after they are stored, to whoever listens (event streams, webhooks, metrics): to each listener in
 * the order they were stored, on that listener's own delivery thread, so a slow listener holds up no reading, no
 * clinician's request and no other listener (webhooks queueing deliveries in the database do not delay the event
 * streams).
 */
@Component
public class AlertFeed implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    private final List<Delivery> listeners = new CopyOnWriteArrayList<>();

    /** A listener and its delivery thread. */
    private record Delivery(Consumer<AlertView.Message> listener, ExecutorService thread) {
        void deliver(AlertView.Message change) {
            try {
                thread.execute(() -> {
                    try {
                        listener.accept(change);
                    } catch (RuntimeException e) {
                        log.warn("event=alert.listener_failed action={} alert={} error={}", change.action(),
                                change.alert().id(), e.toString());
                    }
                });
            } catch (RejectedExecutionException unsubscribed) {
                // closed meanwhile: nothing more to deliver to it
            }
        }
    }

    /** Adds a listener; closing the result removes it. */
    public AutoCloseable subscribe(Consumer<AlertView.Message> listener) {
        Delivery delivery = new Delivery(listener, Executors.newSingleThreadExecutor(
                task -> Thread.ofPlatform().name("vigil-alert-feed").daemon().unstarted(task)));
        listeners.add(delivery);
        return () -> {
            listeners.remove(delivery);
            delivery.thread().shutdown();
        };
    }

    void publish(AlertView.Message change) {
        for (Delivery delivery : listeners) {
            delivery.deliver(change);
        }
    }

    @Override
    public void destroy() {
        listeners.forEach(d -> d.thread().shutdownNow());
        listeners.clear();
    }
}
