package io.vigil.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import io.vigil.server.Databases;
import io.vigil.server.ingest.SameTransaction;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The outbox's order and bound on the real schema (migrations V33–V34), on H2 and PostgreSQL: the alert lane first,
 * then recent readings, then back-fill, each in time order; beyond its bound the oldest back-fill goes, never the
 * alert lane, and what went is counted per patient.
 */
class EdgeOutboxIT {
    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void ordersByLaneThenRecencyThenTime_andTrimsOldestBackFillOnly_onH2() throws Exception {
        String url = "jdbc:h2:file:" + Databases.tempDataDir().resolve("db/vigil");
        check(new DriverManagerDataSource(url, "sa", ""));
    }

    @Test
    void ordersByLaneThenRecencyThenTime_andTrimsOldestBackFillOnly_onPostgres() throws Exception {
        Databases.requirePostgres();
        check(new DriverManagerDataSource(Databases.freshPostgresDatabase(), Databases.POSTGRES_USER, ""));
    }

    private void check(DataSource database) throws Exception {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        EdgeOutbox outbox = new EdgeOutbox(new JdbcTemplate(database));
        List<SameTransaction.Fresh> fresh = new ArrayList<>();
        fresh.add(reading(1, "p-1", NOW.minusSeconds(7200), "m-1"));  // back-fill
        fresh.add(reading(2, "p-2", NOW.minusSeconds(7100), null));   // back-fill
        fresh.add(reading(3, "p-1", NOW.minusSeconds(60), "m-3"));    // recent
        fresh.add(reading(4, "p-1", NOW.minusSeconds(7000), "m-4"));  // back-fill, will be the alert's
        fresh.add(reading(5, "p-2", NOW.minusSeconds(120), null));    // recent
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            outbox.write(connection, fresh);
            connection.commit();
        }
        assertThat(outbox.toAlertLane("p-1", "heart-rate", NOW.minusSeconds(7000))).isEqualTo(1);

        Instant recentSince = NOW.minusSeconds(600);
        assertThat(outbox.next(10, recentSince)).extracting(EdgeOutbox.Queued::observationId)
                .containsExactly(4L, 5L, 3L, 1L, 2L);
        assertThat(outbox.next(2, recentSince)).extracting(EdgeOutbox.Queued::observationId).containsExactly(4L, 5L);
        assertThat(outbox.next(1, recentSince).getFirst().reading())
                .contains("\"id\":\"m-4\"", "\"time\":\"" + NOW.minusSeconds(7000) + "\"", "\"value\":72.0");
        assertThat(outbox.next(10, recentSince).get(4).reading()).contains("\"id\":\"edge-2\"");

        // Bound 2: the three oldest readings outside the alert lane go — both back-fill, then the oldest recent.
        List<EdgeOutbox.Dropped> dropped = outbox.trim(2);
        assertThat(outbox.next(10, recentSince)).extracting(EdgeOutbox.Queued::observationId).containsExactly(4L, 3L);
        assertThat(dropped).extracting(EdgeOutbox.Dropped::patient, EdgeOutbox.Dropped::readings)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("p-1", 1L),
                        org.assertj.core.groups.Tuple.tuple("p-2", 2L));
        assertThat(dropped).filteredOn(d -> "p-2".equals(d.patient())).singleElement()
                .satisfies(d -> {
                    assertThat(d.from()).isEqualTo(NOW.minusSeconds(7100));
                    assertThat(d.to()).isEqualTo(NOW.minusSeconds(120));
                });
        assertThat(outbox.trim(2)).isEmpty();
        outbox.remove(outbox.next(10, recentSince));
        assertThat(outbox.size()).isZero();
    }

    private static SameTransaction.Fresh reading(long id, String patient, Instant time, String messageId) {
        Measurement heartRate = new Measurement(REGISTRY.require("heart-rate"), new MeasuredValue.Quantity(72, "/min"),
                time, TimeSource.DEVICE);
        return new SameTransaction.Fresh(new ObservationRecord(Long.toString(id), "mon-1", patient, heartRate, NOW),
                messageId);
    }
}
