package io.vigil.server.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Alert changes, after they are stored, to whoever listens (event streams, webhooks, metrics): to each listener in
 * the order they were stored, on that listener's own delivery thread, so a slow listener holds up no reading, no
 * clinician's request and no other listener (webhooks queueing deliveries in the database do not delay the event
 * streams). {@link #subscribe} listeners hear the changes this node made (webhooks and metrics: once per
 * deployment); {@link #subscribeEveryNode} listeners (the live event streams) also hear those other nodes made,
 * which the {@code bus} package relays through Kafka in scale-out mode. With one node the two are the same.
 */
@Component
public class AlertFeed implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    private final List<Delivery> listeners = new CopyOnWriteArrayList<>();
    private final List<Delivery> everyNode = new CopyOnWriteArrayList<>();
    /** Hands this node's changes on to the other nodes (scale-out mode), in order, on its own thread. */
    private final Delivery relay = new Delivery(this::relay, thread("vigil-alert-relay"));
    private volatile Consumer<AlertView.Message> onward;

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

    private static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(task -> Thread.ofPlatform().name(name).daemon().unstarted(task));
    }

    /** Adds a listener of this node's changes; closing the result removes it. */
    public AutoCloseable subscribe(Consumer<AlertView.Message> listener) {
        return add(listeners, listener);
    }

    /** Adds a listener that hears every node's changes; closing the result removes it. */
    public AutoCloseable subscribeEveryNode(Consumer<AlertView.Message> listener) {
        return add(everyNode, listener);
    }

    private static AutoCloseable add(List<Delivery> to, Consumer<AlertView.Message> listener) {
        Delivery delivery = new Delivery(listener, thread("vigil-alert-feed"));
        to.add(delivery);
        return () -> {
            to.remove(delivery);
            delivery.thread().shutdown();
        };
    }

    /** Scale-out mode: this node's changes also go to {@code next} (the other nodes); closing the result stops it. */
    public AutoCloseable relayTo(Consumer<AlertView.Message> next) {
        onward = next;
        return () -> onward = null;
    }

    /** A change another node made, for this node's every-node listeners. */
    public void deliverFromAnotherNode(AlertView.Message change) {
        everyNode.forEach(d -> d.deliver(change));
    }

    void publish(AlertView.Message change) {
        listeners.forEach(d -> d.deliver(change));
        everyNode.forEach(d -> d.deliver(change));
        if (onward != null) {
            relay.deliver(change);
        }
    }

    private void relay(AlertView.Message change) {
        Consumer<AlertView.Message> next = onward;
        if (next != null) {
            next.accept(change);
        }
    }

    /** Waits (at most ten seconds) until everything published so far has been relayed to the other nodes. */
    public void drain() {
        try {
            relay.thread().submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("event=bus.drain_incomplete error={}", e.toString());
        }
    }

    @Override
    public void destroy() {
        listeners.forEach(d -> d.thread().shutdownNow());
        everyNode.forEach(d -> d.thread().shutdownNow());
        listeners.clear();
        everyNode.clear();
        relay.thread().shutdownNow();
    }
}
