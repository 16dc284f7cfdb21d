package io.vigil.server.edge;

import io.vigil.server.alert.Listening;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.device.DeviceStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Patient identity at the edge: the upstream is the one place devices, patients and assignments are registered;
 * the edge mirrors the roster of its gateway ({@code GET /api/v1/edge/roster}) at start and every
 * {@code vigil.edge.roster-every}, so it attributes readings (and raises alerts) for the same patients the
 * upstream will, and its devices log in with the secret they have upstream. With the uplink down it keeps the last
 * roster it fetched. Rows are upserted by id; nothing is deleted here (an assignment is ended upstream, and the
 * end arrives with the next sync).
 */
@Component
@ConditionalOnProperty(name = "vigil.edge.enabled", havingValue = "true")
class EdgeRoster extends Listening {
    private static final Logger log = LoggerFactory.getLogger(EdgeRoster.class);

    private final JdbcTemplate jdbc;
    private final DeviceStore devices;
    private final AssignmentStore assignments;
    private final EdgeProperties settings;
    private final HttpClient http;
    private final URI roster;
    private final JsonMapper json = JsonMapper.shared();

    EdgeRoster(JdbcTemplate jdbc, DeviceStore devices, AssignmentStore assignments, EdgeProperties settings) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.assignments = assignments;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.roster = URI.create(settings.upstream().url().replaceAll("/+$", "") + "/api/v1/edge/roster");
        repeat("vigil-edge-roster", settings.rosterEvery(), this::sync);
    }

    @Override
    protected AutoCloseable listen() {
        runSoon(this::sync);
        return () -> { };
    }

    void sync() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(roster).timeout(settings.timeout())
                    .header("Authorization", EdgeUplink.basic(settings.upstream().user(), settings.upstream().password()))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.warn("event=edge.roster_failed gateway={} status={}", settings.gateway(), response.statusCode());
                return;
            }
            apply(json.readValue(response.body(), Roster.class));
        } catch (IOException e) {
            log.debug("event=edge.roster_unreachable gateway={} error={}", settings.gateway(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("event=edge.roster_failed gateway={} error={}", settings.gateway(), e.toString());
        }
    }

    private void apply(Roster roster) {
        for (Roster.Patient p : roster.patients()) {
            upsert("patient " + p.id(), () -> jdbc.update("UPDATE patient SET mrn = ?, given_name = ?, family_name = ?, "
                            + "birth_date = ?, sex = ?, care_unit = ?, bed = ? WHERE id = ?", p.mrn(), p.givenName(),
                    p.familyName(), date(p), p.sex(), p.unit(), p.bed(), p.id()),
                    () -> jdbc.update("INSERT INTO patient (id, mrn, given_name, family_name, birth_date, sex, care_unit, "
                                    + "bed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", p.id(), p.mrn(), p.givenName(),
                            p.familyName(), date(p), p.sex(), p.unit(), p.bed(), Timestamp.from(p.createdAt())));
        }
        for (Roster.Device d : roster.devices()) {
            String credential = d.secretHash() + '\u0000' + d.status();
            List<String> before = jdbc.query("SELECT secret_hash, status FROM device WHERE id = ?",
                    (rs, n) -> rs.getString(1) + '\u0000' + rs.getString(2), d.id());
            upsert("device " + d.id(), () -> jdbc.update("UPDATE device SET device_type = ?, manufacturer = ?, model = ?, "
                            + "serial = ?, status = ?, secret_hash = ? WHERE id = ?", d.type(), d.manufacturer(), d.model(),
                    d.serial(), d.status(), d.secretHash(), d.id()),
                    () -> jdbc.update("INSERT INTO device (id, device_type, manufacturer, model, serial, status, secret_hash, "
                                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", d.id(), d.type(), d.manufacturer(),
                            d.model(), d.serial(), d.status(), d.secretHash(), Timestamp.from(d.createdAt())));
            devices.changedElsewhere(d.id(), !before.isEmpty() && !before.getFirst().equals(credential));
        }
        for (Roster.Assignment a : roster.assignments()) {
            upsert("assignment " + a.id(), () -> jdbc.update("UPDATE device_assignment SET device_id = ?, patient_id = ?, "
                            + "starts_at = ?, ends_at = ? WHERE id = ?", a.device(), a.patient(), Timestamp.from(a.start()),
                    timestamp(a.end()), a.id()),
                    () -> jdbc.update("INSERT INTO device_assignment (id, device_id, patient_id, starts_at, ends_at) "
                            + "VALUES (?, ?, ?, ?, ?)", a.id(), a.device(), a.patient(), Timestamp.from(a.start()),
                            timestamp(a.end())));
            assignments.changedElsewhere(a.device());
        }
        log.debug("event=edge.roster_synced gateway={} devices={} assignments={} patients={}", settings.gateway(),
                roster.devices().size(), roster.assignments().size(), roster.patients().size());
    }

    /** Updates the row, or inserts it when there is none; a row this database refuses is skipped and logged. */
    private void upsert(String what, java.util.function.IntSupplier update, Runnable insert) {
        try {
            if (update.getAsInt() == 0) {
                insert.run();
            }
        } catch (DataAccessException e) {
            log.warn("event=edge.roster_row_refused gateway={} row={} error={}", settings.gateway(), what,
                    e.getClass().getSimpleName());
        }
    }

    private static Date date(Roster.Patient p) {
        return p.birthDate() == null ? null : Date.valueOf(p.birthDate());
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
