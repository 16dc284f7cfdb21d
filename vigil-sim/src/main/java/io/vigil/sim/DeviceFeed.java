package io.vigil.sim;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One device's send loop, run on its own virtual thread: waits until the next reading is due, sends it without
 * waiting for the answer (up to {@code maxInFlight} unanswered), records the outcome, and sends a message again
 * with the same id when its connection was lost.
 */
final class DeviceFeed implements Runnable {

    /** After a stall, catch up at most this far instead of sending a burst. */
    private static final long MAX_BACKLOG_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** A payload sent and not yet answered. */
    private record Pending(DeviceMessageStream.Outgoing outgoing, long sentNanos, AtomicBoolean settled) {}

    /** How long a device waits after a send before the next one, by readings just sent. */
    interface Pacing {
        long pauseNanos(int readings);
    }

    private final DeviceLink link;
    private final DeviceMessageStream stream;
    private final SimulatedTime time;
    private final Clock clock;
    private final Pacing pacing;
    private final int batch;
    private final int maxInFlight;
    private final long initialDelayNanos;
    private final long faultPeriodNanos;
    private long nextFaultNanos;
    private final PublishTally tally;
    private final String deviceId;
    private final AckLog ackLog;
    /** The interval a rate-paced device means to keep between sends, for the coordinated-omission correction; 0 = none. */
    private final boolean paced;
    private final Semaphore inFlight;
    private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile boolean abandoning;

    /**
     * @param faultPeriodNanos how often this device sends a deliberately implausible reading; 0 = never
     * @param firstFaultNanos  delay before the first one
     */
    DeviceFeed(DeviceLink link, DeviceMessageStream stream, SimulatedTime time, Clock clock, Pacing pacing,
               SimulatorOptions options, long initialDelayNanos, long faultPeriodNanos, long firstFaultNanos,
               PublishTally tally, String deviceId, AckLog ackLog) {
        this.deviceId = deviceId;
        this.ackLog = ackLog;
        this.paced = options.load() && options.rate() > 0;
        this.link = link;
        this.stream = stream;
        this.time = time;
        this.clock = clock;
        this.pacing = pacing;
        this.batch = options.batch();
        this.maxInFlight = options.maxInFlight();
        this.initialDelayNanos = initialDelayNanos;
        this.faultPeriodNanos = faultPeriodNanos;
        this.nextFaultNanos = System.nanoTime() + firstFaultNanos;
        this.tally = tally;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @Override
    public void run() {
        long due = System.nanoTime() + initialDelayNanos;
        while (waitUntil(due) && acquire()) {
            DeviceMessageStream.Outgoing outgoing = faultDue() ? stream.implausible(clock.instant())
                    : stream.next(time.now(), clock.instant(), batch);
            int readings = 1;
            if (outgoing == null) {
                inFlight.release();
            } else {
                readings = outgoing.readings();
                tally.sent(outgoing.messages(), readings);
                Pending sent = new Pending(outgoing, System.nanoTime(), new AtomicBoolean());
                pending.add(sent);
                deliver(sent, 0);
            }
            due = Math.max(due + pacing.pauseNanos(readings), System.nanoTime() - MAX_BACKLOG_NANOS);
        }
    }

    private boolean faultDue() {
        if (faultPeriodNanos == 0 || System.nanoTime() < nextFaultNanos) {
            return false;
        }
        nextFaultNanos += faultPeriodNanos;
        return true;
    }

    private void deliver(Pending sent, int attempt) {
        link.send(sent.outgoing().payload()).thenAccept(delivery -> {
            switch (delivery) {
                case Delivery.Accepted accepted -> settle(sent, () -> {
                    if (ackLog != null) {
                        ackLog.acknowledged(deviceId, sent.outgoing().sent());
                    }
                    int readings = sent.outgoing().readings();
                    tally.acked(readings, System.nanoTime() - sent.sentNanos(), paced ? pacing.pauseNanos(readings) : 0);
                });
                case Delivery.Refused refused -> settle(sent, () -> tally.rejected(refused.reason(),
                        sent.outgoing().readings()));
                case Delivery.Throttled throttled -> {
                    if (abandoning) {
                        settle(sent, () -> tally.unanswered(sent.outgoing().readings()));
                    } else {
                        tally.throttled(throttled.reason());
                        CompletableFuture.delayedExecutor(throttled.retryAfterMillis(), TimeUnit.MILLISECONDS)
                                .execute(() -> deliver(sent, attempt + 1));
                    }
                }
                case Delivery.Lost lost -> {
                    if (abandoning) {
                        settle(sent, () -> tally.unanswered(sent.outgoing().readings()));
                    } else {
                        tally.retried();
                        retryLater(attempt).execute(() -> deliver(sent, attempt + 1));
                    }
                }
            }
        });
    }

    private static Executor retryLater(int attempt) {
        long delayMillis = Math.min(5_000, 100L << Math.min(6, attempt));
        return CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS);
    }

    private void settle(Pending sent, Runnable record) {
        if (sent.settled().compareAndSet(false, true)) {
            pending.remove(sent);
            record.run();
            inFlight.release();
        }
    }

    /** Stops sending new readings; answers to those sent still count. */
    void stop() {
        stopping = true;
    }

    /** Waits until every sent payload is answered or the deadline passes; true if all were answered. */
    boolean drain(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (inFlight.tryAcquire(maxInFlight, Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
            inFlight.release(maxInFlight);
            return true;
        }
        return false;
    }

    /** Gives up on what is still unanswered, counting it as such. */
    void abandon() {
        abandoning = true;
        for (Pending sent : pending) {
            settle(sent, () -> tally.unanswered(sent.outgoing().readings()));
        }
    }

    private boolean waitUntil(long dueNanos) {
        long remaining;
        while (!stopping && (remaining = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(remaining, POLL_NANOS));
        }
        return !stopping;
    }

    private boolean acquire() {
        try {
            while (!stopping) {
                if (inFlight.tryAcquire(POLL_NANOS, TimeUnit.NANOSECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
