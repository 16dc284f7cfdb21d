package io.vigil.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.fhir.FhirJson;
import io.vigil.fhir.OfflineValidator;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * FHIR Bulk Data export end to end over HTTP: kick-off, polling, the manifest, every NDJSON line parsed and validated
 * offline with HAPI's validator, access by role and care unit, {@code _since}, cancellation and refusals. Readings go
 * in through the device endpoint. Subclasses pick H2 or PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BulkExportContract {
    private static final String ASYNC = "respond-async";

    @LocalServerPort
    int httpPort;

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String unit = "exp-" + suffix;
    private final String otherUnit = "exp-other-" + suffix;
    /** The since test's own unit (it adds readings, which the other tests' counts must not see). */
    private final String sinceUnit = "exp-since-" + suffix;
    private String sincePatient;
    private String sinceMonitor;
    private String sinceSecret;
    private VigilClient admin;
    private VigilClient clinician;
    private VigilClient integration;
    private VigilClient caregiver;
    private String p1;
    private String p2;
    private String elsewhere;
    private String monitor;
    private String monitorSecret;

    @BeforeAll
    void ward() {
        WardFixture ward = new WardFixture(httpPort);
        admin = ward.admin();
        p1 = ward.patient(unit);
        p2 = ward.patient(unit);
        elsewhere = ward.patient(otherUnit);
        user("exp-clin-" + suffix, "clinician");
        user("exp-integ-" + suffix, "integration");
        user("exp-carer-" + suffix, "caregiver");
        VigilClient.Response team = admin.post("/api/v1/care-teams", Map.of("id", "exp-team-" + suffix, "name",
                "Export team", "units", List.of(unit), "members", List.of("exp-clin-" + suffix, "exp-integ-" + suffix)));
        assertThat(team.status()).as(team.body()).isEqualTo(201);
        VigilClient.Response sinceTeam = admin.post("/api/v1/care-teams", Map.of("id", "exp-since-team-" + suffix, "name",
                "Export since team", "units", List.of(sinceUnit), "members", List.of("exp-clin-" + suffix)));
        assertThat(sinceTeam.status()).as(sinceTeam.body()).isEqualTo(201);
        ward.share(p1, "exp-carer-" + suffix);
        clinician = VigilClient.user(httpPort, "exp-clin-" + suffix, WardFixture.PASSWORD);
        integration = VigilClient.user(httpPort, "exp-integ-" + suffix, WardFixture.PASSWORD);
        caregiver = VigilClient.user(httpPort, "exp-carer-" + suffix, WardFixture.PASSWORD);

        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);
        monitor = "exp-mon-" + suffix;
        monitorSecret = ward.device(monitor, "vital-signs-monitor");
        ward.assign(monitor, p1, t0.minus(1, ChronoUnit.DAYS), null);
        send(monitor, monitorSecret, t0, 10);
        String other = "exp-mon2-" + suffix;
        String otherSecret = ward.device(other, "vital-signs-monitor");
        ward.assign(other, elsewhere, t0.minus(1, ChronoUnit.DAYS), null);
        send(other, otherSecret, t0, 3);
        sincePatient = ward.patient(sinceUnit);
        sinceMonitor = "exp-mon3-" + suffix;
        sinceSecret = ward.device(sinceMonitor, "vital-signs-monitor");
        ward.assign(sinceMonitor, sincePatient, t0.minus(1, ChronoUnit.DAYS), null);
        send(sinceMonitor, sinceSecret, t0, 5);
    }

    @Test
    void groupExport_clinician_writesValidNdjsonOfTheUnitsPatients() {
        Map<String, List<IBaseResource>> files = exportAll(clinician, "/fhir/Group/" + unit + "/$export");

        assertThat(ids(files.get("Patient"))).containsExactlyInAnyOrder(p1, p2);
        List<IBaseResource> observations = files.get("Observation");
        // 10 readings of heart rate, SpO2 and blood pressure (a panel with components) each
        assertThat(observations).hasSize(30);
        assertThat(observations).allSatisfy(o ->
                assertThat(((Observation) o).getSubject().getReference()).isEqualTo("Patient/" + p1));
        assertThat(ids(files.get("Device"))).containsExactly(monitor);
        for (List<IBaseResource> resources : files.values()) {
            for (IBaseResource resource : resources) {
                assertThat(OfflineValidator.errors(resource)).as(resource.getIdElement().getValue()).isEmpty();
            }
        }
    }

    @Test
    void patientExport_integration_seesItsUnitOnly_andAdministratorsGetRegistrationsWithoutClinicalData() {
        Map<String, List<IBaseResource>> byIntegration = exportAll(integration, "/fhir/Patient/$export?_type=Patient,Observation");
        assertThat(ids(byIntegration.get("Patient"))).containsExactlyInAnyOrder(p1, p2);
        assertThat(byIntegration.get("Observation")).hasSize(30);
        assertThat(byIntegration).doesNotContainKey("Device");

        Map<String, List<IBaseResource>> byAdmin = exportAll(admin, "/fhir/$export");
        assertThat(ids(byAdmin.get("Patient"))).contains(p1, p2, elsewhere);
        assertThat(byAdmin).doesNotContainKeys("Observation", "Flag");
        assertThat(ids(byAdmin.get("Device"))).contains(monitor, "exp-mon2-" + suffix);
    }

    @Test
    void since_exportsOnlyWhatWasStoredAfterIt() {
        Map<String, List<IBaseResource>> before = exportAll(clinician, "/fhir/Group/" + sinceUnit + "/$export");
        assertThat(before.get("Observation")).hasSize(15);
        JsonNode first = manifest(clinician, kickOff(clinician, "/fhir/Group/" + sinceUnit + "/$export?_type=Observation"));
        String since = first.get("transactionTime").asText();
        send(sinceMonitor, sinceSecret, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.HOURS), 2);

        Map<String, List<IBaseResource>> files = exportAll(clinician, "/fhir/Group/" + sinceUnit + "/$export?_since=" + since);
        assertThat(files).doesNotContainKey("Patient"); // registered before _since
        assertThat(files.get("Observation")).as("stored after _since, though measured before").hasSize(6);
        assertThat(files.get("Observation")).allSatisfy(o ->
                assertThat(((Observation) o).getSubject().getReference()).isEqualTo("Patient/" + sincePatient));
        assertThat(ids(files.get("Device"))).containsExactly(sinceMonitor);
    }

    @Test
    void caregiver_mayNotExport_andNoOneElseSeesAnotherCallersExport() {
        VigilClient.Response refused = caregiver.getWithHeader("/fhir/Patient/$export", "Prefer", ASYNC);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("VIGIL-1111");
        assertThat(caregiver.getWithHeader("/fhir/Group/" + unit + "/$export", "Prefer", ASYNC).status()).isEqualTo(403);
        assertThat(clinician.getWithHeader("/fhir/$export", "Prefer", ASYNC).status()).as("system level is not for clinicians").isEqualTo(403);

        String status = kickOff(clinician, "/fhir/Patient/$export");
        assertThat(integration.get(path(status)).status()).isEqualTo(404);
        assertThat(integration.delete(path(status)).status()).isEqualTo(404);
        assertThat(clinician.getWithHeader("/fhir/Group/" + otherUnit + "/$export", "Prefer", ASYNC).status())
                .as("a unit the clinician does not see").isEqualTo(404);
    }

    @Test
    void delete_cancelsTheExport() {
        String status = kickOff(clinician, "/fhir/Patient/$export");
        assertThat(clinician.delete(path(status)).status()).isEqualTo(202);
        assertThat(clinician.get(path(status)).status()).isEqualTo(404);
    }

    @Test
    void unsupportedRequests_areRefusedWithAnOperationOutcome() {
        VigilClient.Response sync = clinician.get("/fhir/Patient/$export");
        assertThat(sync.status()).isEqualTo(400);
        assertThat(sync.json().at("/resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(sync.body()).contains("VIGIL-1840", "respond-async");
        for (String query : List.of("_type=Encounter", "_outputFormat=text/csv", "_since=yesterday", "_typeFilter=x")) {
            VigilClient.Response refused = clinician.getWithHeader("/fhir/Patient/$export?" + query, "Prefer", ASYNC);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.body()).as(query).contains("VIGIL-1840");
        }
    }

    @Test
    void group_readsAsTheUnitsVisiblePatients() {
        VigilClient.Response read = clinician.get("/fhir/Group/" + unit);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        Group group = FhirJson.parse(Group.class, read.body());
        assertThat(OfflineValidator.errors(group)).isEmpty();
        assertThat(group.getMember()).extracting(m -> m.getEntity().getReference())
                .containsExactlyInAnyOrder("Patient/" + p1, "Patient/" + p2);
        assertThat(clinician.get("/fhir/Group/" + otherUnit).status()).isEqualTo(404);
        assertThat(caregiver.get("/fhir/Group/" + unit).status()).isEqualTo(403);
    }

    /** Kicks off, waits for the manifest, downloads every file: resources by type. */
    private Map<String, List<IBaseResource>> exportAll(VigilClient caller, String kickOff) {
        JsonNode manifest = manifest(caller, kickOff(caller, kickOff));
        assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
        assertThat(manifest.get("request").asText()).contains("export");
        assertThat(manifest.get("error")).isEmpty();
        Map<String, List<IBaseResource>> files = new HashMap<>();
        for (JsonNode output : manifest.get("output")) {
            VigilClient.Response file = caller.get(path(output.get("url").asText()));
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.contentType()).startsWith("application/fhir+ndjson");
            List<IBaseResource> resources = new ArrayList<>();
            for (String line : file.body().split("\n")) {
                IBaseResource resource = FhirJson.parser().parseResource(line);
                assertThat(resource.fhirType()).isEqualTo(output.get("type").asText());
                resources.add(resource);
            }
            assertThat(resources).hasSize(output.get("count").asInt());
            files.put(output.get("type").asText(), resources);
        }
        return files;
    }

    private static String kickOff(VigilClient caller, String path) {
        VigilClient.Response accepted = caller.getWithHeader(path, "Prefer", ASYNC);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.header("Content-Location").getFirst();
    }

    private static JsonNode manifest(VigilClient caller, String statusUrl) {
        AtomicReference<VigilClient.Response> done = new AtomicReference<>();
        Awaitility.await("the export").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            VigilClient.Response status = caller.get(path(statusUrl));
            if (status.status() == 202) {
                assertThat(status.header("X-Progress")).isNotEmpty();
                return false;
            }
            done.set(status);
            return true;
        });
        assertThat(done.get().status()).as(done.get().body()).isEqualTo(200);
        assertThat(done.get().contentType()).startsWith("application/json");
        return done.get().json();
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static Set<String> ids(List<IBaseResource> resources) {
        Set<String> ids = new HashSet<>();
        resources.forEach(r -> ids.add(r.getIdElement().getIdPart()));
        return ids;
    }

    private void user(String username, String role) {
        VigilClient.Response created = admin.post("/api/v1/users", Map.of("username", username, "displayName", username,
                "password", WardFixture.PASSWORD, "roles", List.of(role)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** {@code count} minutes of heart rate, SpO2 and blood pressure from {@code t0}. */
    private void send(String device, String secret, Instant t0, int count) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ", ").append("{\"time\": \"").append(t0.plusSeconds(60L * i))
                    .append("\", \"values\": {\"heart-rate\": ").append(70 + i % 5).append(", \"spo2\": 97, ")
                    .append("\"blood-pressure\": {\"systolic\": 120, \"diastolic\": 80, \"mean\": 93}}}");
        }
        VigilClient.Response stored = VigilClient.device(httpPort, secret)
                .post("/api/v1/devices/" + device + "/measurements", body.append("]").toString());
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    }
}
