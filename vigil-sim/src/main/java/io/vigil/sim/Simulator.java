package io.vigil.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.model.MeasurementRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays simulated devices against a Vigil: each device gets its own connection (MQTT) and its own virtual thread,
 * and sends device JSON on its clinical schedule or, in load mode, as fast as the target rate asks.
 * Start once, read {@link #stats()} any time, close to stop.
 */
public final class Simulator implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_START_JITTER = Duration.ofSeconds(2);

    private final SimulatorOptions options;
    private final Clock clock;
    private final PublishTally tally = new PublishTally();
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<DeviceLink> links = new ArrayList<>();
    private final List<DeviceFeed> feeds = new ArrayList<>();
    private HttpClient http;
    private ExecutorService threads;
    private final AckLog ackLog;
    private volatile boolean running;

    public Simulator(SimulatorOptions options, Clock clock) {
        this(options, clock, null);
    }

    /** @param ackLog where acknowledged messages are recorded; null = nowhere */
    public Simulator(SimulatorOptions options, Clock clock, AckLog ackLog) {
        this.options = options;
        this.clock = clock;
        this.ackLog = ackLog;
    }

    /**
     * Connects every device and starts sending.
     *
     * @throws SimulatorException if a device cannot connect (broker unreachable, credentials refused); nothing
     *                            is left running then
     */
    public synchronized void start(List<SimulatedDevice> devices) {
        if (threads != null) {
            throw new IllegalStateException("a simulator starts once");
        }
        String runTag = Long.toString(clock.millis(), 36);
        if (options.transport() == Transport.HTTP) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
        }
        for (SimulatedDevice device : devices) {
            links.add(link(device, runTag));
        }
        connectAll();
        threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vigil-sim-", 0).factory());
        SimulatedTime time = new SimulatedTime(clock.instant(), options.speed(), clock);
        MeasurementRegistry registry = MeasurementRegistry.standard();
        running = true;
        for (int i = 0; i < devices.size(); i++) {
            SimulatedDevice device = devices.get(i);
            DeviceFeed.Pacing pacing = pacing(device.kind(), devices.size());
            long faultPeriod = options.faultEvery() == null ? 0 : options.faultEvery().toNanos() * devices.size();
            long firstFault = faultPeriod == 0 ? 0 : ThreadLocalRandom.current().nextLong(faultPeriod);
            DeviceFeed feed = new DeviceFeed(links.get(i), new DeviceMessageStream(device, runTag, mapper, registry),
                    time, clock, pacing, options, startJitter(pacing), faultPeriod, firstFault, tally, device.deviceId(),
                    ackLog);
            feeds.add(feed);
            threads.execute(feed);
        }
    }

    /** Counts so far; while running, elapsed time runs to now. */
    public SimulatorStats stats() {
        return tally.snapshot(running);
    }

    private DeviceLink link(SimulatedDevice device, String runTag) {
        return switch (options.transport()) {
            case MQTT -> new MqttDeviceLink(device, options.mqtt(), options.topic(), runTag);
            case HTTP -> new HttpDeviceLink(device, options.http(), http, mapper);
        };
    }

    private void connectAll() {
        CompletableFuture<?>[] connecting = links.stream().map(DeviceLink::connect).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(connecting).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            closeLinks();
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : e.getCause();
            throw cause instanceof SimulatorException refused ? refused
                    : new SimulatorException("devices could not connect: " + cause, cause);
        } catch (TimeoutException e) {
            closeLinks();
            throw new SimulatorException("devices did not connect within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            closeLinks();
            Thread.currentThread().interrupt();
            throw new SimulatorException("interrupted while connecting devices", e);
        }
    }

    /** Clinical schedule in simulated time, or in load mode readings × devices / rate. */
    private DeviceFeed.Pacing pacing(DeviceKind kind, int deviceCount) {
        if (!options.load()) {
            long pause = (long) (kind.period(options.interval()).toNanos() / options.speed());
            return readings -> pause;
        }
        if (options.rate() == 0) {
            return readings -> 0;
        }
        double nanosPerReading = deviceCount / options.rate() * 1e9;
        return readings -> (long) (readings * nanosPerReading);
    }

    /** Spreads the devices' first sends so they do not all arrive at once. */
    private static long startJitter(DeviceFeed.Pacing pacing) {
        long spread = Math.min(pacing.pauseNanos(1), MAX_START_JITTER.toNanos());
        return spread > 0 ? ThreadLocalRandom.current().nextLong(spread) : 0;
    }

    /** Stops sending, waits up to the drain timeout for outstanding answers, and disconnects every device. */
    @Override
    public synchronized void close() {
        if (threads == null || !running) {
            return;
        }
        feeds.forEach(DeviceFeed::stop);
        threads.shutdown();
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        try {
            threads.awaitTermination(options.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            for (DeviceFeed feed : feeds) {
                feed.drain(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feeds.forEach(DeviceFeed::abandon);
            running = false;
            closeLinks();
            if (ackLog != null) {
                ackLog.flush();
            }
        }
    }

    private void closeLinks() {
        links.parallelStream().forEach(DeviceLink::close);
        if (http != null) {
            http.shutdownNow();
        }
    }
}
