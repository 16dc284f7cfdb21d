package io.vigil.server.demo;

import io.vigil.analytics.news2.SpO2Scale;
import io.vigil.model.DeviceRecord;
import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientShares;
import io.vigil.server.clinical.News2ScaleStore;
import io.vigil.server.device.DeviceAssignments;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.patient.PatientRegistration;
import io.vigil.server.patient.PatientStore;
import io.vigil.sim.DeviceKind;
import io.vigil.sim.Scenario;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's people and devices: an inpatient ward ({@code ward-a}, one bedside monitor per bed) and a
 * remote-monitoring caseload ({@code home}). Fictional; for the demo only. Idempotent across restarts:
 * existing patients and devices are reused, and the devices get fresh secrets for this run's simulator.
 */
class DemoWard {
    static final String WARD = "ward-a";
    static final String HOME = "home";
    /** The demo caregiver follows one person at home: the heart-failure patient weighed every day. */
    static final String CAREGIVERS_PATIENT = "DEMO-H001";
    static final String DEMO_CAREGIVER = "caregiver";

    /** One demo device worn by one demo patient. */
    record Bed(String mrn, String given, String family, LocalDate birthDate, String sex, String unit, String bed,
               String deviceId, DeviceKind kind, Scenario scenario) {}

    /** A provisioned device with its secret for this run. */
    record Provisioned(Bed bed, String patientId, String secret) {}

    private final PatientRegistration registration;
    private final PatientStore patients;
    private final DeviceStore devices;
    private final DeviceAssignments assignments;
    private final PatientShares shares;
    private final News2ScaleStore scales;
    private final Clock clock;

    DemoWard(PatientRegistration registration, PatientStore patients, DeviceStore devices, DeviceAssignments assignments,
             PatientShares shares, News2ScaleStore scales, Clock clock) {
        this.shares = shares;
        this.scales = scales;
        this.registration = registration;
        this.patients = patients;
        this.devices = devices;
        this.assignments = assignments;
        this.clock = clock;
    }

    static List<Bed> beds(int wardBeds) {
        String[][] names = {
                {"Ada", "Lovelace", "female"}, {"Alan", "Turing", "male"}, {"Grace", "Hopper", "female"},
                {"Edsger", "Dijkstra", "male"}, {"Barbara", "Liskov", "female"}, {"Donald", "Knuth", "male"},
                {"Frances", "Allen", "female"}, {"John", "Backus", "male"}, {"Margaret", "Hamilton", "female"},
                {"Tony", "Hoare", "male"}, {"Radia", "Perlman", "female"}, {"Niklaus", "Wirth", "male"},
                {"Hedy", "Lamarr", "female"}, {"Claude", "Shannon", "male"}, {"Karen", "Sparck Jones", "female"},
                {"Ken", "Thompson", "male"}};
        List<Bed> beds = new ArrayList<>();
        for (int i = 0; i < wardBeds; i++) {
            String[] name = names[i % names.length];
            Scenario scenario = switch (i % 12) {
                case 2 -> Scenario.SEPSIS;
                case 6 -> Scenario.COPD;
                default -> Scenario.STABLE;
            };
            beds.add(new Bed(String.format("DEMO-%04d", i + 1), name[0], name[1], LocalDate.of(1940 + (i * 7) % 50, 1 + i % 12, 1 + i),
                    name[2], WARD, String.format("%02d", i + 1), String.format("ward-a-monitor-%02d", i + 1),
                    DeviceKind.BEDSIDE_MONITOR, scenario));
        }
        beds.add(new Bed("DEMO-H001", "Hedy", "Lamarr", LocalDate.of(1948, 11, 9), "female", HOME, null,
                "home-scale-01", DeviceKind.SCALE, Scenario.HEART_FAILURE));
        beds.add(new Bed("DEMO-H002", "Claude", "Shannon", LocalDate.of(1956, 4, 30), "male", HOME, null,
                "home-cgm-01", DeviceKind.CGM, Scenario.HYPOGLYCAEMIA));
        beds.add(new Bed("DEMO-H003", "Karen", "Sparck Jones", LocalDate.of(1945, 8, 26), "female", HOME, null,
                "home-bp-01", DeviceKind.BP_CUFF, Scenario.STABLE));
        beds.add(new Bed("DEMO-H004", "Ken", "Thompson", LocalDate.of(1953, 2, 4), "male", HOME, null,
                "home-oximeter-01", DeviceKind.PULSE_OXIMETER, Scenario.COPD));
        return beds;
    }

    List<Provisioned> provision(int wardBeds) {
        List<Provisioned> provisioned = new ArrayList<>();
        for (Bed bed : beds(wardBeds)) {
            PatientRecord patient = patients.findByMrn(bed.mrn()).orElseGet(() -> registration.register(new PatientRecord(
                    null, bed.mrn(), bed.given(), bed.family(), bed.birthDate(), bed.sex(), bed.unit(), bed.bed())));
            String secret;
            if (devices.find(bed.deviceId()).isPresent()) {
                secret = devices.rotateSecret(bed.deviceId());
            } else {
                secret = devices.register(new DeviceRecord(bed.deviceId(), deviceType(bed.kind()), "Vigil Simulated Devices",
                        bed.kind().name().toLowerCase().replace('_', '-'), "SIM-" + bed.deviceId(), DeviceStore.ACTIVE));
            }
            if (assignments.history(bed.deviceId()).isEmpty()) {
                assignments.assign(bed.deviceId(), patient.id(), clock.instant().minusSeconds(3600), null);
            }
            if (bed.scenario() == Scenario.COPD) {
                // the simulated COPD patient's target is 88–92 %: the clinician's NEWS2 scale 2, which moves spo2-low
                scales.choose(patient.id(), SpO2Scale.SCALE_2, "demo");
            }
            if (bed.mrn().equals(CAREGIVERS_PATIENT)) {
                shares.share(patient.id(), DEMO_CAREGIVER, "demo");
            }
            provisioned.add(new Provisioned(bed, patient.id(), secret));
        }
        return provisioned;
    }

    private static String deviceType(DeviceKind kind) {
        return switch (kind) {
            case BEDSIDE_MONITOR -> "vital-signs-monitor";
            case PULSE_OXIMETER -> "pulse-oximeter";
            case BP_CUFF -> "blood-pressure-monitor";
            case THERMOMETER -> "thermometer";
            case SCALE -> "weighing-scale";
            case GLUCOMETER -> "glucose-meter";
            case CGM -> "continuous-glucose-monitor";
        };
    }
}
