package io.vigil.server.medication;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.springframework.stereotype.Component;

/** Dose events (taken, removed, missed) as FHIR MedicationAdministrations, for the FHIR API. */
@Component
public class DoseRecords {
    /** The most a patient search returns (newest first). */
    static final int MOST = 500;

    private final DispenserEventStore events;
    private final ScheduleStore schedules;

    DoseRecords(DispenserEventStore events, ScheduleStore schedules) {
        this.events = events;
        this.schedules = schedules;
    }

    /** The administration with this id and its patient; empty for another kind of event or one with no patient. */
    public Optional<MedicationAdministration> find(String id) {
        return events.find(id).filter(e -> e.patientId() != null && (e.type().taken() || e.type() == DispenserEventType.DOSE_MISSED))
                .map(e -> MedicationRequests.administration(e, e.scheduleId() == null ? null
                        : schedules.find(e.scheduleId()).orElse(null)));
    }

    public List<MedicationAdministration> forPatient(String patientId) {
        Map<String, MedicationSchedule> known = new HashMap<>();
        return events.doses(patientId, MOST).stream().map(e -> MedicationRequests.administration(e,
                e.scheduleId() == null ? null : known.computeIfAbsent(e.scheduleId(), id -> schedules.find(id).orElse(null))))
                .toList();
    }
}
