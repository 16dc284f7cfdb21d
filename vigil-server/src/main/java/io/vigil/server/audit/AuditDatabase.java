package io.vigil.server.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The database the audit commands (and {@code vigil check-acks}) read: the server's own settings ({@code VIGIL_DB_URL}, {@code VIGIL_DB_USER},
 * {@code VIGIL_DB_PASSWORD}), else the demo's H2 file under the data dir — opened read-only and only if it exists.
 * <p>
 * An embedded H2 file is locked by the server that has it open; the commands then say so instead of waiting.
 * H2's AUTO_SERVER mode would let both in, but it makes the server open a TCP port onto a database with the
 * demo's blank password, so Vigil does not use it: stop the server, or ask it ({@code GET /api/v1/audit/verify}).
 */
public record AuditDatabase(String url, String user, String password, boolean embeddedH2) {
    /** H2's error code for a database file another process holds. */
    private static final int H2_ALREADY_IN_USE = 90020;

    public static AuditDatabase of(Map<String, String> environment, Path dataDir) {
        String url = environment.get("VIGIL_DB_URL");
        if (url != null && !url.isBlank()) {
            return new AuditDatabase(url, environment.getOrDefault("VIGIL_DB_USER", "sa"),
                    environment.getOrDefault("VIGIL_DB_PASSWORD", ""), url.startsWith("jdbc:h2:file:"));
        }
        String file = dataDir.resolve("db").resolve("vigil").toAbsolutePath().toString();
        return new AuditDatabase("jdbc:h2:file:" + file + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "sa", "", true);
    }

    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setReadOnly(true);
        return connection;
    }

    /** A message for a failure to read, with what to do about it. */
    public String explain(SQLException e) {
        if (embeddedH2 && e.getErrorCode() == H2_ALREADY_IN_USE) {
            return "The H2 database (" + where() + ") is in use by a running Vigil server, which locks it. Stop the "
                    + "server first, or ask it instead: curl -u admin http://<host>:<port>/api/v1/audit/verify";
        }
        if (embeddedH2 && !Files.exists(Path.of(where() + ".mv.db"))) {
            return "No Vigil database at " + where() + ".mv.db: give --data-dir, or VIGIL_DB_URL for another database.";
        }
        return "Cannot read the audit trail from " + where() + ": " + e.getMessage();
    }

    /** The URL without its settings; never the password. */
    private String where() {
        String bare = url.split("[;?]", 2)[0];
        return bare.startsWith("jdbc:h2:file:") ? bare.substring("jdbc:h2:file:".length()) : bare;
    }
}
