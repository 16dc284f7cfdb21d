package io.vigil.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * A fixed blood-pressure reading serialised to JSON, compared canonically with the golden file: both are parsed,
 * compared with equalsDeep, and re-encoded by the same parser so a difference shows as a readable JSON diff.
 * To accept a deliberate change, run with {@code -Dvigil.golden.update=true} and review the file's diff.
 */
class ObservationGoldenFileTest {

    private static final String GOLDEN = "golden/observation-blood-pressure.json";

    @Test
    void bloodPressure_servedJson_matchesGoldenFile() throws IOException {
        Observation actual = new ObservationMapper(Readings.REGISTRY)
                .toFhir(Readings.record("bp-golden", Readings.bloodPressure(128, 84, 98.66666666666667)));
        String actualJson = FhirJson.encodePretty(actual);
        if (Boolean.getBoolean("vigil.golden.update")) {
            Files.writeString(Path.of("src/test/resources/io/vigil/fhir", GOLDEN), actualJson + "\n");
        }

        Observation expected = FhirJson.parse(Observation.class, golden());
        Observation reparsed = FhirJson.parse(Observation.class, actualJson);

        assertThat(FhirJson.encodePretty(reparsed)).isEqualTo(FhirJson.encodePretty(expected));
        assertThat(reparsed.equalsDeep(expected)).isTrue();
    }

    private static String golden() throws IOException {
        try (InputStream in = ObservationGoldenFileTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file " + GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
