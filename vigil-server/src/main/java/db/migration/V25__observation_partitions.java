package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Readings become time-partitioned on PostgreSQL; observation_component carries its reading's effective time on
 * both databases (so its rows live in the same day's partition and leave with it).
 *
 * <p>A Java migration because the DDL cannot be portable: H2 has no declarative partitioning, and PostgreSQL's
 * partitioned tables need the partition key in every unique index (so the primary key becomes (id, effective_at)
 * and the foreign key from observation_component to observation goes away). On H2 the tables keep their shape and
 * only gain the column. See docs/operations.md, "PostgreSQL: partitions, retention, sizing".
 */
public class V25__observation_partitions extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            postgres(connection);
        } else {
            h2(connection);
        }
    }

    private static void h2(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("ALTER TABLE observation_component ADD COLUMN effective_at TIMESTAMP WITH TIME ZONE");
            sql.execute("UPDATE observation_component c SET effective_at = "
                    + "(SELECT o.effective_at FROM observation o WHERE o.id = c.observation_id)");
            sql.execute("ALTER TABLE observation_component ALTER COLUMN effective_at SET NOT NULL");
        }
    }

    private static void postgres(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            // Columns ordered widest-aligned first: no padding between them on disk.
            sql.execute("""
                    CREATE TABLE observation_partitioned (
                        id              BIGINT           NOT NULL,
                        effective_at    TIMESTAMPTZ      NOT NULL,
                        received_at     TIMESTAMPTZ      NOT NULL,
                        value_num       DOUBLE PRECISION,
                        clock_offset_ms BIGINT,
                        time_source     CHAR(1)          NOT NULL,
                        device_id       VARCHAR(64)      NOT NULL,
                        patient_id      VARCHAR(64),
                        type_code       VARCHAR(32)      NOT NULL,
                        value_code      VARCHAR(16),
                        message_id      VARCHAR(128),
                        note            VARCHAR(500),
                        body_site       VARCHAR(18),
                        PRIMARY KEY (id, effective_at)
                    ) PARTITION BY RANGE (effective_at)""");
            sql.execute("""
                    CREATE TABLE observation_component_partitioned (
                        observation_id BIGINT           NOT NULL,
                        effective_at   TIMESTAMPTZ      NOT NULL,
                        value_num      DOUBLE PRECISION NOT NULL,
                        type_code      VARCHAR(32)      NOT NULL,
                        PRIMARY KEY (observation_id, type_code, effective_at)
                    ) PARTITION BY RANGE (effective_at)""");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate first = today;
            LocalDate last = today;
            try (ResultSet range = sql.executeQuery("SELECT MIN(effective_at), MAX(effective_at) FROM observation")) {
                if (range.next() && range.getTimestamp(1) != null) {
                    first = min(first, range.getTimestamp(1).toInstant().atOffset(ZoneOffset.UTC).toLocalDate());
                    last = max(last, range.getTimestamp(2).toInstant().atOffset(ZoneOffset.UTC).toLocalDate());
                }
            }
            for (LocalDate day = first.minusDays(1); !day.isAfter(last.plusDays(7)); day = day.plusDays(1)) {
                for (String table : new String[] {"observation", "observation_component"}) {
                    sql.execute("CREATE TABLE " + table + "_p" + day.toString().replace("-", "") + " PARTITION OF " + table
                            + "_partitioned FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
                }
            }
            sql.execute("""
                    INSERT INTO observation_partitioned (id, effective_at, received_at, value_num, clock_offset_ms, time_source,
                        device_id, patient_id, type_code, value_code, message_id, note, body_site)
                    SELECT id, effective_at, received_at, value_num, clock_offset_ms, time_source,
                        device_id, patient_id, type_code, value_code, message_id, note, body_site FROM observation""");
            sql.execute("""
                    INSERT INTO observation_component_partitioned (observation_id, effective_at, value_num, type_code)
                    SELECT c.observation_id, o.effective_at, c.value_num, c.type_code
                    FROM observation_component c JOIN observation o ON o.id = c.observation_id""");
            sql.execute("DROP TABLE observation_component");
            sql.execute("DROP TABLE observation");
            sql.execute("ALTER TABLE observation_partitioned RENAME TO observation");
            sql.execute("ALTER TABLE observation_component_partitioned RENAME TO observation_component");
            // The FHIR search (patient, code, date range, newest first) and "latest per code": one backward range scan
            // per day partition, in partition order, stopping at the page's end.
            sql.execute("CREATE INDEX observation_patient_type_time_idx ON observation (patient_id, type_code, effective_at, id)");
            sql.execute("CREATE INDEX observation_device_time_idx ON observation (device_id, effective_at)");
            // Time-range scans of whole days: a BRIN summary is a few pages per partition, not an entry per reading.
            sql.execute("CREATE INDEX observation_time_idx ON observation USING brin (effective_at)");
            // Idempotent retries: only readings whose message carried an id take room in this index.
            sql.execute("CREATE UNIQUE INDEX observation_message_unique ON observation (device_id, message_id, type_code, effective_at) "
                    + "WHERE message_id IS NOT NULL");
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
