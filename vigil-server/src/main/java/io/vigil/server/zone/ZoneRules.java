package io.vigil.server.zone;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.model.PatientRecord;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.patient.PatientStore;
import io.vigil.server.tag.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Safety rules on a tag's change of zone, reported through the alert workflow ({@link AlertConditions}):
 * <ul>
 *   <li>{@code wristband-exit-zone} (high): a patient's wristband in an exit zone — elopement, infant abduction;</li>
 *   <li>{@code wristband-left-unit} (medium): a patient's wristband in a zone outside every unit zone housing the
 *   patient's care unit (only when such a unit zone is registered);</li>
 *   <li>{@code asset-left-home-zone} (medium, technical): an asset tag outside its home zone.</li>
 * </ul>
 * Each clears when the tag is back. The alert workflow needs a patient: an asset's alert goes to the patient the
 * asset (as a registered device with the same id) is assigned to at that moment; an asset assigned to nobody has no
 * patient to alert on, so its departure is audited at high severity and logged at WARN instead.
 */
@Component
class ZoneRules {
    static final AlertRule EXIT = new AlertRule("wristband-exit-zone", "location", AlertPriority.HIGH,
            AlertCategory.PHYSIOLOGICAL);
    static final AlertRule LEFT_UNIT = new AlertRule("wristband-left-unit", "location", AlertPriority.MEDIUM,
            AlertCategory.PHYSIOLOGICAL);
    static final AlertRule ASSET_LEFT_HOME = new AlertRule("asset-left-home-zone", "location", AlertPriority.MEDIUM,
            AlertCategory.TECHNICAL);
    private static final Logger log = LoggerFactory.getLogger(ZoneRules.class);

    private final ZoneStore zones;
    private final AlertConditions alerts;
    private final PatientStore patients;
    private final AssignmentStore assignments;
    private final AuditTrail audit;

    ZoneRules(ZoneStore zones, AlertConditions alerts, PatientStore patients, AssignmentStore assignments,
              AuditTrail audit) {
        this.zones = zones;
        this.alerts = alerts;
        this.patients = patients;
        this.assignments = assignments;
        this.audit = audit;
    }

    /** The tag has just entered {@code zone} at {@code time}. */
    void entered(Tag tag, String zone, Instant time) {
        if (tag.patient() != null) {
            wristband(tag.patient(), zone, time);
        }
        if (tag.homeZone() != null) {
            asset(tag, zone, time);
        }
    }

    private void wristband(String patient, String zone, Instant time) {
        boolean exit = zones.zone(zone).map(Zone::exit).orElse(false);
        alerts.report(exit ? new ConditionEvent.Raised(EXIT, patient, 1, time) : new ConditionEvent.Cleared(EXIT, patient, 0, time));
        Optional<String> unit = patients.find(patient).map(PatientRecord::unit);
        if (unit.isEmpty()) {
            return;
        }
        List<Zone> unitZones = zones.zones().stream().filter(z -> unit.get().equals(z.careUnit())).toList();
        if (unitZones.isEmpty()) {
            return;
        }
        boolean inside = unitZones.stream().anyMatch(u -> zones.within(zone, u.id()));
        alerts.report(inside ? new ConditionEvent.Cleared(LEFT_UNIT, patient, 0, time)
                : new ConditionEvent.Raised(LEFT_UNIT, patient, 1, time));
        if (exit || !inside) {
            log.info("event=zone.patient_outside patient={} zone={} exit={}", patient, zone, exit);
        }
    }

    private void asset(Tag tag, String zone, Instant time) {
        boolean home = zones.within(zone, tag.homeZone());
        Optional<String> patient = assignments.patientAt(tag.asset(), time);
        if (patient.isPresent()) {
            alerts.report(home ? new ConditionEvent.Cleared(ASSET_LEFT_HOME, patient.get(), 0, time)
                    : new ConditionEvent.Raised(ASSET_LEFT_HOME, patient.get(), 1, time));
        }
        if (!home) {
            log.warn("event=zone.asset_left_home asset={} type={} zone={} home={} patient={}", tag.asset(),
                    tag.assetType(), zone, tag.homeZone(), patient.isPresent() ? "assigned" : "none");
            audit.record(new AuditEvent(time, "system", null, "zone.asset-left-home", "asset", tag.asset(),
                    patient.orElse(null), AuditEvent.Outcome.SUCCESS, null, "tag read").withSeverity(
                    patient.isPresent() ? AuditEvent.Severity.MEDIUM : AuditEvent.Severity.HIGH));
        }
    }
}
