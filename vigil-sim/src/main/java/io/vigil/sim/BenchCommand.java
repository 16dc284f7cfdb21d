package io.vigil.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil bench sustained|burst}: the load generator's scenarios against a running Vigil, with HdrHistogram
 * figures (publish → acknowledgement, corrected for coordinated omission: devices are paced at a rate and every
 * answer records the samples a stalled device held back).
 * <ul>
 * <li>{@code sustained}: {@code --devices} monitors at {@code --rate} readings/s for {@code --duration};</li>
 * <li>{@code burst}: the same steady load throughout, and for {@code --burst-for} (default 60 s) after a warm-up,
 * a second set of monitors adding {@code (--burst-factor - 1) × --rate} (default 10× in all); plus one probe
 * monitor sending an urgent heart rate (150/min) five times a second — the priority lane's figure.</li>
 * </ul>
 * While it runs it samples the server's heap and pending readings from {@code /actuator/prometheus} (admin).
 */
public final class BenchCommand {

    static final String HELP = """
            Usage: vigil bench sustained|burst [options]

            Load scenarios against a running Vigil; figures with HdrHistogram, corrected for coordinated omission.
              sustained   --devices monitors at --rate readings/s for --duration
              burst       the same steady load for warm-up + burst + cool-down; during the burst a second set of
                          monitors adds (factor - 1) x rate; a probe monitor sends an urgent heart rate (150/min,
                          the priority lane) 5 times a second throughout
            Options (besides those of vigil simulate: --url --mqtt --user --password --devices --rate --in-flight
            --transport --batch --seed --unit --ack-log):
              --burst-factor X     burst load as a multiple of --rate                         [10]
              --burst-for D        burst length                                               [60s]
              --warm-up D          steady load before the burst                               [20s]
              --cool-down D        steady load after the burst                                [20s]
            Exit codes: 0 done, 1 Vigil unreachable or refused, 2 usage error.
            """;

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)$",
            Pattern.MULTILINE);
    private static final Pattern PENDING = Pattern.compile("^vigil_ingest_pending_readings(?:\\{[^}]*})? ([0-9.eE+-]+)$",
            Pattern.MULTILINE);
    private static final long PROBE_EVERY_MILLIS = 200;

    private BenchCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        return run(args, out, System.getenv(), Clock.systemUTC());
    }

    static int run(String[] args, PrintStream out, Map<String, String> env, Clock clock) {
        if (args.length == 0 || List.of("--help", "-h", "help").contains(args[0])) {
            out.print(HELP);
            return args.length == 0 ? SimulateCommand.USAGE : SimulateCommand.OK;
        }
        String scenario = args[0];
        if (!scenario.equals("sustained") && !scenario.equals("burst")) {
            out.println("vigil bench: expected sustained or burst, got '" + scenario + "'");
            return SimulateCommand.USAGE;
        }
        double factor = 10;
        Duration burstFor = Duration.ofSeconds(60);
        Duration warmUp = Duration.ofSeconds(20);
        Duration coolDown = Duration.ofSeconds(20);
        List<String> rest = new ArrayList<>(List.of("--load"));
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (List.of("--burst-factor", "--burst-for", "--warm-up", "--cool-down").contains(flag)) {
                if (i + 1 >= args.length) {
                    out.println("vigil bench: " + flag + " needs a value");
                    return SimulateCommand.USAGE;
                }
                String value = args[++i];
                try {
                    switch (flag) {
                        case "--burst-factor" -> factor = Double.parseDouble(value);
                        case "--burst-for" -> burstFor = SimulateArguments.duration(flag, value);
                        case "--warm-up" -> warmUp = SimulateArguments.duration(flag, value);
                        default -> coolDown = SimulateArguments.duration(flag, value);
                    }
                } catch (RuntimeException e) {
                    out.println("vigil bench: " + flag + ": " + (e.getMessage() == null ? value : e.getMessage()));
                    return SimulateCommand.USAGE;
                }
            } else {
                rest.add(flag);
            }
        }
        if (!(factor > 1)) {
            out.println("vigil bench: --burst-factor must be above 1");
            return SimulateCommand.USAGE;
        }
        if (scenario.equals("burst")) {
            rest.addAll(List.of("--duration", Long.toString(warmUp.plus(burstFor).plus(coolDown).toMillis()) + "ms"));
        }
        SimulateArguments arguments;
        switch (SimulateArguments.parse(rest, env)) {
            case SimulateArguments.Run run -> arguments = run.arguments();
            case SimulateArguments.Help help -> {
                out.print(HELP);
                return SimulateCommand.OK;
            }
            case SimulateArguments.Invalid invalid -> {
                out.println("vigil bench: " + invalid.message());
                return SimulateCommand.USAGE;
            }
        }
        if (arguments.rate() <= 0) {
            out.println("vigil bench: --rate is required (the figures are corrected for coordinated omission against it)");
            return SimulateCommand.USAGE;
        }
        try {
            List<StatsReport.Phase> phases = scenario.equals("sustained") ? sustained(arguments, out, clock)
                    : burst(arguments, factor, warmUp, burstFor, out, clock);
            out.println();
            out.print(StatsReport.summary(phases));
            return SimulateCommand.OK;
        } catch (SimulatorException e) {
            out.println("vigil bench: " + e.getMessage());
            return SimulateCommand.FAILED;
        }
    }

    private static List<StatsReport.Phase> sustained(SimulateArguments arguments, PrintStream out, Clock clock) {
        List<SimulatedDevice> devices = provision(arguments, arguments.devices(), out, clock);
        ServerSampler sampler = new ServerSampler(arguments);
        try (AckLog ackLog = ackLog(arguments); Simulator load = new Simulator(options(arguments, arguments.rate()), clock, ackLog)) {
            load.start(devices);
            Thread sampling = Thread.ofVirtual().start(sampler);
            SimulateCommand.watch("sustained", load, arguments.duration(), out, new CountDownLatch(1), ackLog);
            load.close();
            sampling.interrupt();
            out.println(sampler.report());
            return List.of(new StatsReport.Phase("sustained", load.stats()));
        }
    }

    private static List<StatsReport.Phase> burst(SimulateArguments arguments, double factor, Duration warmUp,
                                                 Duration burstFor, PrintStream out, Clock clock) {
        int burstDevices = (int) Math.max(1, Math.round(arguments.devices() * (factor - 1)));
        List<SimulatedDevice> steadyDevices = provision(arguments, arguments.devices(), out, clock);
        List<SimulatedDevice> burstSet = provision(arguments, burstDevices, out, clock);
        List<SimulatedDevice> probeDevice = provision(arguments, 1, out, clock);
        ServerSampler sampler = new ServerSampler(arguments);
        PublishTally probeTally = new PublishTally();
        try (AckLog ackLog = ackLog(arguments);
             Simulator steady = new Simulator(options(arguments, arguments.rate()), clock, ackLog);
             Simulator burst = new Simulator(options(arguments, arguments.rate() * (factor - 1)), clock, ackLog);
             DeviceLink probe = link(arguments, probeDevice.getFirst(), clock)) {
            probe.connect().join();
            steady.start(steadyDevices);
            Thread sampling = Thread.ofVirtual().start(sampler);
            Thread probing = Thread.ofVirtual().start(() -> probe(probe, probeDevice.getFirst(), probeTally, clock));
            out.printf("burst: steady %,.0f readings/s on %d devices; after %d s, %,.0f readings/s more on %d devices for %d s%n",
                    arguments.rate(), arguments.devices(), warmUp.toSeconds(), arguments.rate() * (factor - 1),
                    burstDevices, burstFor.toSeconds());
            CountDownLatch never = new CountDownLatch(1);
            SimulateCommand.watch("warm-up", steady, warmUp, out, never, ackLog);
            burst.start(burstSet);
            SimulateCommand.watch("burst", burst, burstFor, out, never, ackLog);
            burst.close();
            SimulateCommand.watch("cool-down", steady, arguments.duration().minus(warmUp).minus(burstFor), out, never, ackLog);
            steady.close();
            probing.interrupt();
            sampling.interrupt();
            joinQuietly(probing);
            out.println(sampler.report());
            return List.of(new StatsReport.Phase("steady", steady.stats()), new StatsReport.Phase("burst", burst.stats()),
                    new StatsReport.Phase("urgent probe", probeTally.snapshot(false)));
        }
    }

    /** The probe: an urgent heart rate every 200 ms, one at a time, each resent after 429 / 0x97 until acked. */
    private static void probe(DeviceLink link, SimulatedDevice device, PublishTally tally, Clock clock) {
        long seq = 0;
        long due = System.nanoTime();
        String prefix = device.deviceId() + "-probe-" + Long.toString(clock.millis(), 36) + "-";
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                byte[] payload = ("{\"id\": \"" + prefix + seq++ + "\", \"time\": \"" + clock.instant()
                        + "\", \"values\": {\"heart-rate\": 150}}").getBytes(UTF_8);
                tally.sent(1, 1);
                long sent = System.nanoTime();
                while (true) {
                    Delivery delivery = link.send(payload).join();
                    if (delivery instanceof Delivery.Accepted) {
                        tally.acked(1, System.nanoTime() - sent, TimeUnit.MILLISECONDS.toNanos(PROBE_EVERY_MILLIS));
                        break;
                    }
                    if (delivery instanceof Delivery.Refused refused) {
                        tally.rejected(refused.reason(), 1);
                        break;
                    }
                    if (delivery instanceof Delivery.Throttled throttled) {
                        tally.throttled(throttled.reason());
                        TimeUnit.MILLISECONDS.sleep(throttled.retryAfterMillis());
                    } else {
                        tally.retried();
                        TimeUnit.MILLISECONDS.sleep(100);
                    }
                }
                due = Math.max(due + TimeUnit.MILLISECONDS.toNanos(PROBE_EVERY_MILLIS), System.nanoTime() - TimeUnit.SECONDS.toNanos(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DeviceLink link(SimulateArguments arguments, SimulatedDevice device, Clock clock) {
        if (arguments.transport() == Transport.MQTT) {
            return new MqttDeviceLink(device, arguments.mqtt(), IngestTopic.MEASUREMENTS, Long.toString(clock.millis(), 36));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new HttpDeviceLink(device, arguments.url(), http, new ObjectMapper());
    }

    private static SimulatorOptions options(SimulateArguments arguments, double rate) {
        return new SimulatorOptions(arguments.mqtt(), arguments.url(), arguments.transport(), 1, SimulatorOptions.DEFAULT_INTERVAL,
                true, rate, arguments.batch(), arguments.inFlight(), IngestTopic.MEASUREMENTS,
                SimulatorOptions.DEFAULT_DRAIN_TIMEOUT.multipliedBy(3), null);
    }

    private static List<SimulatedDevice> provision(SimulateArguments arguments, int count, PrintStream out, Clock clock) {
        long seed = arguments.seed() != null ? arguments.seed() : 42;
        CaseloadPlan plan = CaseloadPlan.of(count, arguments.scenarios(), seed, true);
        try (Provisioner provisioner = new Provisioner(arguments.url(), arguments.user(), arguments.password(), clock,
                new ObjectMapper())) {
            List<SimulatedDevice> devices = provisioner.provision(plan, arguments.unit());
            out.printf("provisioned %d devices in unit %s%n", devices.size(), arguments.unit());
            return devices;
        }
    }

    private static AckLog ackLog(SimulateArguments arguments) {
        return arguments.ackLog() == null ? null : AckLog.appendingTo(arguments.ackLog());
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Samples the server's heap and pending readings once a second; keeps the highest. */
    private static final class ServerSampler implements Runnable {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final HttpRequest request;
        private final AtomicLong maxHeap = new AtomicLong(-1);
        private final AtomicLong maxPending = new AtomicLong(-1);
        private final AtomicLong samples = new AtomicLong();

        ServerSampler(SimulateArguments arguments) {
            this.request = HttpRequest.newBuilder(arguments.url().resolve("/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((arguments.user() + ":" + arguments.password()).getBytes(UTF_8)))
                    .build();
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    sample();
                    TimeUnit.SECONDS.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void sample() throws InterruptedException {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return;
                }
                double heap = 0;
                Matcher m = HEAP.matcher(response.body());
                while (m.find()) {
                    heap += Double.parseDouble(m.group(1));
                }
                maxHeap.accumulateAndGet((long) heap, Math::max);
                Matcher p = PENDING.matcher(response.body());
                if (p.find()) {
                    maxPending.accumulateAndGet((long) Double.parseDouble(p.group(1)), Math::max);
                }
                samples.incrementAndGet();
            } catch (java.io.IOException e) {
                // The server is busy or gone for a moment; the next sample will tell.
            }
        }

        String report() {
            if (samples.get() == 0) {
                return "server: no /actuator/prometheus samples (not an admin, or unreachable)";
            }
            return String.format(Locale.ROOT, "server (%d samples, 1 s apart): heap used max %,.0f MB; pending readings max %s",
                    samples.get(), maxHeap.get() / 1e6, maxPending.get() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", maxPending.get()));
        }
    }
}
