package io.vigil.server.fhir;

import io.vigil.fhir.PatientMapper;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.fhir.FhirJson;
import io.vigil.fhir.OfflineValidator;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who sees what over /fhir, as a table: each caller (one per role, with its care teams and shares) × each resource
 * type and interaction × patients on the caller's own unit, another unit and no unit. Every row states the exact set
 * the caller must see; reads outside it must answer 404 exactly like an unknown id, searches must leave it out of
 * their entries, totals, counts and pages, and a role that may not use a resource type at all gets 403.
 *
 * <p>Everything is set up through the public REST API as an administrator: users, care teams, patients, devices,
 * assignments, a share; readings go through the real device endpoint. Subclasses pick the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        "vigil.access.break-glass-for=PT8S"})
abstract class FhirAccessMatrix {
    private static final String PASSWORD = "matrix-secret-4711";
    /** A user name FHIR cannot carry as an id ({@code @}, {@code _}). */
    private static final String ODD_NAME = "olga_odd@ward.example";
    private static final Set<String> EVERY_TYPE = Set.of("Patient", "Observation", "RiskAssessment", "Goal", "Device",
            "Practitioner", "CareTeam");
    private static final Set<String> ADMIN_TYPES = Set.of("Patient", "Device", "Practitioner", "CareTeam");
    private static final Set<String> CAREGIVER_TYPES = Set.of("Patient", "Observation", "RiskAssessment", "Goal");

    /**
     * One caller and exactly what it may see.
     *
     * @param registrations patients whose Patient resource it reads
     * @param clinical      patients whose Observations and RiskAssessment it reads
     * @param unattributed  whether it reads Observations that belong to no patient
     * @param types         the resource types it may use at all (others: 403)
     */
    record Caller(String username, FhirClient client, Set<String> registrations, Set<String> clinical, boolean unattributed,
                  Set<String> types) {
        @Override
        public String toString() {
            return username;
        }
    }

    @LocalServerPort
    int httpPort;

    private VigilClient admin;
    /** ward-a, home, no unit. */
    private String p1;
    private String p2;
    private String p3;
    /** Observation ids by patient id; the unattributed device's under {@code null}. */
    private final Map<String, List<String>> readings = new LinkedHashMap<>();
    private final List<String> devices = new ArrayList<>();
    private final List<Caller> callers = new ArrayList<>();
    private Caller breakGlassClinician;

    @BeforeAll
    void setUpWardsUsersAndReadings() {
        admin = VigilClient.user(httpPort, "admin", WardFixture.PASSWORD);
        p1 = patient("ward-a");
        p2 = patient("home");
        p3 = patient(null);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);
        for (String patient : new String[] {p1, p2, p3, null}) {
            readings.put(patient, monitorWithReadings(patient, t0));
        }

        user("m-admin", "Ada Admin", "admin");
        user("m-clin-a", "Ana Ward", "clinician");
        user("m-clin-h", "Hugo Home", "clinician");
        user("m-clin-bg", "Bea Glass", "clinician");
        user("m-carer", "Cara Giver", "caregiver");
        user("m-carer-none", "Carl Nobody", "caregiver");
        user("m-integ", "Interface Engine", "integration");
        user(ODD_NAME, "Olga Odd", "clinician");
        team("m-team-a", "Matrix ward A", "ward-a", "m-clin-a", "m-integ");
        team("m-team-h", "Matrix home", "home", "m-clin-h");
        VigilClient.Response shared = admin.put("/api/v1/patients/" + p1 + "/shares/m-carer", Map.of());
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        overrideSpo2Low("m-clin-a", p1);
        overrideSpo2Low("m-clin-h", p2);

