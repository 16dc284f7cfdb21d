package io.vigil.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.fhir.FhirJson;
import io.vigil.fhir.OfflineValidator;
import io.vigil.server.WardFixture;
import io.vigil.server.audit.AuditEvent.Outcome;
import io.vigil.server.audit.AuditTrail;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit trail as FHIR AuditEvents through the real HTTP surface: events made by real requests (and, for exact
 * times, appended to the real trail), searched and read back over /fhir by an administrator, each validated with
 * HAPI's offline validator against R4. Subclasses pick H2 or PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
abstract class AuditEventContract {
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

    @LocalServerPort
    int httpPort;
    @Autowired
    AuditTrail trail;

    FhirClient admin;
    FhirClient clinician;
    String patient;

    @BeforeEach
    void admitPatient() {
        admin = FhirClient.user(httpPort, "admin", WardFixture.PASSWORD);
        clinician = FhirClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        patient = new WardFixture(httpPort).patient("ward-a");
    }

    @Test
    void patientRead_isAnAuditEventInBalpShape_thatValidates() {
        assertThat(clinician.get("/fhir/Patient/" + patient).statusCode()).isEqualTo(200);

        AuditEvent read = awaitOne("/fhir/AuditEvent?patient=Patient/" + patient + "&agent=clinician&subtype=read");

        assertThat(OfflineValidator.errors(read)).isEmpty();
        assertThat(read.getType().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type");
        assertThat(read.getType().getCode()).isEqualTo("rest");
        assertThat(read.getSubtype()).extracting(Coding::getSystem, Coding::getCode).contains(
                org.assertj.core.groups.Tuple.tuple("http://hl7.org/fhir/restful-interaction", "read"),
                org.assertj.core.groups.Tuple.tuple("https://vigil.io/audit-action", "patient.read"));
        assertThat(read.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(read.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(read.getRecorded()).isNotNull();
        AuditEvent.AuditEventAgentComponent requestor = read.getAgent().stream()
                .filter(AuditEvent.AuditEventAgentComponent::getRequestor).findFirst().orElseThrow();
        assertThat(requestor.getWho().getIdentifier().getValue()).isEqualTo("clinician");
        assertThat(requestor.getRole()).extracting(r -> r.getCodingFirstRep().getCode()).containsExactly("clinician");
        assertThat(requestor.getNetwork().getAddress()).isEqualTo("127.0.0.1");
        assertThat(read.getEntity()).anySatisfy(e -> {
            assertThat(e.getWhat().getReference()).isEqualTo("Patient/" + patient);
            assertThat(e.getRole().getCode()).isEqualTo("1");
            assertThat(e.getType().getCode()).isEqualTo("1");
        });
        assertThat(read.getExtensionByUrl(AuditEventMapper.SEVERITY_EXTENSION).getValue().primitiveValue()).isEqualTo("low");
    }

    @Test
    void search_isRecordedWithItsQuery_parameterNamesOnly() {
        String family = "Query-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(clinician.get("/fhir/Patient?family=" + family).statusCode()).isEqualTo(200);

        List<AuditEvent> searches = Awaitility.await().atMost(SETTLE).until(() -> events(
                "/fhir/AuditEvent?agent=clinician&subtype=https://vigil.io/audit-action|patient.search&_count=5"),
                list -> !list.isEmpty());

        AuditEvent search = searches.getFirst();
        assertThat(OfflineValidator.errors(search)).isEmpty();
        assertThat(search.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        AuditEvent.AuditEventEntityComponent query = search.getEntity().stream()
                .filter(e -> "24".equals(e.getRole().getCode())).findFirst().orElseThrow();
        assertThat(new String(query.getQuery(), StandardCharsets.UTF_8)).isEqualTo("GET /fhir/Patient?family");
        assertThat(FhirJson.context().newJsonParser().encodeResourceToString(search)).doesNotContain(family);
    }

    @Test
    void failedLogin_isUserAuthenticationLogin_minorFailure_foundByType() {
        String intruder = "mallory-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(FhirClient.user(httpPort, intruder, "guess").get("/fhir/Patient/" + patient).statusCode()).isEqualTo(401);

        AuditEvent login = awaitOne("/fhir/AuditEvent?agent=" + intruder + "&type=" + DCM + "|110114");

        assertThat(OfflineValidator.errors(login)).isEmpty();
        assertThat(login.getSubtype()).extracting(Coding::getCode).contains("110122");
        assertThat(login.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(events("/fhir/AuditEvent?agent=" + intruder + "&type=rest")).isEmpty();
        assertThat(events("/fhir/AuditEvent?agent=" + intruder + "&subtype=" + DCM + "|110123")).isEmpty();
    }

    @Test
    void everyKindOfEvent_validates() throws Exception {
        new WardFixture(httpPort).device("balp-" + UUID.randomUUID().toString().substring(0, 8), "pulse-oximeter");
        io.vigil.server.web.FormLogin browser = new io.vigil.server.web.FormLogin(httpPort).logIn("clinician", WardFixture.PASSWORD);
        browser.client().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
                + "/?unit=ward-a")).GET().build(), HttpResponse.BodyHandlers.discarding());
        browser.logOut();
        assertThat(FhirClient.user(httpPort, "nobody-" + UUID.randomUUID(), "x").get("/fhir/Patient").statusCode()).isEqualTo(401);
        assertThat(clinician.get("/fhir/Observation?patient=" + patient).statusCode()).isEqualTo(200);
        assertThat(FhirClient.user(httpPort, "caregiver", WardFixture.PASSWORD).get("/fhir/AuditEvent").statusCode()).isEqualTo(403);

        List<AuditEvent> events = Awaitility.await().atMost(SETTLE).until(() -> events("/fhir/AuditEvent?_count=200"),
                list -> list.stream().map(e -> e.getSubtype().getLast().getCode()).toList()
                        .containsAll(List.of("device.register", "page.view", "logout", "login.succeeded", "login.failed")));

        Set<String> kinds = new HashSet<>();
        for (AuditEvent event : events) {
            String kind = event.getSubtype().getLast().getCode() + "/" + event.getOutcome().toCode();
            if (kinds.add(kind)) {
                assertThat(OfflineValidator.errors(event)).as(kind).isEmpty();
            }
        }
        assertThat(kinds).contains("page.view/0", "logout/0", "login.failed/4", "auditevent.search/4", "device.register/0");
    }

    @Test
    void dateRange_geAndLe_findExactlyTheEventsInside() {
        String actor = "range-" + UUID.randomUUID().toString().substring(0, 6);
        // le with a time to the second takes that whole second (FHIR's ranges follow the value's precision).
        for (String time : List.of("2020-03-01T09:59:59.999Z", "2020-03-01T10:00:00Z", "2020-03-01T11:00:00.500Z",
                "2020-03-01T11:00:01Z")) {
            trail.record(new io.vigil.server.audit.AuditEvent(Instant.parse(time), actor, "clinician", "patient.read",
                    "patient", patient, patient, Outcome.SUCCESS, "127.0.0.1", "GET /api/v1/patients/{id}"));
        }

        List<AuditEvent> inside = events("/fhir/AuditEvent?agent=" + actor
                + "&date=ge2020-03-01T10:00:00Z&date=le2020-03-01T11:00:00Z");

        assertThat(inside).extracting(e -> e.getRecorded().toInstant().toString())
                .containsExactly("2020-03-01T11:00:00.500Z", "2020-03-01T10:00:00Z");
        assertThat(events("/fhir/AuditEvent?agent=" + actor + "&date=2020-03-01")).hasSize(4);
        assertThat(events("/fhir/AuditEvent?agent=" + actor + "&date=lt2020-03-01T10:00:00Z")).hasSize(1);
    }

    @Test
    void paging_countAndNextLinks_walkEveryEventOnce() {
        String actor = "pager-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            trail.record(new io.vigil.server.audit.AuditEvent(Instant.now(), actor, "clinician", "patient.read",
                    "patient", patient, patient, Outcome.SUCCESS, "127.0.0.1", "GET /api/v1/patients/{id}"));
        }

