package io.vigil.server.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.MeasurementRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheaBundleTest {
    static final String FIXTURE = "/synthea/Lindsay928_Gerlach374_d5582579.json";
    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();

    static String fixture() throws IOException {
        try (InputStream in = SyntheaBundleTest.class.getResourceAsStream(FIXTURE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parse_syntheaBundle_takesTheRegistrationFromThePatientAndItsMedicalRecordNumber() throws Exception {
        SyntheaBundle bundle = SyntheaBundle.parse(fixture(), REGISTRY);

        assertThat(bundle.mrn()).isEqualTo("d5582579-7193-4866-5560-a01e723b6552");
        assertThat(bundle.family()).isEqualTo("Gerlach374");
        assertThat(bundle.given()).isEqualTo("Lindsay928");
        assertThat(bundle.birthDate()).isEqualTo(LocalDate.of(1950, 10, 24));
        assertThat(bundle.sex()).isEqualTo("male");
    }

    @Test
    void parse_syntheaBundle_mapsVitalSignsByLoinc_andCountsTheRest() throws Exception {
        SyntheaBundle bundle = SyntheaBundle.parse(fixture(), REGISTRY);

        assertThat(bundle.readings().stream().map(r -> (String) ((Map<?, ?>) r.get("values")).keySet().iterator().next())
                .toList()).containsExactlyInAnyOrder("blood-pressure", "heart-rate", "body-weight", "body-temperature");
        Map<String, Object> pressure = bundle.readings().stream()
                .filter(r -> ((Map<?, ?>) r.get("values")).containsKey("blood-pressure")).findFirst().orElseThrow();
        assertThat(pressure.get("id")).isEqualTo("syn-b954b27b-4d4b-d11b-cad3-1efdc1e527e0");
        assertThat(pressure.get("time")).isEqualTo("2011-06-29T16:44:52Z");
        assertThat(((Map<?, ?>) pressure.get("values")).get("blood-pressure"))
                .isEqualTo(Map.of("diastolic-bp", 49.0, "systolic-bp", 136.0));
        assertThat(bundle.skipped()).isEqualTo(Map.of("2093-3", 1));
        assertThat(bundle.unusable()).isZero();
    }

    @Test
    void parse_aValueOutsideThePlausibleRange_isCountedAsUnusable() throws Exception {
        String implausible = fixture().replace("\"value\": 88,", "\"value\": 880,");
        SyntheaBundle bundle = SyntheaBundle.parse(implausible, REGISTRY);

        assertThat(bundle.readings()).hasSize(3);
        assertThat(bundle.unusable()).isEqualTo(1);
    }

    @Test
    void parse_somethingElse_isUnreadable() {
        assertThatThrownBy(() -> SyntheaBundle.parse("{\"resourceType\": \"Patient\"}", REGISTRY))
                .isInstanceOf(SyntheaBundle.Unreadable.class);
        assertThatThrownBy(() -> SyntheaBundle.parse("{\"resourceType\": \"Bundle\", \"type\": \"collection\"}", REGISTRY))
                .isInstanceOf(SyntheaBundle.Unreadable.class).hasMessageContaining("no Patient");
    }
}
