package io.vigil.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil simulate}: provisions simulated patients and devices in a running Vigil and plays them over MQTT or
 * HTTP — realistic physiology by default, or as a load generator with {@code --load}.
 * Exit codes: 0 done, 1 Vigil unreachable or refused, 2 usage error.
 */
public final class SimulateCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** Readings per message of a continuous monitor (heart rate, respiratory rate, SpO2), for pacing by rate. */
    private static final double READINGS_PER_CONTINUOUS_MESSAGE = 3;

    static final String HELP = """
            Usage: vigil simulate [options]

            Provisions simulated patients and devices in a running Vigil (REST API, as an admin) and plays the
            devices over MQTT or HTTP: realistic physiology by default, or load generation with --load.

              --url URL            Vigil HTTP base (provisioning, HTTP transport)    [http://127.0.0.1:8080]
              --mqtt URL           MQTT broker                                        [mqtt://127.0.0.1:1883]
              --user NAME          admin user (or VIGIL_USER)                         [admin]
              --password SECRET    its password (or VIGIL_PASSWORD)
              --devices N          devices to provision                               [12]
              --scenario NAME      stable | sepsis | hypoglycaemia | heart-failure | copd | mixed   [stable]
              --transport T        mqtt | http                                        [mqtt]
              --duration D         how long to run, e.g. 90s, 5m, 2h     [until Ctrl-C; 60s with --load]
              --rate R             total readings/s across devices (a BP panel is one reading); without
                                   --load it sets the monitors' interval to match, approximately
              --interval D         time between readings of a continuous monitor      [5s]
              --speed X            simulated time per real time (60 = an hour of physiology a minute) [1]
              --seed S             physiology seed, for a repeatable run              [random, printed]
              --unit NAME          care unit of the provisioned patients              [sim]
              --attach             no new patients: register and assign devices (each its scenario's kit)
                                   to the existing patients of --unit, e.g. ones from vigil import;
                                   --devices does not apply
              --load               load generator: bedside monitors sending back to back, or at --rate
              --batch K            with --load: K messages per publish, as a JSON array   [1]
              --in-flight K        unacknowledged publishes per device connection     [32]
              --faults D           about once per D, one device sends an implausible reading (heart rate
                                   900) that Vigil rejects: shows rejections and dead letters   [never]
              --ack-log FILE       append every acknowledged message (PUBACK / HTTP 2xx) to FILE, one line
                                   "<device> TAB <message id> TAB <readings>", for vigil check-acks
              --baseline           with --load over MQTT: first run the same load against the broker's
                                   unstored topic vigil/v1/devices/{id}/baseline, then the durable one,
                                   and print both side by side
              --help               this text

            Load mode prints a progress line every 5 s and, at the end, readings sent, acked, rejected by
            reason, sustained acked readings/s and publish-to-acknowledgement latency p50/p90/p99/max.
            Exit codes: 0 done, 1 Vigil unreachable or refused, 2 usage error.
            """;

    private SimulateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        return run(args, out, System.getenv(), Clock.systemDefaultZone());
    }

    /** Runs until the duration is over or {@code stop} is counted down (a test stopping a long run). */
    public static int run(String[] args, PrintStream out, CountDownLatch stop) {
        return run(args, out, System.getenv(), Clock.systemDefaultZone(), stop);
    }

    static int run(String[] args, PrintStream out, Map<String, String> env, Clock clock) {
        return run(args, out, env, clock, new CountDownLatch(1));
    }

    private static int run(String[] args, PrintStream out, Map<String, String> env, Clock clock, CountDownLatch stop) {
        return switch (SimulateArguments.parse(List.of(args), env)) {
            case SimulateArguments.Help help -> {
                out.print(HELP);
                yield OK;
            }
            case SimulateArguments.Invalid invalid -> {
                out.println("vigil simulate: " + invalid.message());
                out.println("Try 'vigil simulate --help'.");
                yield USAGE;
            }
            case SimulateArguments.Run run -> simulate(run.arguments(), out, clock, stop);
        };
    }

    private static int simulate(SimulateArguments arguments, PrintStream out, Clock clock, CountDownLatch stopRequested) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            awaitQuietly(finished, Duration.ofSeconds(20));
        }, "vigil-simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<StatsReport.Phase> phases = phases(arguments, out, clock, stopRequested);
            out.println();
            out.print(StatsReport.summary(phases));
            return OK;
        } catch (SimulatorException e) {
            out.println("vigil simulate: " + e.getMessage());
            return FAILED;
        } finally {
            finished.countDown();
            removeHook(hook);
        }
    }

    private static List<StatsReport.Phase> phases(SimulateArguments arguments, PrintStream out, Clock clock,
                                                    CountDownLatch stopRequested) {
        long seed = arguments.seed() != null ? arguments.seed() : ThreadLocalRandom.current().nextLong(1L << 40);
        CaseloadPlan plan;
        List<SimulatedDevice> devices;
        try (Provisioner provisioner = new Provisioner(arguments.url(), arguments.user(), arguments.password(), clock,
                new ObjectMapper())) {
            if (arguments.attach()) {
                List<String> existing = provisioner.patientsOf(arguments.unit());
                if (existing.isEmpty()) {
                    throw new SimulatorException("unit " + arguments.unit() + " has no patients to attach devices to "
                            + "(import some with vigil import DIR --unit " + arguments.unit() + ")");
                }
                plan = CaseloadPlan.forPatients(existing.size(), arguments.scenarios(), seed, arguments.load());
                devices = provisioner.attach(plan, existing);
            } else {
                plan = CaseloadPlan.of(arguments.devices(), arguments.scenarios(), seed, arguments.load());
                devices = provisioner.provision(plan, arguments.unit());
            }
        }
        out.printf("%s %d devices for %d %spatients in unit %s at %s (seed %d)%n",
                arguments.attach() ? "attached" : "provisioned", devices.size(), plan.patients().size(),
                arguments.attach() ? "existing " : "", arguments.unit(), arguments.url(), seed);
        SimulatorOptions options = options(arguments, plan);
        List<StatsReport.Phase> phases = new ArrayList<>();
        if (arguments.baseline()) {
            phases.add(runPhase("baseline", options.withTopic(IngestTopic.BASELINE), devices, arguments, out, clock,
                    stopRequested, null));
        }
        if (stopRequested.getCount() > 0) {
            try (AckLog ackLog = arguments.ackLog() == null ? null : AckLog.appendingTo(arguments.ackLog())) {
                phases.add(runPhase("durable", options, devices, arguments, out, clock, stopRequested, ackLog));
            }
        }
        return phases;
    }

    static SimulatorOptions options(SimulateArguments arguments, CaseloadPlan plan) {
        SimulatorOptions options = new SimulatorOptions(arguments.mqtt(), arguments.url(), arguments.transport(),
                arguments.speed(), arguments.interval(), false, 0, 1, arguments.inFlight(),
                IngestTopic.MEASUREMENTS, SimulatorOptions.DEFAULT_DRAIN_TIMEOUT, arguments.faultEvery());
        if (arguments.load()) {
            return options.withLoad(arguments.rate()).withBatch(arguments.batch());
        }
        if (arguments.rate() > 0 && plan.continuousDeviceCount() > 0) {
            double seconds = plan.continuousDeviceCount() * READINGS_PER_CONTINUOUS_MESSAGE / arguments.rate();
            return options.withInterval(Duration.ofNanos(Math.max(1_000_000, (long) (seconds * 1e9))));
        }
        return options;
    }

    private static StatsReport.Phase runPhase(String name, SimulatorOptions options, List<SimulatedDevice> devices,
                                              SimulateArguments arguments, PrintStream out, Clock clock,
                                              CountDownLatch stopRequested, AckLog ackLog) {
        try (Simulator simulator = new Simulator(options, clock, ackLog)) {
            simulator.start(devices);
            out.printf("%s: %d devices over %s to %s%s, %s%n", name, devices.size(), options.transport(),
                    options.transport() == Transport.MQTT ? options.mqtt() : options.http(),
                    options.transport() == Transport.MQTT ? " topic …/" + options.topic().leaf() : "",
                    arguments.duration() == null ? "until Ctrl-C" : "for " + arguments.duration().toSeconds() + " s");
            watch(name, simulator, arguments.duration(), out, stopRequested, ackLog);
            out.printf("%s: stopping, waiting for outstanding acknowledgements%n", name);
            simulator.close();
            return new StatsReport.Phase(name, simulator.stats());
        }
    }

    /** Prints progress every few seconds until the duration is over or a stop is requested. */
    static void watch(String name, Simulator simulator, Duration duration, PrintStream out,
                      CountDownLatch stopRequested, AckLog ackLog) {
        long start = System.nanoTime();
        long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        SimulatorStats previous = simulator.stats();
        long previousAt = start;
        try {
            while (true) {
                long now = System.nanoTime();
                long wait = Math.min(PROGRESS_EVERY.toNanos(), end - now);
                if (wait <= 0 || stopRequested.await(wait, TimeUnit.NANOSECONDS)) {
                    return;
                }
                SimulatorStats current = simulator.stats();
                long at = System.nanoTime();
                out.println(StatsReport.progress(name, current, previous, Duration.ofNanos(at - previousAt)));
                if (ackLog != null) {
                    ackLog.flush();
                }
                previous = current;
                previousAt = at;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C): the hook is running and ends with us.
        }
    }
}