        Bundle first = bundle("/fhir/AuditEvent?agent=" + actor + "&_count=2");
        assertThat(first.getTotal()).isEqualTo(5);
        Set<String> seen = new HashSet<>();
        int pages = 0;
        for (Bundle page = first; page != null; page = page.getLink("next") == null ? null : bundle(page.getLink("next").getUrl())) {
            page.getEntry().forEach(e -> assertThat(seen.add(e.getResource().getIdElement().getIdPart())).isTrue());
            assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(2);
            pages++;
        }
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void readById_validates_unknownAndMalformedIdsAre404() {
        assertThat(clinician.get("/fhir/Patient/" + patient).statusCode()).isEqualTo(200);
        AuditEvent found = awaitOne("/fhir/AuditEvent?patient=" + patient + "&agent=clinician");

        HttpResponse<String> read = admin.get("/fhir/AuditEvent/" + found.getIdElement().getIdPart());

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        AuditEvent parsed = FhirJson.context().newJsonParser().parseResource(AuditEvent.class, read.body());
        assertThat(OfflineValidator.errors(parsed)).isEmpty();
        assertThat(parsed.getIdElement().getIdPart()).isEqualTo(found.getIdElement().getIdPart());
        assertThat(admin.get("/fhir/AuditEvent/999999999").statusCode()).isEqualTo(404);
        assertThat(admin.get("/fhir/AuditEvent/not-a-number").statusCode()).isEqualTo(404);
    }

