package io.vigil.server.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil audit verify} and {@code vigil audit export}: the audit trail straight from the database, without
 * starting the server (no HTTP, no broker, no Spring). Exit codes: 0 intact / exported, 1 the chain is broken,
 * 2 usage or database errors.
 */
public final class AuditCommand {
    static final String USAGE = """
            Usage: vigil audit verify [--data-dir DIR]
                   vigil audit export [--from TIME] [--to TIME] [--out FILE] [--data-dir DIR]
              verify  walks the whole hash chain; prints the events checked and "chain intact" (exit 0) or the
                      first broken link: its id, time and why (exit 1).
              export  writes the events as NDJSON (one JSON object a line, chain order, hashes included) to FILE or
                      standard output. TIME is an ISO instant (2026-11-25T10:00:00Z) or a date (2026-11-25);
                      --from is inclusive, --to exclusive (a date there means the end of that day).
              Database: VIGIL_DB_URL, VIGIL_DB_USER, VIGIL_DB_PASSWORD; without them the demo's H2 file under
              --data-dir (default ./data).""";

    private AuditCommand() {
    }

    /** @return 0 success (or help), 1 broken chain, 2 usage or database error */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        AuditCommandOptions options;
        try {
            options = AuditCommandOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        AuditDatabase database = AuditDatabase.of(environment, options.dataDir());
        try (Connection connection = database.connect()) {
            return switch (options.command()) {
                case "verify" -> verify(connection, out);
                case "export" -> export(connection, options, out, err);
                default -> throw new IllegalStateException("parse accepts only verify and export");
            };
        } catch (SQLException e) {
            err.println(database.explain(e));
            return 2;
        } catch (IOException e) {
            err.println("Cannot write the export: " + e.getMessage());
            return 2;
        }
    }

    private static int verify(Connection connection, PrintStream out) throws SQLException {
        ChainWalk walk = new ChainWalk();
        try (Statement sql = connection.createStatement()) {
            sql.setFetchSize(1000);
            try (ResultSet rs = sql.executeQuery(AuditRows.IN_ORDER)) {
                while (rs.next()) {
                    walk.next(AuditRows.read(rs));
                }
            }
        }
        out.println("Audit trail: " + walk.events() + " events checked.");
        ChainWalk.Break broken = walk.firstBreak();
        if (broken == null) {
            out.println("Chain intact.");
            return 0;
        }
        out.println("Chain BROKEN at event " + broken.id() + " (" + broken.time() + "): " + broken.describe() + ".");
        out.println("Events before " + broken.id() + " are intact; from " + broken.id() + " on they cannot be trusted.");
        return 1;
    }

    private static int export(Connection connection, AuditCommandOptions options, PrintStream out, PrintStream err)
            throws SQLException, IOException {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT * FROM audit_event" + AuditRows.where(
                new AuditQuery(null, null, options.from(), options.to(), List.of(), List.of(), null), args) + " ORDER BY id";
        long events = 0;
        try (OutputStream target = options.out() == null ? nonClosing(out) : Files.newOutputStream(options.out());
             Writer writer = new OutputStreamWriter(target, StandardCharsets.UTF_8);
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setFetchSize(1000);
            for (int i = 0; i < args.size(); i++) {
                query.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    writer.write(AuditJsonLine.of(AuditRows.read(rs)));
                    writer.write('\n');
                    events++;
                }
            }
        }
        err.println("Exported " + events + " audit events" + (options.out() == null ? "." : " to " + options.out() + "."));
        return 0;
    }

    private static OutputStream nonClosing(PrintStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }
}
