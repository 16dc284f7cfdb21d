package io.vigil.server.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.MeasuredValue;
import io.vigil.server.BedsideContract;
import io.vigil.server.VigilClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Readings' storage: day partitions on PostgreSQL (made ahead, and on demand for an old reading), and retention
 * that removes readings past {@code vigil.storage.retention} — panels' components with them. Subclasses pick the
 * database.
 */
abstract class StorageContract extends BedsideContract {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObservationPartitions partitions;
    @Autowired
    ObservationStore store;

    /** Whether this database keeps readings in day partitions. */
    abstract boolean partitioned();

    @Test
    void partitions_existAheadOfToday_onPostgresOnly() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(partitions.partitioned()).isEqualTo(partitioned());
        if (partitioned()) {
            assertThat(partitions.days()).contains(today.minusDays(1), today, today.plusDays(7));
        } else {
            assertThat(partitions.days()).isEmpty();
        }
    }

    @Test
    void anOldReading_isStored_andRetentionRemovesIt_withItsComponents_keepingRecentOnes() {
        Instant old = Instant.now().minus(40, ChronoUnit.DAYS);
        post("old-1", old, "{\"spo2\": 95, \"blood-pressure\": {\"systolic\": 131, \"diastolic\": 85}}");
        post("new-1", Instant.now().minusSeconds(30), "{\"spo2\": 97, \"blood-pressure\": {\"systolic\": 121, \"diastolic\": 79}}");
        assertThat(readings("old-1")).isEqualTo(2);
        assertThat(components("old-1")).isEqualTo(2);
        if (partitioned()) {
            assertThat(partitions.days()).contains(old.atOffset(ZoneOffset.UTC).toLocalDate());
        }

        ObservationPartitions tenDays = new ObservationPartitions(jdbc, new StorageProperties(Duration.ofDays(10), 7,
                Duration.ofHours(1)), Clock.systemUTC());
        tenDays.maintain();

        assertThat(readings("old-1")).isZero();
        assertThat(components("old-1")).isZero();
        assertThat(readings("new-1")).isEqualTo(2);
        assertThat(components("new-1")).isEqualTo(2);
        if (partitioned()) {
            assertThat(partitions.days()).doesNotContain(old.atOffset(ZoneOffset.UTC).toLocalDate())
                    .allMatch(day -> !day.isBefore(LocalDate.now(ZoneOffset.UTC).minusDays(11)));
        }
        assertThat(store.search(ObservationQuery.forPatient(patient))).extracting(r -> r.measurement().type().alias())
                .containsExactlyInAnyOrder("spo2", "blood-pressure");
    }

    @Test
    void latestPerCode_isTheNewestByEffectiveTime_evenWhenAnOlderReadingArrivesLater() {
        Instant now = Instant.now();
        post("l-1", now.minusSeconds(60), "{\"heart-rate\": 70, \"blood-pressure\": {\"systolic\": 120, \"diastolic\": 80}}");
        post("l-2", now.minus(3, ChronoUnit.HOURS), "{\"heart-rate\": 99, \"spo2\": 91}");
        post("l-3", now.minusSeconds(30), "{\"spo2\": 96}");

        assertThat(store.latest(patient, java.util.List.of())).extracting(r -> r.measurement().type().alias())
                .containsExactlyInAnyOrder("heart-rate", "spo2", "blood-pressure");
        assertThat(store.latest(patient, java.util.List.of("heart-rate", "spo2")))
                .extracting(r -> r.measurement().type().alias() + "=" + ((MeasuredValue.Quantity) r.measurement().value()).value())
                .containsExactlyInAnyOrder("heart-rate=70.0", "spo2=96.0");
        assertThat(store.latest(patient, java.util.List.of("blood-pressure"))).singleElement()
                .satisfies(r -> assertThat(((MeasuredValue.Panel) r.measurement().value()).components()).hasSize(2));
    }

    private void post(String id, Instant time, String values) {
        VigilClient.Response response = device.post("/api/v1/devices/" + deviceId + "/measurements",
                "{\"id\": \"" + id + "\", \"time\": \"" + time + "\", \"values\": " + values + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private int readings(String messageId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM observation WHERE device_id = ? AND message_id = ?",
                Integer.class, deviceId, messageId);
    }

    private int components(String messageId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM observation_component c JOIN observation o ON o.id = c.observation_id "
                + "WHERE o.device_id = ? AND o.message_id = ?", Integer.class, deviceId, messageId);
    }
}