        Set<String> all = Set.of(p1, p2, p3);
        callers.add(caller("m-admin", all, Set.of(), false, ADMIN_TYPES));
        callers.add(caller("m-clin-a", Set.of(p1), Set.of(p1), true, EVERY_TYPE));
        callers.add(caller("m-clin-h", Set.of(p2), Set.of(p2), true, EVERY_TYPE));
        callers.add(caller("m-carer", Set.of(p1), Set.of(p1), false, CAREGIVER_TYPES));
        callers.add(caller("m-carer-none", Set.of(), Set.of(), false, CAREGIVER_TYPES));
        callers.add(caller("m-integ", Set.of(p1), Set.of(p1), false, EVERY_TYPE));
        breakGlassClinician = caller("m-clin-bg", Set.of(), Set.of(), true, EVERY_TYPE);
        callers.add(breakGlassClinician);
    }

    @Test
    void patient_readAndSearch_showExactlyTheCallersPatients() {
        SoftAssertions soft = new SoftAssertions();
        for (Caller caller : callers) {
            for (String patient : List.of(p1, p2, p3)) {
                expectRead(soft, caller, "Patient", patient, caller.registrations().contains(patient));
            }
            expectSearch(soft, caller, "Patient", "Patient?_count=1000", caller.registrations());
            expectSearch(soft, caller, "Patient", "Patient?_id=" + p2, intersect(caller.registrations(), Set.of(p2)));
            expectSearch(soft, caller, "Patient", "Patient?family=Matrix", caller.registrations());
        }
        soft.assertAll();
    }

    @Test
    void observation_readAndSearchByPatient_showOnlyReadingsOfVisiblePatients() {
        SoftAssertions soft = new SoftAssertions();
        for (Caller caller : callers) {
            readings.forEach((patient, ids) -> ids.forEach(id ->
                    expectRead(soft, caller, "Observation", id, visibleReadings(caller).contains(id))));
            for (String patient : List.of(p1, p2, p3)) {
                Set<String> expected = caller.clinical().contains(patient) ? Set.copyOf(readings.get(patient)) : Set.of();
                expectSearch(soft, caller, "Observation", "Observation?patient=" + patient, expected);
                expectSearch(soft, caller, "Observation", "Observation/$lastn?max=10&patient=" + patient, expected);
            }
            String unattributedDevice = devices.getLast();
            expectSearch(soft, caller, "Observation", "Observation?device=" + unattributedDevice,
                    caller.unattributed() ? Set.copyOf(readings.get(null)) : Set.of());
        }
        soft.assertAll();
    }

    @Test
    void observation_searchWithoutPatient_totalCountAndPagesAgree() {
        SoftAssertions soft = new SoftAssertions();
        for (Caller caller : callers) {
            Set<String> visible = visibleReadings(caller);
            expectSearch(soft, caller, "Observation", "Observation?_count=1000", visible);
            expectSearch(soft, caller, "Observation", "Observation?code=8867-4", visible); // every reading is a heart rate
            if (!caller.types().contains("Observation")) {
                continue;
            }
            Bundle count = FhirWard.search(caller.client(), "Observation?_summary=count");
            soft.assertThat(count.getTotal()).as(caller + " _summary=count").isEqualTo(visible.size());
            soft.assertThat(count.getEntry()).as(caller + " _summary=count has no entries").isEmpty();

            List<String> paged = new ArrayList<>();
            Bundle page = FhirWard.search(caller.client(), "Observation?_count=1");
            for (int pages = 0; pages <= visible.size() + 1; pages++) {
                soft.assertThat(page.getTotal()).as(caller + " total on page " + pages).isEqualTo(visible.size());
                paged.addAll(FhirWard.ids(page));
                if (page.getLink(Bundle.LINK_NEXT) == null) {
                    break;
                }
                page = FhirWard.search(caller.client(), page.getLink(Bundle.LINK_NEXT).getUrl());
            }
            soft.assertThat(paged).as(caller + " following next links, each reading once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(visible);
        }
        soft.assertAll();
    }

    @Test
    void riskAssessment_onlyForPatientsWhoseClinicalDataTheCallerSees() {
        SoftAssertions soft = new SoftAssertions();
        for (Caller caller : callers) {
            for (String patient : List.of(p1, p2, p3)) {
                boolean visible = caller.clinical().contains(patient);
                expectRead(soft, caller, "RiskAssessment", "news2-" + patient, visible);
                expectSearch(soft, caller, "RiskAssessment", "RiskAssessment?patient=" + patient,
                        visible ? Set.of("news2-" + patient) : Set.of());
            }
        }
        soft.assertAll();
    }

    @Test
    void goal_limitOverridesOnlyForPatientsWhoseClinicalDataTheCallerSees() {
        SoftAssertions soft = new SoftAssertions();
        for (Caller caller : callers) {
            for (String patient : List.of(p1, p2)) {
                boolean visible = caller.clinical().contains(patient);
                String goal = "limit-" + patient + ".spo2-low";
                expectRead(soft, caller, "Goal", goal, visible);
                expectSearch(soft, caller, "Goal", "Goal?patient=" + patient, visible ? Set.of(goal) : Set.of());
            }
            expectSearch(soft, caller, "Goal", "Goal?subject=Patient/" + p3, Set.of());
        }
        soft.assertAll();
    }

    @Test
    void device_staffOnly_andCarriesNoPatient() {
        SoftAssertions soft = new SoftAssertions();
        for (Caller caller : callers) {
            for (String device : devices) {
                expectRead(soft, caller, "Device", device, true);
            }
            expectSearch(soft, caller, "Device", "Device?_count=1000", Set.copyOf(devices));
        }
        HttpResponse<String> device = callers.getFirst().client().get("/fhir/Device/" + devices.getFirst());
        assertThat(device.body()).as("a Device names no patient: nothing to leak").doesNotContain("Patient");
        soft.assertAll();
    }

    @Test
    void practitioner_isEveryClinician_withTheUserNameAsIdentifier_andNothingElse() {
        VigilClient.Response users = admin.get("/api/v1/users");
        Set<String> clinicians = new HashSet<>();
        users.json().forEach(u -> u.get("roles").forEach(r -> {
            if (r.asText().equals("clinician")) {
                clinicians.add(u.get("username").asText());
            }
        }));
        assertThat(clinicians).contains("m-clin-a", "m-clin-h", "m-clin-bg").doesNotContain("m-admin", "m-integ", "m-carer");

        SoftAssertions soft = new SoftAssertions();
        for (Caller caller : callers) {
            expectSearch(soft, caller, "Practitioner", "Practitioner", clinicians);
            expectSearch(soft, caller, "Practitioner", "Practitioner?name=hug", Set.of("m-clin-h"));
            expectSearch(soft, caller, "Practitioner", "Practitioner?identifier=" + Practitioners.USERNAME_SYSTEM + "|m-clin-a",
                    Set.of("m-clin-a"));
            expectSearch(soft, caller, "Practitioner", "Practitioner?identifier=m-integ", Set.of());
            expectRead(soft, caller, "Practitioner", "m-clin-a", true);
            expectRead(soft, caller, "Practitioner", "m-admin", false);
        }
        soft.assertAll();

        Practitioner odd = (Practitioner) FhirWard.search(callers.getFirst().client(), "Practitioner?identifier=" + ODD_NAME)
                .getEntryFirstRep().getResource();
        assertThat(odd.getIdElement().getIdPart()).as("a valid FHIR id for " + ODD_NAME).matches("-[0-9a-f]{40}");
        assertThat(FhirWard.read(callers.getFirst().client(), Practitioner.class, "Practitioner/" + odd.getIdElement().getIdPart())
                .getIdentifierFirstRep().getValue()).isEqualTo(ODD_NAME);
        assertThat(OfflineValidator.errors(odd)).isEmpty();

        HttpResponse<String> read = callers.getFirst().client().get("/fhir/Practitioner/m-clin-a");
        Practitioner practitioner = FhirJson.parse(Practitioner.class, read.body());
        assertThat(OfflineValidator.errors(practitioner)).isEmpty();
        assertThat(practitioner.getIdentifierFirstRep().getSystem()).isEqualTo(Practitioners.USERNAME_SYSTEM);
        assertThat(practitioner.getIdentifierFirstRep().getValue()).isEqualTo("m-clin-a");
        assertThat(practitioner.getNameFirstRep().getText()).isEqualTo("Ana Ward");
        assertThat(practitioner.getActive()).isTrue();
        assertThat(read.body()).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("argon");
    }

    @Test
    void careTeam_membersAreTheirPractitioners_unitsTheirManagingOrganizations() {
        VigilClient.Response teams = admin.get("/api/v1/care-teams");
        Set<String> all = new HashSet<>();
        Set<String> home = new HashSet<>();
        teams.json().forEach(t -> {
            all.add(t.get("id").asText());
            t.get("units").forEach(u -> {
                if (u.asText().equals("home")) {
                    home.add(t.get("id").asText());
                }
            });
        });
        assertThat(all).contains("m-team-a", "m-team-h");
        assertThat(home).contains("m-team-h").doesNotContain("m-team-a");

        SoftAssertions soft = new SoftAssertions();
        for (Caller caller : callers) {
            expectSearch(soft, caller, "CareTeam", "CareTeam", all);
            expectSearch(soft, caller, "CareTeam", "CareTeam?unit=home", home);
            expectSearch(soft, caller, "CareTeam", "CareTeam?unit=" + PatientMapper.CARE_UNIT_SYSTEM + "|home", home);
            expectSearch(soft, caller, "CareTeam", "CareTeam?participant=Practitioner/m-clin-a", Set.of("m-team-a"));
            expectSearch(soft, caller, "CareTeam", "CareTeam?participant=m-integ", Set.of());
            expectRead(soft, caller, "CareTeam", "m-team-a", true);
            expectRead(soft, caller, "CareTeam", "no-such-team", false);
        }
        soft.assertAll();

        CareTeam team = FhirWard.read(callers.getFirst().client(), CareTeam.class, "CareTeam/m-team-a");
        assertThat(OfflineValidator.errors(team)).isEmpty();
        assertThat(team.getName()).isEqualTo("Matrix ward A");
        assertThat(team.getParticipant()).as("the integration account is a member but no practitioner")
                .extracting(p -> p.getMember().getReference()).containsExactly("Practitioner/m-clin-a");
        assertThat(team.getManagingOrganization()).extracting(r -> r.getIdentifier().getSystem() + "|" + r.getIdentifier().getValue())
                .containsExactly(PatientMapper.CARE_UNIT_SYSTEM + "|ward-a");
    }

    @Test
    void createPatient_adminsAndCliniciansOnly() {
        // A Patient without its MRN: a caller allowed to admit gets as far as validation (422) and nothing is stored.
        String noMrn = "{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"Nobody\"}]}";
        Set<String> admitting = Set.of("m-admin", "m-clin-a", "m-clin-h", "m-clin-bg");
        SoftAssertions soft = new SoftAssertions();
        for (Caller caller : callers) {
            boolean mayAdmit = admitting.contains(caller.username());
            HttpResponse<String> response = caller.client().post("/fhir/Patient", noMrn);
            soft.assertThat(response.statusCode()).as(caller + " POST /fhir/Patient → " + response.body())
                    .isEqualTo(mayAdmit ? 422 : 403);
        }
        soft.assertAll();
    }

    @Test
    void invisiblePatient_answersTheSame404AsAnUnknownOne() {
        Caller clinician = caller("m-clin-a");
        for (String type : List.of("Patient", "RiskAssessment")) {
            String hidden = (type.equals("Patient") ? "" : "news2-") + p2;
            String unknown = (type.equals("Patient") ? "" : "news2-") + "00000000-0000-0000-0000-000000000000";
            assertSameRefusal(clinician.client().get("/fhir/" + type + "/" + hidden), hidden,
                    clinician.client().get("/fhir/" + type + "/" + unknown), unknown);
        }
        String hiddenReading = readings.get(p2).getFirst();
        assertSameRefusal(clinician.client().get("/fhir/Observation/" + hiddenReading), hiddenReading,
                clinician.client().get("/fhir/Observation/999999999"), "999999999");
    }

    @Test
    void include_isRefused_soItCannotLeakAPatient() {
        for (String query : List.of("Observation?_include=Observation:patient", "Patient?_revinclude=Observation:patient",
                "Observation?patient.name=Matrix")) {
            HttpResponse<String> response = caller("m-clin-a").client().get("/fhir/" + query);
            assertThat(response.statusCode()).as(query + " → " + response.body()).isEqualTo(400);
            assertThat(response.body()).contains("VIGIL-1201").doesNotContain(p2).doesNotContain(p3);
        }
    }

    @Test
    void breakGlass_opensThePatientToTheClinician_untilItExpires() throws InterruptedException {
        Caller clinician = breakGlassClinician;
        expectRead(null, clinician, "Patient", p3, false);
        VigilClient.Response opened = VigilClient.user(httpPort, clinician.username(), PASSWORD)
                .post("/api/v1/patients/" + p3 + "/break-glass", Map.of("reason", "Rapid response call, patient unknown to team"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        Instant expires = Instant.parse(opened.json().get("expiresAt").asText());

        Caller opening = new Caller(clinician.username(), clinician.client(), Set.of(p3), Set.of(p3), true, EVERY_TYPE);
        try {
            SoftAssertions open = new SoftAssertions();
            expectRead(open, opening, "Patient", p3, true);
            expectSearch(open, opening, "Patient", "Patient?_count=1000", Set.of(p3));
            expectSearch(open, opening, "Observation", "Observation?patient=" + p3, Set.copyOf(readings.get(p3)));
            open.assertThat(FhirWard.search(opening.client(), "Observation?_summary=count").getTotal())
                    .as("_summary=count with the grant").isEqualTo(readings.get(p3).size() + readings.get(null).size());
            expectRead(open, opening, "RiskAssessment", "news2-" + p3, true);
            expectRead(open, opening, "Patient", p2, false);
            assertThat(Instant.now()).as("checked while the grant was open (vigil.access.break-glass-for)").isBefore(expires);
            open.assertAll();
        } finally {
            // The other tests share this clinician: whatever happened above, leave only once the grant is over.
            while (Instant.now().isBefore(expires.plusMillis(200))) {
                Thread.sleep(Math.max(50, Duration.between(Instant.now(), expires).toMillis() + 250));
            }
        }

        SoftAssertions expired = new SoftAssertions();
        expectRead(expired, clinician, "Patient", p3, false);
        expectSearch(expired, clinician, "Observation", "Observation?patient=" + p3, Set.of());
        expectSearch(expired, clinician, "Patient", "Patient", Set.of());
        expired.assertAll();
    }

    private void overrideSpo2Low(String clinician, String patient) {
        VigilClient.Response set = VigilClient.user(httpPort, clinician, PASSWORD)
                .put("/api/v1/patients/" + patient + "/limits/spo2-low", Map.of("threshold", 88));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    // ---- expectations ----

    /** A read: 200 when visible, else 404 (VIGIL-1202); 403 (VIGIL-1111) when the role may not use the type. */
    private void expectRead(SoftAssertions soft, Caller caller, String type, String id, boolean visible) {
        HttpResponse<String> response = caller.client().get("/fhir/" + type + "/" + id);
        int expected = !caller.types().contains(type) ? 403 : visible ? 200 : 404;
        String what = caller + " reads " + type + "/" + id + " → " + response.body();
        if (soft == null) {
            assertThat(response.statusCode()).as(what).isEqualTo(expected);
            return;
        }
        soft.assertThat(response.statusCode()).as(what).isEqualTo(expected);
        if (expected != 200 && response.statusCode() == expected) {
            soft.assertThat(errorCode(response)).as(what).isEqualTo(expected == 403 ? "VIGIL-1111" : "VIGIL-1202");
        }
    }

    /** A search: exactly these ids (Practitioner and CareTeam by identifier value) and a matching total; or 403. */
    private void expectSearch(SoftAssertions soft, Caller caller, String type, String query, Set<String> expected) {
        HttpResponse<String> response = caller.client().get("/fhir/" + query);
        String what = caller + " searches " + query + " → " + response.body();
        if (!caller.types().contains(type)) {
            soft.assertThat(response.statusCode()).as(what).isEqualTo(403);
            soft.assertThat(errorCode(response)).as(what).isEqualTo("VIGIL-1111");
            return;
        }
        soft.assertThat(response.statusCode()).as(what).isEqualTo(200);
        if (response.statusCode() != 200) {
            return;
        }
        Bundle bundle = FhirJson.parse(Bundle.class, response.body());
        List<String> found = bundle.getEntry().stream().map(e -> e.getResource() instanceof Practitioner p
                ? p.getIdentifierFirstRep().getValue() : e.getResource() instanceof CareTeam t
                ? t.getIdentifierFirstRep().getValue() : e.getResource().getIdElement().getIdPart()).toList();
        soft.assertThat(found).as(what).containsExactlyInAnyOrderElementsOf(expected);
        if (!query.contains("$lastn")) {
            soft.assertThat(bundle.getTotal()).as(caller + " total of " + query).isEqualTo(expected.size());
        }
    }

    /** Two refusals that differ in nothing but the id they name. */
    private static void assertSameRefusal(HttpResponse<String> hidden, String hiddenId, HttpResponse<String> unknown, String unknownId) {
        assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(404);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(hidden.headers().firstValue("Content-Type")).isEqualTo(unknown.headers().firstValue("Content-Type"));
        assertThat(hidden.body().replace(hiddenId, "{id}")).isEqualTo(unknown.body().replace(unknownId, "{id}"));
    }

    private static String errorCode(HttpResponse<String> response) {
        OperationOutcome outcome = FhirJson.parse(OperationOutcome.class, response.body());
        return outcome.getIssueFirstRep().getDetails().getCoding().stream()
                .filter(c -> "https://vigil.io/errors".equals(c.getSystem())).map(c -> c.getCode()).findFirst().orElse(null);
    }

    private Set<String> visibleReadings(Caller caller) {
        return readings.entrySet().stream()
                .filter(e -> e.getKey() == null ? caller.unattributed() : caller.clinical().contains(e.getKey()))
                .flatMap(e -> e.getValue().stream()).collect(Collectors.toSet());
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        return a.stream().filter(b::contains).collect(Collectors.toSet());
    }

    private Caller caller(String username) {
        return callers.stream().filter(c -> c.username().equals(username)).findFirst().orElseThrow();
    }

    // ---- set-up through the REST API ----

    private Caller caller(String username, Set<String> registrations, Set<String> clinical, boolean unattributed, Set<String> types) {
        return new Caller(username, FhirClient.user(httpPort, username, PASSWORD), registrations, clinical, unattributed, types);
    }

    private void user(String username, String displayName, String role) {
        VigilClient.Response created = admin.post("/api/v1/users", Map.of("username", username, "displayName", displayName,
                "password", PASSWORD, "roles", List.of(role)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private void team(String id, String name, String unit, String... members) {
        VigilClient.Response created = admin.post("/api/v1/care-teams", Map.of("id", id, "name", name, "units", List.of(unit),
                "members", List.of(members)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private String patient(String unit) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("mrn", "MX-" + (unit == null ? "none" : unit),
                "name", Map.of("given", "Test", "family", "Matrix-" + (unit == null ? "none" : unit)),
                "birthDate", "1950-01-01", "sex", "female"));
        if (unit != null) {
            body.put("unit", unit);
        }
        VigilClient.Response created = admin.post("/api/v1/patients", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** A monitor (assigned to the patient, or to nobody) that sends two heart rates; returns their ids. */
    private List<String> monitorWithReadings(String patient, Instant t0) {
        String device = "mx-" + (devices.size() + 1);
        VigilClient.Response registered = admin.post("/api/v1/devices", Map.of("id", device, "type", "vital-signs-monitor",
                "manufacturer", "Acme", "model", "X1", "serial", "SN-" + device));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        devices.add(device);
        if (patient != null) {
            VigilClient.Response assigned = admin.post("/api/v1/devices/" + device + "/assignments",
                    Map.of("patient", patient, "start", t0.minus(1, ChronoUnit.DAYS).toString()));
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
        }
        String body = Stream.of(0, 1).map(i -> "{\"time\": \"" + t0.plusSeconds(60L * i) + "\", \"values\": {\"heart-rate\": " + (70 + i) + "}}")
                .collect(Collectors.joining(", ", "[", "]"));
        VigilClient.Response stored = VigilClient.device(httpPort, registered.json().get("secret").asText())
                .post("/api/v1/devices/" + device + "/measurements", body);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        stored.json().get("observations").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
