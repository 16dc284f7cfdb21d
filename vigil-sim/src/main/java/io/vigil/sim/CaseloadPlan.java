package io.vigil.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The patients a simulate run provisions and the devices each wears, chosen by scenario: ward patients wear a
 * bedside monitor; a patient with diabetes a CGM and a glucometer; a heart-failure patient at home a scale, a
 * blood-pressure cuff and a pulse oximeter. A load run gives every patient one bedside monitor.
 */
record CaseloadPlan(List<PatientPlan> patients) {

    /** One patient: a number within the run (also the bed), a scenario, a physiology seed, and devices. */
    record PatientPlan(int number, Scenario scenario, long seed, List<DeviceKind> kinds) {}

    CaseloadPlan {
        patients = List.copyOf(patients);
    }

    /** Patients in turn through the scenarios until the device count is reached (the last kit may be cut short). */
    static CaseloadPlan of(int devices, List<Scenario> scenarios, long seed, boolean load) {
        List<PatientPlan> patients = new ArrayList<>();
        int remaining = devices;
        for (int number = 1; remaining > 0; number++) {
            Scenario scenario = scenarios.get((number - 1) % scenarios.size());
            List<DeviceKind> kit = kit(scenario, load);
            List<DeviceKind> worn = kit.subList(0, Math.min(kit.size(), remaining));
            patients.add(new PatientPlan(number, scenario, SeededNoise.mix(seed + number), worn));
            remaining -= worn.size();
        }
        return new CaseloadPlan(patients);
    }

    /** One patient per existing patient to attach devices to, each with their scenario's whole kit. */
    static CaseloadPlan forPatients(int count, List<Scenario> scenarios, long seed, boolean load) {
        List<PatientPlan> patients = new ArrayList<>();
        for (int number = 1; number <= count; number++) {
            Scenario scenario = scenarios.get((number - 1) % scenarios.size());
            patients.add(new PatientPlan(number, scenario, SeededNoise.mix(seed + number), kit(scenario, load)));
        }
        return new CaseloadPlan(patients);
    }

    static List<DeviceKind> kit(Scenario scenario, boolean load) {
        if (load) {
            return List.of(DeviceKind.BEDSIDE_MONITOR);
        }
        return switch (scenario) {
            case STABLE, SEPSIS, COPD -> List.of(DeviceKind.BEDSIDE_MONITOR);
            case HYPOGLYCAEMIA -> List.of(DeviceKind.CGM, DeviceKind.GLUCOMETER);
            case HEART_FAILURE -> List.of(DeviceKind.SCALE, DeviceKind.BP_CUFF, DeviceKind.PULSE_OXIMETER);
        };
    }

    int deviceCount() {
        return patients.stream().mapToInt(p -> p.kinds().size()).sum();
    }

    /** Devices reporting every interval, which {@code --rate} paces in physiology mode. */
    long continuousDeviceCount() {
        return patients.stream().flatMap(p -> p.kinds().stream()).filter(DeviceKind::continuous).count();
    }
}
