package io.vigil.server.ingest;

import io.vigil.server.audit.AuditDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vigil check-acks FILE [--data-dir DIR]}: the durability check after a load run, a kill -9 or a burst —
 * every message the ack log says was acknowledged must be stored, each reading exactly once. Reads the database
 * directly, like {@code vigil audit} (an embedded H2 file only while no server holds it).
 */
public final class AckCheckCommand {
    static final String USAGE = """
            Usage: vigil check-acks FILE [--data-dir DIR]
              FILE is an ack log written by vigil simulate --ack-log (one acknowledged message a line:
              device, message id, readings). Prints messages and readings acknowledged, stored, missing and
              duplicated, with examples; exit 0 when every acknowledged reading is stored exactly once, 1 when not,
              2 on a usage or database error.
              Database: VIGIL_DB_URL, VIGIL_DB_USER, VIGIL_DB_PASSWORD; without them the demo's H2 file under
              --data-dir (default ./data), which a running server locks: stop it first.""";

    private AckCheckCommand() {
    }

    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Path file = null;
        Path dataDir = Path.of("data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h", "help" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--data-dir" -> {
                    if (++i >= args.length) {
                        err.println("--data-dir needs a value");
                        return 2;
                    }
                    dataDir = Path.of(args[i]);
                }
                default -> {
                    if (args[i].startsWith("-") || file != null) {
                        err.println("Unexpected argument '" + args[i] + "'.");
                        err.println(USAGE);
                        return 2;
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            err.println(USAGE);
            return 2;
        }
        long[] unreadable = new long[1];
        Map<String, Map<String, Integer>> acked;
        try (BufferedReader log = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            acked = AckCheck.read(log, unreadable);
        } catch (IOException e) {
            err.println("Cannot read the ack log " + file + ": " + e.getMessage());
            return 2;
        }
        AuditDatabase database = AuditDatabase.of(environment, dataDir);
        AckCheck.Outcome outcome;
        try (Connection connection = database.connect()) {
            outcome = AckCheck.check(acked, connection, unreadable[0]);
        } catch (SQLException e) {
            err.println(database.explain(e));
            return 2;
        }
        print(outcome, out);
        return outcome.intact() ? 0 : 1;
    }

    static void print(AckCheck.Outcome outcome, PrintStream out) {
        out.printf(Locale.ROOT, "acknowledged messages   %,d%n", outcome.messages());
        out.printf(Locale.ROOT, "acknowledged readings   %,d%n", outcome.readings());
        out.printf(Locale.ROOT, "stored                  %,d%n", outcome.readingsStored());
        out.printf(Locale.ROOT, "missing                 %,d%n", outcome.readingsMissing());
        out.printf(Locale.ROOT, "duplicated              %,d%n", outcome.readingsDuplicated());
        if (outcome.unreadableLines() > 0) {
            out.printf(Locale.ROOT, "unreadable log lines    %,d%n", outcome.unreadableLines());
        }
        outcome.missing().forEach(m -> out.println("  missing: " + m));
        outcome.duplicated().forEach(m -> out.println("  duplicated: " + m));
        out.println(outcome.intact() ? "every acknowledged reading is stored exactly once"
                : "NOT every acknowledged reading is stored exactly once");
    }
}
