package io.vigil.server.observation;

import io.vigil.model.ObservationRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The bus from ingest to its listeners: observations are published once durably stored, in commit order, on one
 * dispatch thread so listeners never slow the writer. Listeners say how far they look:
 * <ul>
 * <li>{@link #subscribe} — analytics: each stored reading once in the whole deployment, a patient's readings in
 * order on one node (the node that handles the patient's Kafka partition in scale-out mode);</li>
 * <li>{@link #subscribeEveryNode} — live views (ward page, no-data monitor): every reading on every node;</li>
 * <li>{@link #subscribeThisNode} — readings stored by this node only (state that belongs to a device connection).</li>
 * </ul>
 * With the in-process bus (the default) the three are the same. In scale-out mode the {@code bus} package installs
 * a {@link #relayTo relay} that carries the readings through Kafka and {@link #deliver delivers} them back.
 */
@Component
public class ObservationEvents implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ObservationEvents.class);

    private final List<Consumer<List<ObservationRecord>>> analytics = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<ObservationRecord>>> everyNode = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<ObservationRecord>>> thisNode = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("vigil-observation-events").factory());
    private volatile Consumer<List<ObservationRecord>> relay;
    private volatile Predicate<String> handledHere = patient -> true;

    /** Registers an analytics listener; returns a handle that unregisters it. */
    public AutoCloseable subscribe(Consumer<List<ObservationRecord>> listener) {
        return add(analytics, listener);
    }

    /** Registers a listener for every reading stored on any node (live views); returns its handle. */
    public AutoCloseable subscribeEveryNode(Consumer<List<ObservationRecord>> listener) {
        return add(everyNode, listener);
    }

    /** Registers a listener for the readings this node stored; returns its handle. */
    public AutoCloseable subscribeThisNode(Consumer<List<ObservationRecord>> listener) {
        return add(thisNode, listener);
    }

    private static AutoCloseable add(List<Consumer<List<ObservationRecord>>> to, Consumer<List<ObservationRecord>> listener) {
        to.add(listener);
        return () -> to.remove(listener);
    }

    public void publish(List<ObservationRecord> stored) {
        if (stored.isEmpty()) {
            return;
        }
        dispatch.execute(() -> {
            notify(thisNode, stored);
            Consumer<List<ObservationRecord>> onward = relay;
            if (onward != null) {
                try {
                    onward.accept(stored);
                } catch (RuntimeException e) {
                    log.warn("event=observation.relay_failed readings={} error={}", stored.size(), e.toString());
                }
                return;
            }
            notify(analytics, stored);
            notify(everyNode, stored);
        });
    }

    /**
     * Scale-out mode: stored readings go to {@code onward} (the Kafka topic) instead of straight to the analytics and
     * every-node listeners, which then get them through {@link #deliver} and {@link #deliverEveryNode};
     * {@code patientsHere} tells which patients' analytics run on this node now. Closing the result undoes it.
     */
    public AutoCloseable relayTo(Consumer<List<ObservationRecord>> onward, Predicate<String> patientsHere) {
        relay = onward;
        handledHere = patientsHere;
        return () -> {
            relay = null;
            handledHere = patient -> true;
        };
    }

    /** Whether this patient's analytics run on this node now (always, with the in-process bus). */
    public boolean handledHere(String patientId) {
        return handledHere.test(patientId);
    }

    /** Runs the analytics listeners on the caller's thread (the bus's consumer), in order. */
    public void deliver(List<ObservationRecord> readings) {
        notify(analytics, readings);
    }

    /** Runs the every-node listeners on the caller's thread. */
    public void deliverEveryNode(List<ObservationRecord> readings) {
        notify(everyNode, readings);
    }

    private static void notify(List<Consumer<List<ObservationRecord>>> listeners, List<ObservationRecord> stored) {
        for (Consumer<List<ObservationRecord>> listener : listeners) {
            try {
                listener.accept(stored);
            } catch (RuntimeException e) {
                log.warn("event=observation.listener_failed listener={}", listener.getClass().getName(), e);
            }
        }
    }

    /** Waits (at most ten seconds) until everything published so far has been handed on. */
    public void drain() {
        try {
            dispatch.submit(() -> { }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            log.warn("event=bus.drain_incomplete error={}", e.toString());
        }
    }

    @Override
    public void destroy() {
        dispatch.shutdownNow();
    }
}
