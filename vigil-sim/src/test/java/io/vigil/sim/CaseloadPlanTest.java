package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaseloadPlanTest {

    @Test
    void mixed_givesEachScenarioItsKit_untilTheDeviceCount() {
        CaseloadPlan plan = CaseloadPlan.of(12, List.of(Scenario.values()), 1, false);

        assertThat(plan.deviceCount()).isEqualTo(12);
        assertThat(plan.patients()).extracting(CaseloadPlan.PatientPlan::scenario)
                .startsWith(Scenario.STABLE, Scenario.SEPSIS, Scenario.HYPOGLYCAEMIA, Scenario.HEART_FAILURE,
                        Scenario.COPD);
        assertThat(plan.patients().get(2).kinds()).containsExactly(DeviceKind.CGM, DeviceKind.GLUCOMETER);
        assertThat(plan.patients().get(3).kinds())
                .containsExactly(DeviceKind.SCALE, DeviceKind.BP_CUFF, DeviceKind.PULSE_OXIMETER);
    }

    @Test
    void load_givesEveryPatientOneBedsideMonitor() {
        CaseloadPlan plan = CaseloadPlan.of(50, List.of(Scenario.values()), 1, true);

        assertThat(plan.patients()).hasSize(50)
                .allSatisfy(p -> assertThat(p.kinds()).containsExactly(DeviceKind.BEDSIDE_MONITOR));
        assertThat(plan.continuousDeviceCount()).isEqualTo(50);
    }

    @Test
    void lastKit_isCutToTheDeviceCount() {
        CaseloadPlan plan = CaseloadPlan.of(2, List.of(Scenario.HEART_FAILURE), 1, false);

        assertThat(plan.patients()).hasSize(1);
        assertThat(plan.patients().getFirst().kinds()).containsExactly(DeviceKind.SCALE, DeviceKind.BP_CUFF);
    }

    @Test
    void sameSeed_samePatients() {
        assertThat(CaseloadPlan.of(8, List.of(Scenario.values()), 99, false))
                .isEqualTo(CaseloadPlan.of(8, List.of(Scenario.values()), 99, false));
    }

    @Test
    void forPatients_givesEachExistingPatientTheirScenariosWholeKit() {
        CaseloadPlan plan = CaseloadPlan.forPatients(2, List.of(Scenario.HEART_FAILURE), 1, false);

        assertThat(plan.patients()).hasSize(2)
                .allSatisfy(p -> assertThat(p.kinds()).hasSize(3));
        assertThat(plan.deviceCount()).isEqualTo(6);
    }
}