    @Test
    void clinicians_seeTheEventsOfTheirCareTeamsPatientsOnly_othersAreRefused() {
        String elsewhere = new WardFixture(httpPort).patient("icu-" + UUID.randomUUID().toString().substring(0, 6));
        assertThat(admin.get("/fhir/Patient/" + elsewhere).statusCode()).isEqualTo(200);
        assertThat(admin.get("/fhir/Patient/" + patient).statusCode()).isEqualTo(200);
        AuditEvent aboutElsewhere = awaitOne("/fhir/AuditEvent?patient=" + elsewhere + "&agent=admin&subtype=read");
        awaitOne("/fhir/AuditEvent?patient=" + patient + "&agent=admin&subtype=read");

        Bundle own = FhirJson.parse(Bundle.class, clinician.get("/fhir/AuditEvent?patient=" + patient + "&agent=admin").body());
        assertThat(own.getTotal()).isPositive();
        Bundle other = FhirJson.parse(Bundle.class, clinician.get("/fhir/AuditEvent?patient=" + elsewhere).body());
        assertThat(other.getTotal()).as("another unit's patient: nothing, not even a count").isZero();
        assertThat(other.getEntry()).isEmpty();
        Bundle everything = FhirJson.parse(Bundle.class, clinician.get("/fhir/AuditEvent?_count=1000").body());
        assertThat(everything.getEntry()).extracting(e -> ((AuditEvent) e.getResource()).getEntity().stream()
                        .filter(entity -> entity.getWhat().getReference() != null
                                && entity.getWhat().getReference().startsWith("Patient/"))
                        .map(entity -> entity.getWhat().getReference()).findFirst().orElse(null))
                .as("no event without a patient of the clinician's units").doesNotContainNull()
                .doesNotContain("Patient/" + elsewhere);
        assertThat(clinician.get("/fhir/AuditEvent/" + aboutElsewhere.getIdElement().getIdPart()).statusCode()).isEqualTo(404);

        assertThat(FhirClient.user(httpPort, "caregiver", WardFixture.PASSWORD).get("/fhir/AuditEvent").statusCode()).isEqualTo(403);
        assertThat(FhirClient.anonymous(httpPort).get("/fhir/AuditEvent").statusCode()).isEqualTo(401);
        assertThat(admin.get("/fhir/AuditEvent?entity-name=x").statusCode()).isEqualTo(400);
    }

    @Test
    void capabilityStatement_listsAuditEventWithItsSearches() {
        CapabilityStatement capability = FhirJson.context().newJsonParser().parseResource(CapabilityStatement.class,
                FhirClient.anonymous(httpPort).get("/fhir/metadata").body());

        assertThat(capability.getRestFirstRep().getResource()).filteredOn(r -> r.getType().equals("AuditEvent"))
                .singleElement().satisfies(r -> assertThat(r.getSearchParam()).extracting(p -> p.getName())
                        .contains("patient", "agent", "date", "type", "subtype"));
    }

    private AuditEvent awaitOne(String query) {
        return Awaitility.await().atMost(SETTLE).until(() -> events(query), list -> !list.isEmpty()).getFirst();
    }

    private List<AuditEvent> events(String query) {
        List<AuditEvent> events = new ArrayList<>();
        bundle(query).getEntry().forEach(e -> events.add((AuditEvent) e.getResource()));
        return events;
    }

    private Bundle bundle(String query) {
        HttpResponse<String> answer = admin.get(query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return FhirJson.context().newJsonParser().parseResource(Bundle.class, answer.body());
    }
}
