package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Databases;
import io.vigil.server.VigilProcess;
import io.vigil.server.WardFixture;
import io.vigil.server.launch.FreePorts;
import io.vigil.sim.SimulateCommand;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The durability contract: a PUBACK means stored, once. The load generator ({@code vigil simulate --load
 * --ack-log}) keeps monitors publishing QoS 1; Vigil is killed with SIGKILL mid-stream and restarted on the same
 * data and ports; the devices reconnect and send again what was not acknowledged (same message ids). Then every
 * message in the ack log must be stored, each reading exactly once ({@link AckCheck}, what
 * {@code vigil check-acks} runs).
 */
class KillAndRestartIT {
    private static final int ACKED_BEFORE_KILL = 400;
    private static final int ACKED_AFTER_RESTART = 60;

    @Test
    void everyAcknowledgedReading_isStoredExactlyOnce_afterKillMinus9_onH2() throws Exception {
        Path dataDir = Databases.tempDataDir();
        killMidStream(dataDir, Map.of());
        assertIntact(dataDir, "jdbc:h2:file:" + dataDir.resolve("db/vigil") + ";WRITE_DELAY=0", "sa");
    }

    @Test
    void everyAcknowledgedReading_isStoredExactlyOnce_afterKillMinus9_onPostgres() throws Exception {
        Databases.requirePostgres();
        String url = Databases.freshPostgresDatabase();
        Path dataDir = Databases.tempDataDir();
        killMidStream(dataDir, Map.of("VIGIL_DB_URL", url, "VIGIL_DB_USER", Databases.POSTGRES_USER,
                "VIGIL_DB_PASSWORD", ""));
        assertIntact(dataDir, url, Databases.POSTGRES_USER);
    }

    private static void killMidStream(Path dataDir, Map<String, String> env) throws Exception {
        int http = FreePorts.any("127.0.0.1");
        int mqtt = FreePorts.any("127.0.0.1");
        Path acks = dataDir.resolve("acks.tsv");
        VigilProcess vigil = VigilProcess.startDemo(dataDir, http, mqtt, WardFixture.PASSWORD, env);
        CountDownLatch stop = new CountDownLatch(1);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Thread load = Thread.ofPlatform().name("load").start(() -> SimulateCommand.run(new String[] {
                "--url", "http://127.0.0.1:" + http, "--mqtt", "mqtt://127.0.0.1:" + mqtt, "--user", "admin",
                "--password", WardFixture.PASSWORD, "--load", "--devices", "4", "--in-flight", "16",
                "--duration", "30m", "--seed", "7", "--ack-log", acks.toString()},
                new PrintStream(report, true, StandardCharsets.UTF_8), stop));
        try {
            awaitAcks(acks, ACKED_BEFORE_KILL, report);
            vigil.kill();
            long ackedAtKill = lines(acks);
            try (VigilProcess restarted = VigilProcess.startDemo(dataDir, http, mqtt, WardFixture.PASSWORD, env)) {
                awaitAcks(acks, ackedAtKill + ACKED_AFTER_RESTART, report);
                stop.countDown();
                load.join(TimeUnit.SECONDS.toMillis(60));
            }
        } finally {
            stop.countDown();
            vigil.kill();
        }
        assertThat(load.isAlive()).as("the load generator stopped").isFalse();
    }

    private static void assertIntact(Path dataDir, String url, String user) throws Exception {
        long[] unreadable = new long[1];
        Map<String, Map<String, Integer>> acked;
        try (BufferedReader log = Files.newBufferedReader(dataDir.resolve("acks.tsv"), StandardCharsets.UTF_8)) {
            acked = AckCheck.read(log, unreadable);
        }
        AckCheck.Outcome outcome;
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            outcome = AckCheck.check(acked, connection, unreadable[0]);
        }
        assertThat(outcome.messages()).isGreaterThanOrEqualTo(ACKED_BEFORE_KILL + ACKED_AFTER_RESTART);
        assertThat(outcome.readingsMissing()).as("acknowledged, not stored: %s", outcome.missing()).isZero();
        assertThat(outcome.readingsDuplicated()).as("stored twice: %s", outcome.duplicated()).isZero();
        assertThat(outcome.intact()).isTrue();
    }

    /** Waits (generously: the machine may be shared) until the ack log holds this many messages. */
    private static void awaitAcks(Path acks, long count, ByteArrayOutputStream report) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (lines(acks) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " messages acknowledged; the load generator said:\n"
                        + report.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
        }
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }
}
