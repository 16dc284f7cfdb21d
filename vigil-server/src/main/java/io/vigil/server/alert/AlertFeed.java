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
 * {@link #subscribe} listeners hear the changes this node made (webhooks and metrics: once per deployment);
 * {@link #subscribeEveryNode} listeners (the live event streams) also hear those other nodes made, which the
 * {@code bus} package relays through Kafka in scale-out mode. With one node the two are the same.
 */
@Component
public class AlertFeed implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    private final List<Consumer<AlertView.Message>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<AlertView.Message>> everyNode = new CopyOnWriteArrayList<>();
    private volatile Consumer<AlertView.Message> relay;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("vigil-alert-feed").daemon().unstarted(task));

    /** Adds a listener; closing the result removes it. */
    public AutoCloseable subscribe(Consumer<AlertView.Message> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Adds a listener that hears every node's changes; closing the result removes it. */
    public AutoCloseable subscribeEveryNode(Consumer<AlertView.Message> listener) {
        everyNode.add(listener);
        return () -> everyNode.remove(listener);
    }

    /** Scale-out mode: this node's changes also go to {@code onward} (the other nodes); closing the result stops it. */
    public AutoCloseable relayTo(Consumer<AlertView.Message> onward) {
        relay = onward;
        return () -> relay = null;
    }

    /** A change another node made, for this node's every-node listeners. */
    public void deliverFromAnotherNode(AlertView.Message change) {
        delivery.execute(() -> notify(everyNode, change));
    }

    void publish(AlertView.Message change) {
        delivery.execute(() -> {
            notify(listeners, change);
            notify(everyNode, change);
            Consumer<AlertView.Message> onward = relay;
            if (onward != null) {
                try {
                    onward.accept(change);
                } catch (RuntimeException e) {
                    log.warn("event=alert.relay_failed action={} alert={} error={}", change.action(),
                            change.alert().id(), e.toString());
                }
            }
        });
    }

    private static void notify(List<Consumer<AlertView.Message>> to, AlertView.Message change) {
        for (Consumer<AlertView.Message> listener : to) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("event=alert.listener_failed action={} alert={} error={}", change.action(),
                        change.alert().id(), e.toString());
            }
        }
    }

    /** Waits (at most ten seconds) until everything published so far has been handed on. */
    public void drain() {
        try {
            delivery.submit(() -> { }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            log.warn("event=bus.drain_incomplete error={}", e.toString());
        }
    }

    @Override
    public void destroy() {
        delivery.shutdownNow();
    }
}
