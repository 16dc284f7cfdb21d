package io.vigil.server.edge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Gaps on both sides: an edge records its own (uplink down, readings dropped or refused) and reports them upstream;
 * the upstream keeps what its edges report. Either answers which gaps concern a patient.
 */
@Repository
class EdgeGaps {
    private static final RowMapper<Gap> ROW = (rs, n) -> new Gap(rs.getString("id"), rs.getString("gateway"),
            rs.getString("kind"), rs.getString("patient_id"), rs.getTimestamp("starts_at").toInstant(),
            Optional.ofNullable(rs.getTimestamp("ends_at")).map(Timestamp::toInstant).orElse(null),
            rs.getLong("readings"), rs.getString("reason"));

    private final JdbcTemplate jdbc;

    EdgeGaps(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The uplink outage going on, if any (it survives a restart: it is a row with no end). */
    Optional<Gap> openOutage(String gateway) {
        return jdbc.query("SELECT * FROM edge_gap WHERE gateway = ? AND kind = ? AND ends_at IS NULL", ROW, gateway,
                Gap.UPLINK_DOWN).stream().findFirst();
    }

    void outageBegan(String gateway, Instant since, String reason) {
        if (openOutage(gateway).isEmpty()) {
            insert(new Gap(UUID.randomUUID().toString(), gateway, Gap.UPLINK_DOWN, null, since, null, 0, reason), false);
        }
    }

    /** Ends the outage going on; {@code heldReadings} were queued for back-fill when it ended. */
    void outageEnded(String gateway, Instant at, long heldReadings) {
        jdbc.update("UPDATE edge_gap SET ends_at = ?, readings = ? WHERE gateway = ? AND kind = ? AND ends_at IS NULL",
                Timestamp.from(at), heldReadings, gateway, Gap.UPLINK_DOWN);
    }

    void record(Gap gap) {
        insert(gap, false);
    }

    /** Closed gaps the upstream has not been told of yet. */
    List<Gap> unreported(String gateway) {
        return jdbc.query("SELECT * FROM edge_gap WHERE gateway = ? AND reported = FALSE AND ends_at IS NOT NULL "
                + "ORDER BY starts_at", ROW, gateway);
    }

    void reported(List<Gap> gaps) {
        jdbc.batchUpdate("UPDATE edge_gap SET reported = TRUE WHERE id = ?",
                gaps.stream().map(g -> new Object[] {g.id()}).toList());
    }

    /** Upstream: keeps a gap an edge reported (once, however often it is reported). */
    void received(Gap gap) {
        if (jdbc.update("UPDATE edge_gap SET ends_at = ?, readings = ? WHERE id = ? AND gateway = ?",
                gap.endsAt() == null ? null : Timestamp.from(gap.endsAt()), gap.readings(), gap.id(), gap.gateway()) == 0) {
            insert(gap, true);
        }
    }

    /**
     * The gaps that concern a patient: their own (dropped, refused) and the outages of the edges their devices were
     * behind ({@code ownGateway}: this edge's name, whose outages concern every patient here; null upstream).
     */
    List<Gap> forPatient(String patient, String ownGateway) {
        return jdbc.query("SELECT * FROM edge_gap WHERE patient_id = ? OR (patient_id IS NULL AND (gateway = ? OR "
                + "gateway IN (SELECT g.gateway FROM edge_gateway_device g JOIN device_assignment a "
                + "ON a.device_id = g.device_id WHERE a.patient_id = ?))) ORDER BY starts_at", ROW,
                patient, ownGateway == null ? "" : ownGateway, patient);
    }

    private void insert(Gap gap, boolean reported) {
        jdbc.update("INSERT INTO edge_gap (id, gateway, kind, patient_id, starts_at, ends_at, readings, reason, reported) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", gap.id(), gap.gateway(), gap.kind(), gap.patient(),
                Timestamp.from(gap.startsAt()), gap.endsAt() == null ? null : Timestamp.from(gap.endsAt()),
                gap.readings(), gap.reason(), reported);
    }
}
