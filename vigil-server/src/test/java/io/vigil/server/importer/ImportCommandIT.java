package io.vigil.server.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.sim.SimulateCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code vigil import} against a real server: a Synthea bundle becomes a patient with readings, once, however often it runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
class ImportCommandIT {
    private static final String MRN = "d5582579-7193-4866-5560-a01e723b6552";
    private static final String UNIT = "synthea-unit";

    @LocalServerPort
    int httpPort;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Test
    void import_createsThePatientAndTheirVitalSigns_andARerunAddsNothing() throws Exception {
        Path dir = Files.createTempDirectory("synthea-");
        Files.writeString(dir.resolve("Lindsay928_Gerlach374_d5582579.json"), SyntheaBundleTest.fixture());
        Files.writeString(dir.resolve("hospitalInformation1700000000000.json"), "{\"resourceType\": \"Bundle\"}");
        VigilClient admin = VigilClient.user(httpPort, "admin", WardFixture.PASSWORD);
        assertThat(admin.post("/api/v1/users", Map.of("username", "syn-clin", "displayName", "Syn Clin",
                "password", WardFixture.PASSWORD, "roles", List.of("clinician"))).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/care-teams", Map.of("id", "syn-team", "name", "Synthea", "units", List.of(UNIT),
                "members", List.of("syn-clin"))).status()).isEqualTo(201);
        VigilClient clinician = VigilClient.user(httpPort, "syn-clin", WardFixture.PASSWORD);

        String first = run(dir, 0);
        assertThat(first).contains("created", "Imported 1 patients (1 new) into unit " + UNIT, "4 vital-sign readings",
                "skipped 1 Observations", "2093-3=1");
        String patient = onlyPatient(admin);
        VigilClient.Response registration = admin.get("/api/v1/patients/" + patient);
        assertThat(registration.json().get("unit").asText()).isEqualTo(UNIT);
        assertThat(registration.json().get("birthDate").asText()).isEqualTo("1950-10-24");
        assertThat(observations(clinician, patient)).isEqualTo(4);
        VigilClient.Response pressure = clinician.get("/fhir/Observation?patient=" + patient + "&code=85354-9");
        assertThat(pressure.body()).contains("\"value\":136", "\"value\":49", "2011-06-29T16:44:52");

        String again = run(dir, 0);
        assertThat(again).contains("already known", "Imported 1 patients (0 new)");
        assertThat(onlyPatient(admin)).isEqualTo(patient);
        assertThat(observations(clinician, patient)).isEqualTo(4);

        // The simulator gives the imported patient a bedside monitor and plays it.
        ByteArrayOutputStream simulated = new ByteArrayOutputStream();
        int code = SimulateCommand.run(new String[] {"--url", "http://127.0.0.1:" + httpPort, "--password",
                WardFixture.PASSWORD, "--attach", "--unit", UNIT, "--transport", "http", "--duration", "6s",
                "--interval", "500ms", "--seed", "3"}, new PrintStream(simulated, true, StandardCharsets.UTF_8));
        assertThat(code).as(simulated.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(simulated.toString(StandardCharsets.UTF_8)).contains("attached 1 devices for 1 existing patients in unit " + UNIT);
        assertThat(observations(clinician, patient)).isGreaterThan(4);
        assertThat(onlyPatient(admin)).isEqualTo(patient);
    }

    @Test
    void import_unreadableFile_isSkippedWithItsCode_andTheExitCodeSaysSo() throws Exception {
        Path dir = Files.createTempDirectory("synthea-bad-");
        Files.writeString(dir.resolve("broken.json"), "{\"resourceType\": \"Bundle\", \"type\": \"collection\"}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ImportCommand.run(new String[] {dir.toString(), "--server", "http://127.0.0.1:" + httpPort},
                Map.of("VIGIL_PASSWORD", WardFixture.PASSWORD), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.json", "VIGIL-1845", "no Patient");
    }

    private String run(Path dir, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ImportCommand.run(new String[] {dir.toString(), "--unit", UNIT, "--server", "http://127.0.0.1:" + httpPort},
                Map.of("VIGIL_PASSWORD", WardFixture.PASSWORD), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedExit);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String onlyPatient(VigilClient admin) {
        VigilClient.Response found = admin.get("/fhir/Patient?identifier=" + MRN);
        assertThat(found.json().get("total").asInt()).isEqualTo(1);
        return found.json().at("/entry/0/resource/id").asText();
    }

    private static int observations(VigilClient clinician, String patient) {
        VigilClient.Response found = clinician.get("/fhir/Observation?patient=" + patient + "&_count=100");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().get("total").asInt();
    }
}
