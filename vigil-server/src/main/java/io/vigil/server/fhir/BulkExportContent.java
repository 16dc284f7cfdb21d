package io.vigil.server.fhir;

import io.vigil.fhir.DeviceMapper;
import io.vigil.fhir.ObservationMapper;
import io.vigil.fhir.PatientMapper;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.ObservationRecord;
import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.access.PatientScope;
import io.vigil.server.alert.AlertSearch;
import io.vigil.server.alert.AlertView;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.export.ExportContent;
import io.vigil.server.export.ExportRequest;
import io.vigil.server.export.ExportSink;
import io.vigil.server.observation.ObservationQuery;
import io.vigil.server.observation.ObservationStore;
import io.vigil.server.patient.PatientStore;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What a bulk export contains, by the same rules as FHIR read and search for its caller ({@link FhirVisibility}):
 * <ul>
 *   <li>Patient — the registrations the caller may see (administrators: all), of the group's unit for a group export;</li>
 *   <li>Observation, Flag — those patients' readings and alerts, for the patients whose clinical data the caller may
 *       see (administrators without a clinical role: none). Unattributed readings belong to no patient and are not
 *       exported;</li>
 *   <li>Device — the devices that measured the exported Observations; a system-level export without {@code _since}
 *       also every registered device.</li>
 * </ul>
 * {@code _since}: Patients registered after it, Observations stored after it (their {@code received} time, so
 * historic readings imported later are included), Flags raised or changed after it. Nothing stored after the
 * export began is included. Observations are read a page at a time by keyset, so memory does not grow with a
 * patient's history.
 */
@Component
public class BulkExportContent implements ExportContent {
    static final List<String> TYPES = List.of("Patient", "Observation", "Flag", "Device");
    private static final int PAGE = 1000;

    private final PatientStore patients;
    private final ObservationStore observations;
    private final ObservationMapper mapper;
    private final AlertSearch alerts;
    private final DeviceStore devices;
    private final PatientAccess access;
    private final JdbcTemplate jdbc;

    BulkExportContent(PatientStore patients, ObservationStore observations, MeasurementRegistry registry,
                      AlertSearch alerts, DeviceStore devices, PatientAccess access, JdbcTemplate jdbc) {
        this.patients = patients;
        this.observations = observations;
        this.mapper = new ObservationMapper(registry);
        this.alerts = alerts;
        this.devices = devices;
        this.access = access;
        this.jdbc = jdbc;
    }

    @Override
    public List<String> types() {
        return TYPES;
    }

    @Override
    public void write(ExportRequest request, ExportSink sink) throws IOException {
        Authentication caller = request.caller();
        PatientScope clinical = access.scopeOf(caller);
        List<PatientRecord> members = patients.inScope(access.registrationScopeOf(caller),
                request.level() == ExportRequest.Level.GROUP ? request.group() : null);
        Set<String> registeredSince = request.since() == null ? null : registeredBetween(request.since(), sink.transactionTime());
        Set<String> measuredBy = new TreeSet<>();
        int done = 0;
        for (PatientRecord patient : members) {
            if (sink.cancelled()) {
                return;
            }
            sink.progress("patients " + done++ + "/" + members.size());
            boolean exported = false;
            if (request.types().contains("Patient") && (registeredSince == null || registeredSince.contains(patient.id()))) {
                sink.add(PatientMapper.toFhir(patient));
                exported = true;
            }
            if (clinical.includes(patient.id(), patient.unit())) {
                if (request.types().contains("Observation")) {
                    exported |= writeObservations(patient.id(), request.since(), sink, measuredBy);
                }
                if (request.types().contains("Flag")) {
                    exported |= writeFlags(patient.id(), request.since(), sink);
                }
            }
            if (exported) {
                sink.patientExported(patient.id());
            }
        }
        if (request.types().contains("Device")) {
            sink.progress("devices");
            boolean everyDevice = request.level() == ExportRequest.Level.SYSTEM && request.since() == null;
            Stream<io.vigil.model.DeviceRecord> chosen = everyDevice ? devices.list().stream()
                    : measuredBy.stream().map(devices::find).flatMap(java.util.Optional::stream);
            for (io.vigil.model.DeviceRecord device : chosen.toList()) {
                sink.add(DeviceMapper.toFhir(device));
            }
        }
    }

    /** The patient's readings in effective-time order, a page at a time (keyset on effective time and id). */
    private boolean writeObservations(String patientId, Instant since, ExportSink sink, Set<String> measuredBy)
            throws IOException {
        ObservationQuery query = new ObservationQuery(patientId, null, List.of(), null, true, null, false, false, 0, PAGE);
        ObservationRecord last = null;
        boolean any = false;
        while (!sink.cancelled()) {
            List<String> conditions = new ArrayList<>(List.of("o.received_at <= ?"));
            List<Object> args = new ArrayList<>(List.of(Timestamp.from(sink.transactionTime())));
            if (since != null) {
                conditions.add("o.received_at > ?");
                args.add(Timestamp.from(since));
            }
            if (last != null) {
                Timestamp effective = Timestamp.from(last.measurement().time());
                conditions.add("(o.effective_at > ? OR (o.effective_at = ? AND o.id > ?))");
                args.addAll(List.of(effective, effective, Long.parseLong(last.id())));
            }
            List<ObservationRecord> page = observations.search(query,
                    new PatientScope.Condition(String.join(" AND ", conditions), args));
            for (ObservationRecord observation : page) {
                sink.add(mapper.toFhir(observation));
                if (observation.deviceId() != null) {
                    measuredBy.add(observation.deviceId());
                }
                any = true;
            }
            if (page.size() < PAGE) {
                break;
            }
            last = page.getLast();
        }
        return any;
    }

    private boolean writeFlags(String patientId, Instant since, ExportSink sink) throws IOException {
        boolean any = false;
        PatientScope only = new PatientScope(false, Set.of(), Set.of(patientId));
        for (AlertView alert : alerts.search(only, patientId, null)) {
            if (since == null || lastChanged(alert).isAfter(since)) {
                sink.add(AlertFlag.of(alert));
                any = true;
            }
        }
        return any;
    }

    private static Instant lastChanged(AlertView alert) {
        return Stream.of(alert.raisedAt(), alert.lastTime(), alert.acknowledgedAt(), alert.resolvedAt())
                .filter(Objects::nonNull).max(Instant::compareTo).orElse(alert.raisedAt());
    }

    private Set<String> registeredBetween(Instant since, Instant until) {
        return new HashSet<>(jdbc.queryForList("SELECT id FROM patient WHERE created_at > ? AND created_at <= ?",
                String.class, Timestamp.from(since), Timestamp.from(until)));
    }
}
