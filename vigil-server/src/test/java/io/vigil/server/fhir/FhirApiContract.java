package io.vigil.server.fhir;

import static io.vigil.server.fhir.FhirWard.ids;
import static io.vigil.server.fhir.FhirWard.observations;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.fhir.OfflineValidator;
import io.vigil.fhir.FhirJson;
import io.vigil.fhir.PatientMapper;
import io.vigil.fhir.ObservationMapper;
import io.vigil.model.MeasurementType;
import io.vigil.server.WardFixture;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The FHIR API contract through the real surfaces: readings sent to the device HTTP endpoint, read back over
 * /fhir with a plain HTTP client, every Observation validated offline with HAPI's validator. Each test has its own
 * patient and monitor. Subclasses pick H2 or PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
abstract class FhirApiContract {
    private static final String VITAL_SIGNS = "vital-signs";

    @LocalServerPort
    int httpPort;

    /** Readings start here, on whole seconds, a few hours back: all in the past, all inside the assignment. */
    Instant t0;
    FhirWard ward;

    @BeforeEach
    void admitPatientWithMonitor() {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.HOURS);
        ward = new FhirWard(httpPort, t0.minus(10, ChronoUnit.DAYS));
    }

    @Test
    void read_everyMeasurementType_servesAnObservationThatValidatesAgainstItsProfiles() {
        assertThat(FhirWard.TYPICAL_VALUES.keySet()).as("a value for every registered Observation type")
                .containsExactlyElementsOf(FhirWard.observationTypes().stream().map(MeasurementType::alias).toList());
        Map<String, String> ids = ward.everyType(t0);

        int minute = 0;
        for (MeasurementType type : FhirWard.observationTypes()) {
            Observation observation = ward.read(Observation.class, "Observation/" + ids.get(type.alias()));
            assertThat(OfflineValidator.errors(observation)).as(type.alias()).isEmpty();
            assertThat(observation.getCode().getCodingFirstRep().getCode()).as(type.alias()).isEqualTo(type.loinc().code());
            assertThat(observation.getSubject().getReference()).isEqualTo("Patient/" + ward.patient);
            assertThat(observation.getDevice().getReference()).isEqualTo("Device/" + ward.device);
            assertThat(observation.getEffectiveDateTimeType().getValue().toInstant()).isEqualTo(t0.plusSeconds(60L * minute++));
            if (type.profile() != null) {
                assertThat(observation.getMeta().getProfile()).anyMatch(p -> p.getValue().equals(type.profile()));
            }
        }
    }

    @Test
    void read_patientAndDevice_validate() {
        Patient patient = ward.read(Patient.class, "Patient/" + ward.patient);
        assertThat(OfflineValidator.errors(patient)).isEmpty();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("urn:vigil:mrn");

        Device device = ward.read(Device.class, "Device/" + ward.device);
        assertThat(OfflineValidator.errors(device)).isEmpty();
        assertThat(device.getSerialNumber()).isEqualTo("SN-" + ward.device);

        assertThat(ids(ward.search("Device?identifier=SN-" + ward.device))).containsExactly(ward.device);
        assertThat(ids(ward.search("Device?identifier=|SN-" + ward.device))).containsExactly(ward.device);
        assertThat(ward.search("Device?identifier=http://serials.example|SN-" + ward.device).getEntry()).isEmpty();
        assertThat(ids(ward.search("Device?_id=" + ward.device))).containsExactly(ward.device);
    }

    @Test
    void read_unknownIds_are404OperationOutcomesWithCode() {
        for (String path : List.of("Observation/999999999", "Observation/not-a-number", "Patient/nobody", "Device/nothing")) {
            HttpResponse<String> response = ward.clinician.get("/fhir/" + path);
            assertRefusal(response, 404, "VIGIL-1202");
        }
    }

    @Test
    void search_byPatient_findsAllOfThePatientsReadings_andNoOneElses() {
        Map<String, String> ids = ward.everyType(t0);
        FhirWard other = new FhirWard(httpPort, t0.minus(1, ChronoUnit.DAYS));
        other.everyType(t0);

        assertThat(ids(ward.search("Observation?patient=" + ward.patient))).containsExactlyInAnyOrderElementsOf(ids.values());
        assertThat(ids(ward.search("Observation?patient=Patient/" + ward.patient))).containsExactlyInAnyOrderElementsOf(ids.values());
        assertThat(ids(ward.search("Observation?subject=Patient/" + ward.patient))).containsExactlyInAnyOrderElementsOf(ids.values());
        assertThat(ward.search("Observation?patient=" + ward.patient).getTotal()).isEqualTo(ids.size());
        assertThat(ward.search("Observation?subject=Group/" + ward.patient).getEntry()).isEmpty();
        assertThat(ward.search("Observation?patient=" + ward.patient + "&subject=" + other.patient).getEntry()).isEmpty();
    }

    @Test
    void search_byCode_loincBareOrWithSystem_mdc_componentsAndCommaOr() {
        Map<String, String> ids = ward.everyType(t0);
        String patient = "Observation?patient=" + ward.patient;

        assertThat(ids(ward.search(patient + "&code=8867-4"))).containsExactly(ids.get("heart-rate"));
        assertThat(ids(ward.search(patient + "&code=http://loinc.org|8867-4"))).containsExactly(ids.get("heart-rate"));
        assertThat(ids(ward.search(patient + "&code=urn:iso:std:iso:11073:10101|150456"))).containsExactly(ids.get("spo2"));
        assertThat(ids(ward.search(patient + "&code=150456"))).containsExactly(ids.get("spo2"));
        assertThat(ids(ward.search(patient + "&code=59408-5"))).as("secondary LOINC code").containsExactly(ids.get("spo2"));
        assertThat(ids(ward.search(patient + "&code=8867-4,9279-1")))
                .containsExactlyInAnyOrder(ids.get("heart-rate"), ids.get("respiratory-rate"));
        assertThat(ids(ward.search(patient + "&code=8480-6"))).as("systolic finds the BP panel").containsExactly(ids.get("blood-pressure"));
        assertThat(ids(ward.search(patient + "&code=http://loinc.org|8462-4"))).containsExactly(ids.get("blood-pressure"));
        assertThat(ids(ward.search(patient + "&code=85354-9"))).containsExactly(ids.get("blood-pressure"));
        assertThat(ward.search(patient + "&code=http://loinc.org|150456").getEntry()).as("MDC code under LOINC").isEmpty();
        assertThat(ward.search(patient + "&code=8867-4&code=9279-1").getEntry()).as("two codes ANDed").isEmpty();
        assertThat(ward.search(patient + "&code=1234-5").getEntry()).isEmpty();
    }

    @Test
    void search_byCategory_followsTheMapper_vitalSignsOrLaboratory() {
        Map<String, String> ids = ward.everyType(t0);
        String patient = "Observation?patient=" + ward.patient;
        List<String> vital = FhirWard.observationTypes().stream().filter(MeasurementType::vitalSign).map(t -> ids.get(t.alias())).toList();
        List<String> laboratory = FhirWard.observationTypes().stream().filter(t -> !t.vitalSign()).map(t -> ids.get(t.alias())).toList();

        assertThat(ids(ward.search(patient + "&category=vital-signs"))).containsExactlyInAnyOrderElementsOf(vital);
        assertThat(ids(ward.search(patient + "&category=" + ObservationMapper.CATEGORY_SYSTEM + "|vital-signs")))
                .containsExactlyInAnyOrderElementsOf(vital);
        assertThat(ids(ward.search(patient + "&category=laboratory")))
                .contains(ids.get("blood-glucose"), ids.get("cgm-glucose"), ids.get("inr"))
                .containsExactlyInAnyOrderElementsOf(laboratory);
        assertThat(ward.search(patient + "&category=laboratory&code=8867-4").getEntry()).isEmpty();
        for (Observation o : observations(ward.search(patient + "&category=laboratory"))) {
            assertThat(o.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
        }
    }

    @Test
    void search_byDate_prefixesAtTheExactBoundaries() {
        List<String> ids = new ArrayList<>(ward.everyType(t0).values()); // ids.get(i) was taken at t0 + i minutes
        String patient = "Observation?_count=100&patient=" + ward.patient;
        Instant t5 = t0.plusSeconds(300);

        assertThat(ids(ward.search(patient + "&date=ge" + t5))).containsExactlyInAnyOrderElementsOf(ids.subList(5, ids.size()));
        assertThat(ids(ward.search(patient + "&date=gt" + t5))).containsExactlyInAnyOrderElementsOf(ids.subList(6, ids.size()));
        assertThat(ids(ward.search(patient + "&date=lt" + t5))).containsExactlyInAnyOrderElementsOf(ids.subList(0, 5));
        assertThat(ids(ward.search(patient + "&date=le" + t5))).containsExactlyInAnyOrderElementsOf(ids.subList(0, 6));
        assertThat(ids(ward.search(patient + "&date=eq" + t5))).containsExactly(ids.get(5));
        assertThat(ids(ward.search(patient + "&date=" + t5))).containsExactly(ids.get(5));
        assertThat(ids(ward.search(patient + "&date=ge" + t0.plusSeconds(120) + "&date=lt" + t5)))
                .as("two dates ANDed").containsExactlyInAnyOrderElementsOf(ids.subList(2, 5));
        String offset = t5.atOffset(ZoneOffset.ofHours(2)).toString().replace("+", "%2B");
        assertThat(ids(ward.search(patient + "&date=ge" + offset))).as("a time zone other than Z")
                .containsExactlyInAnyOrderElementsOf(ids.subList(5, ids.size()));
        assertThat(ward.search(patient + "&date=ge" + t5 + "&date=lt" + t5).getEntry()).isEmpty();
    }

    @Test
    void search_byDayPrecisionDate_coversTheWholeUtcDay() {
        LocalDate day = LocalDate.ofInstant(t0, ZoneOffset.UTC).minusDays(5);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> ids = ward.send(List.of(
                new FhirWard.Reading(start.minusSeconds(1), "heart-rate", "70"),
                new FhirWard.Reading(start, "heart-rate", "71"),
                new FhirWard.Reading(start.plus(1, ChronoUnit.DAYS).minusMillis(1), "heart-rate", "72"),
                new FhirWard.Reading(start.plus(1, ChronoUnit.DAYS), "heart-rate", "73")));
        String patient = "Observation?patient=" + ward.patient;

        assertThat(ids(ward.search(patient + "&date=eq" + day))).containsExactlyInAnyOrder(ids.get(1), ids.get(2));
        assertThat(ids(ward.search(patient + "&date=" + day))).containsExactlyInAnyOrder(ids.get(1), ids.get(2));
        assertThat(ids(ward.search(patient + "&date=lt" + day))).containsExactly(ids.get(0));
        assertThat(ids(ward.search(patient + "&date=gt" + day))).containsExactly(ids.get(3));
        assertThat(ids(ward.search(patient + "&date=le" + day))).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2));
        assertThat(ids(ward.search(patient + "&date=ge" + day))).containsExactlyInAnyOrder(ids.get(1), ids.get(2), ids.get(3));
        assertThat(ids(ward.search(patient + "&date=" + day.toString().substring(0, 7)))).as("month precision")
                .containsAnyOf(ids.get(1), ids.get(2));
    }

    @Test
    void search_byDevice_referenceOrBareId() {
        Map<String, String> fromMonitor = ward.everyType(t0);
        String[] oximeter = ward.secondDevice();
        List<String> fromOximeter = ward.send(oximeter[0], oximeter[1], List.of(
                new FhirWard.Reading(t0.plusSeconds(30), "spo2", "95"),
                new FhirWard.Reading(t0.plusSeconds(90), "heart-rate", "77")));

        assertThat(ids(ward.search("Observation?device=Device/" + oximeter[0]))).containsExactlyInAnyOrderElementsOf(fromOximeter);
        assertThat(ids(ward.search("Observation?device=" + oximeter[0] + "&patient=" + ward.patient)))
                .containsExactlyInAnyOrderElementsOf(fromOximeter);
        assertThat(ids(ward.search("Observation?_count=100&device=" + ward.device))).containsExactlyInAnyOrderElementsOf(fromMonitor.values());
        assertThat(ids(ward.search("Observation?patient=" + ward.patient + "&device=" + oximeter[0] + "&code=8867-4")))
                .containsExactly(fromOximeter.get(1));
    }

    @Test
    void search_sort_newestFirstByDefault_dateAscending_minusDateDescending() {
        ward.everyType(t0);
        String patient = "Observation?patient=" + ward.patient;

        assertThat(times(ward.search(patient))).isSortedAccordingTo(Comparator.reverseOrder()).hasSize(FhirWard.TYPICAL_VALUES.size());
        assertThat(times(ward.search(patient + "&_sort=-date"))).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(times(ward.search(patient + "&_sort=date"))).isSorted().first().isEqualTo(t0);
        assertRefusal(ward.clinician.get("/fhir/" + patient + "&_sort=code"), 400, "VIGIL-1201");
    }

    @Test
    void search_count_pagesFollowNextLinksUntilExhausted_eachReadingOnce() {
        Map<String, String> ids = ward.everyType(t0);
        Bundle page = ward.search("Observation?patient=" + ward.patient + "&_count=4");
        assertThat(page.getTotal()).isEqualTo(ids.size());
        assertThat(page.getLink(Bundle.LINK_PREV)).isNull();

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            seen.addAll(ids(page));
            sizes.add(page.getEntry().size());
            Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
            if (next == null) {
                break;
            }
            URI link = URI.create(next.getUrl());
            assertThat(link.getHost() + ":" + link.getPort()).as("links use the request's host and port").isEqualTo("127.0.0.1:" + httpPort);
            page = ward.search(next.getUrl());
            assertThat(page.getLink(Bundle.LINK_PREV)).as("a page after the first links back").isNotNull();
        }
        List<Integer> expected = new ArrayList<>();
        for (int left = ids.size(); left > 0; left -= 4) {
            expected.add(Math.min(4, left));
        }
        assertThat(sizes).as("full pages of 4, then the rest").containsExactlyElementsOf(expected);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids.values());
        assertThat(seen).containsExactlyElementsOf(ids(ward.search("Observation?patient=" + ward.patient + "&_count=100")));

        Bundle countOnly = ward.search("Observation?patient=" + ward.patient + "&_count=0");
        assertThat(countOnly.getTotal()).isEqualTo(ids.size());
        assertThat(countOnly.getLink(Bundle.LINK_NEXT)).as("_count=0 asks for the total only").isNull();
    }

    @Test
    void search_totalNone_stillPagesToTheEnd() {
        Map<String, String> ids = ward.everyType(t0);
        Bundle page = ward.search("Observation?patient=" + ward.patient + "&_count=5&_total=none");
        assertThat(page.hasTotal()).isFalse();
        Set<String> seen = new HashSet<>(ids(page));
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            page = ward.search(page.getLink(Bundle.LINK_NEXT).getUrl());
            assertThat(page.getEntry()).isNotEmpty();
            seen.addAll(ids(page));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids.values());
    }

    @Test
    void lastn_newestPerCodeForThePatient() {
        List<String> ids = ward.send(List.of(
                new FhirWard.Reading(t0, "heart-rate", "70"),
                new FhirWard.Reading(t0.plusSeconds(60), "heart-rate", "71"),
                new FhirWard.Reading(t0.plusSeconds(120), "heart-rate", "72"),
                new FhirWard.Reading(t0.plusSeconds(30), "spo2", "95"),
                new FhirWard.Reading(t0.plusSeconds(90), "spo2", "96"),
                new FhirWard.Reading(t0.plusSeconds(150), "blood-glucose", "110")));
        String lastn = "Observation/$lastn?patient=" + ward.patient;

        assertThat(ids(ward.search(lastn + "&category=" + VITAL_SIGNS))).containsExactlyInAnyOrder(ids.get(2), ids.get(4));
        assertThat(ids(ward.search(lastn + "&category=" + VITAL_SIGNS + "&max=1&code=8867-4"))).containsExactly(ids.get(2));
        assertThat(ids(ward.search(lastn + "&category=" + VITAL_SIGNS + "&max=2&code=8867-4"))).containsExactly(ids.get(2), ids.get(1));
        assertThat(ids(ward.search(lastn + "&max=5"))).containsExactlyInAnyOrder(ids.toArray(String[]::new));
        assertThat(ids(ward.search(lastn + "&category=laboratory"))).containsExactly(ids.get(5));
        assertThat(ids(ward.search(lastn + "&code=8867-4&date=lt" + t0.plusSeconds(120)))).containsExactly(ids.get(1));
        assertRefusal(ward.clinician.get("/fhir/Observation/$lastn?category=vital-signs"), 400, "VIGIL-1201");
        assertRefusal(ward.clinician.get("/fhir/" + lastn + "&colour=red"), 400, "VIGIL-1201");
        assertRefusal(ward.clinician.get("/fhir/" + lastn + "&max=0"), 400, "VIGIL-1201");
        assertRefusal(ward.clinician.get("/fhir/" + lastn + "&max=many"), 400, "VIGIL-1201");
        assertRefusal(ward.clinician.get("/fhir/Observation/$lastn?code=1234-5"), 400, "VIGIL-1201");
        assertRefusal(ward.clinician.get("/fhir/" + lastn + "&_count=3"), 400, "VIGIL-1201");
    }

    @Test
    void search_unsupportedParameters_areRefusedNotIgnored() {
        String patient = "/fhir/Observation?patient=" + ward.patient;
        for (String query : List.of(patient + "&colour=red", patient + "&_lastUpdated=gt2020-01-01",
                patient + "&_include=Observation:patient", patient + "&code:text=heart", patient + "&date=ne2020-01-01",
                patient + "&date=ge2020-01-01,lt2021-01-01", patient + "&date=2020-01-01T10:00:00",
                "/fhir/Observation?patient=a,b", "/fhir/Observation?patient.name=x", patient + "&_total=sometimes",
                patient + "&_count=-1", "/fhir/Patient?nickname=x", "/fhir/Patient?_sort=name", "/fhir/Device?colour=red")) {
            assertRefusal(ward.clinician.get(query), 400, "VIGIL-1201");
        }
    }

    @Test
    void unattributedReading_isServedWithoutSubject_andFoundByDevice() {
        String loose = "loose-" + ward.device;
        String secret = ward.ward.device(loose, "thermometer");
        List<String> ids = ward.send(loose, secret, List.of(new FhirWard.Reading(t0, "body-temperature", "37.5")));

        Observation observation = ward.read(Observation.class, "Observation/" + ids.getFirst());
        assertThat(observation.hasSubject()).isFalse();
        assertThat(OfflineValidator.errors(observation)).isEmpty();
        assertThat(ids(ward.search("Observation?device=" + loose))).containsExactly(ids.getFirst());
    }

    @Test
    void createPatient_valid_is201WithLocation_thenReadableAndSearchable() {
        // Admitted into the clinician's own unit (managingOrganization by care-unit identifier): they read it back.
        String mrn = "FHIR-" + ward.device;
        String family = "Lovelace-" + ward.device;
        HttpResponse<String> created = ward.clinician.post("/fhir/Patient", patientJson(mrn, family, "1961-04-12"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Patient body = FhirJson.parse(Patient.class, created.body());
        String id = body.getIdElement().getIdPart();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/fhir/Patient/" + id));
        Patient read = FhirWard.read(ward.clinician, Patient.class, "Patient/" + id);
        assertThat(OfflineValidator.errors(read)).isEmpty();
        assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(mrn);
        assertThat(read.getBirthDateElement().getValueAsString()).isEqualTo("1961-04-12");
        assertThat(read.getManagingOrganization().getIdentifier().getSystem()).isEqualTo(PatientMapper.CARE_UNIT_SYSTEM);
        assertThat(read.getManagingOrganization().getIdentifier().getValue()).isEqualTo(FhirWard.UNIT);

        assertThat(ids(FhirWard.search(ward.admin, "Patient?identifier=urn:vigil:mrn|" + mrn))).containsExactly(id);
        assertThat(ids(FhirWard.search(ward.admin, "Patient?identifier=" + mrn))).containsExactly(id);
        assertThat(FhirWard.search(ward.admin, "Patient?identifier=http://other.example|" + mrn).getEntry()).isEmpty();
        assertThat(ids(FhirWard.search(ward.admin, "Patient?_id=" + id))).containsExactly(id);
        assertThat(ids(FhirWard.search(ward.admin, "Patient?family=" + family.toLowerCase()))).containsExactly(id);
        assertThat(ids(FhirWard.search(ward.admin, "Patient?name=" + family.toUpperCase() + "&given=ad"))).containsExactly(id);
        assertThat(ids(FhirWard.search(ward.admin, "Patient?family=" + family.substring(0, family.length() - 2) + "&name=ada")))
                .as("prefixes").contains(id);
        assertThat(FhirWard.search(ward.admin, "Patient?family=" + family + "&given=bob").getEntry()).isEmpty();
    }

    @Test
    void createPatient_invalid_is4xxOperationOutcomeNamingTheElement() {
        String noMrn = """
                {"resourceType": "Patient", "name": [{"family": "Nomrn", "given": ["Ann"]}]}""";
        assertRefusal(ward.clinician.post("/fhir/Patient", noMrn), 422, "VIGIL-1201", "Patient.identifier");
        String future = patientJson("FUT-" + ward.device, "Future", LocalDate.now(ZoneOffset.UTC).plusYears(1).toString());
        assertRefusal(ward.clinician.post("/fhir/Patient", future), 422, "VIGIL-1201", "Patient.birthDate");
        assertRefusal(ward.clinician.post("/fhir/Patient", "{\"resourceType\": \"Patient\", \"name\": ["), 400, "VIGIL-1201");
        String misspelt = patientJson("TYPO-" + ward.device, "Typo", "1970-01-01").replace("\"birthDate\"", "\"birthdate\"");
        HttpResponse<String> typo = ward.clinician.post("/fhir/Patient", misspelt);
        assertRefusal(typo, 400, "VIGIL-1201");
        assertThat(typo.body()).as("an unknown element is refused by name, not dropped").contains("birthdate");
        assertRefusal(ward.clinician.post("/fhir/Patient", "{\"resourceType\": \"Observation\", \"status\": \"final\"}"),
                400, "VIGIL-1201");

        String mrn = "DUP-" + ward.device;
        assertThat(ward.clinician.post("/fhir/Patient", patientJson(mrn, "Twice", "1970-01-01")).statusCode()).isEqualTo(201);
        assertRefusal(ward.clinician.post("/fhir/Patient", patientJson(mrn, "Twice", "1970-01-01")), 409, "VIGIL-1203");

        String unitAsText = patientJson("ORG-" + ward.device, "Orgless", "1970-01-01")
                .replace("\"identifier\": {\"system\": \"" + PatientMapper.CARE_UNIT_SYSTEM + "\", ", "\"identifier\": {");
        assertRefusal(ward.clinician.post("/fhir/Patient", unitAsText), 422, "VIGIL-1201", "Patient.managingOrganization");
    }

    @Test
    void createPatient_byAClinician_onlyIntoAUnitTheirTeamsCover() {
        String elsewhere = patientJson("ELSE-" + ward.device, "Elsewhere", "1970-01-01")
                .replace("\"value\": \"" + FhirWard.UNIT + "\"", "\"value\": \"icu-never-covered\"");
        assertRefusal(ward.clinician.post("/fhir/Patient", elsewhere), 403, "VIGIL-1350");
        String noUnit = patientJson("NONE-" + ward.device, "Unitless", "1970-01-01")
                .replaceAll(",\\s*\"managingOrganization\": \\{[^}]*\\}\\}", "");
        assertThat(noUnit).doesNotContain("managingOrganization");
        assertRefusal(ward.clinician.post("/fhir/Patient", noUnit), 403, "VIGIL-1350");
        assertThat(ward.admin.post("/fhir/Patient", noUnit).statusCode()).as("administrators admit into any unit, or none")
                .isEqualTo(201);
    }

    @Test
    void security_loginRequired_caregiverReadsSharedPatientsButMayNotAdmit() {
        HttpResponse<String> anonymous = FhirClient.anonymous(httpPort).get("/fhir/Observation?patient=" + ward.patient);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
        assertThat(anonymous.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("VIGIL-1110");
        assertThat(FhirClient.anonymous(httpPort).get("/fhir/metadata").statusCode())
                .as("FHIR clients read the CapabilityStatement before they log in").isEqualTo(200);

        FhirClient caregiver = FhirClient.user(httpPort, "caregiver", WardFixture.PASSWORD);
        assertRefusal(caregiver.get("/fhir/Patient/" + ward.patient), 404, "VIGIL-1202");
        assertThat(ward.ward.admin().put("/api/v1/patients/" + ward.patient + "/shares/caregiver", Map.of()).status()).isEqualTo(200);
        assertThat(caregiver.get("/fhir/Patient/" + ward.patient).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = caregiver.post("/fhir/Patient", patientJson("CG-" + ward.device, "Caregiven", "1980-02-02"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("OperationOutcome").contains("VIGIL-1111");
        assertThat(FhirClient.user(httpPort, "clinician", "wrong-password").get("/fhir/Patient/" + ward.patient).statusCode())
                .isEqualTo(401);
    }

    @Test
    void browserAccept_getsJson_notA406Or401() {
        HttpResponse<String> html = ward.clinician.get("/fhir/Patient/" + ward.patient,
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(html.statusCode()).isEqualTo(200);
        HttpResponse<String> plain = ward.clinician.get("/fhir/Patient/" + ward.patient, "image/png");
        assertThat(plain.statusCode()).isEqualTo(200);
        HttpResponse<String> json = ward.clinician.get("/fhir/Patient/" + ward.patient + "?_pretty=true");
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(FhirClient.FHIR_JSON));
        assertThat(json.body()).contains("\n  \"resourceType\"");
    }

    @Test
    void metadata_isVigilsCapabilityStatement_listingTheSearchesAndLastn() {
        CapabilityStatement capability = ward.read(CapabilityStatement.class, "metadata");
        assertThat(capability.getSoftware().getName()).isEqualTo("Vigil");
        assertThat(capability.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(OfflineValidator.errors(capability)).isEmpty();

        CapabilityStatementRestResourceComponent observation = resource(capability, "Observation");
        assertThat(searchParams(observation)).contains("patient", "subject", "code", "category", "date", "device");
        assertThat(observation.getOperation()).anySatisfy(op -> assertThat(op.getName()).isEqualTo("lastn"));
        assertThat(searchParams(resource(capability, "Patient"))).contains("_id", "identifier", "name", "family", "given");
        assertThat(resource(capability, "Patient").getInteraction()).anySatisfy(i -> assertThat(i.getCode().toCode()).isEqualTo("create"));
        assertThat(searchParams(resource(capability, "Device"))).contains("_id", "identifier");
        assertThat(searchParams(resource(capability, "Practitioner"))).contains("_id", "identifier", "name");
        assertThat(searchParams(resource(capability, "CareTeam"))).contains("_id", "participant", "unit");
        assertThat(observation.getSearchInclude()).as("_include is refused, so not advertised").isEmpty();
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatement capability, String type) {
        return capability.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow();
    }

    private static List<String> searchParams(CapabilityStatementRestResourceComponent resource) {
        return resource.getSearchParam().stream().map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName).toList();
    }

    private static List<Instant> times(Bundle bundle) {
        return observations(bundle).stream().map(o -> o.getEffectiveDateTimeType().getValue().toInstant()).toList();
    }

    private static String patientJson(String mrn, String family, String birthDate) {
        return """
                {"resourceType": "Patient",
                 "identifier": [{"system": "urn:vigil:mrn", "value": "%s"}],
                 "name": [{"family": "%s", "given": ["Ada"]}],
                 "gender": "female", "birthDate": "%s",
                 "managingOrganization": {"identifier": {"system": "%s", "value": "%s"}}}""".formatted(
                mrn, family, birthDate, PatientMapper.CARE_UNIT_SYSTEM, FhirWard.UNIT);
    }

    private static void assertRefusal(HttpResponse<String> response, int status, String code, String... expression) {
        assertThat(response.statusCode()).as(response.uri() + " → " + response.body()).isEqualTo(status);
        OperationOutcome outcome = FhirJson.parse(OperationOutcome.class, response.body());
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        assertThat(issue.getDetails().getCoding()).as(response.body())
                .anySatisfy(c -> assertThat(c.getSystem() + "|" + c.getCode()).isEqualTo("https://vigil.io/errors|" + code));
        assertThat(issue.getDiagnostics()).isNotBlank().doesNotContain("at io.vigil", "Exception");
        for (String element : expression) {
            assertThat(issue.getExpression()).anySatisfy(e -> assertThat(e.getValue()).isEqualTo(element));
        }
    }
}
