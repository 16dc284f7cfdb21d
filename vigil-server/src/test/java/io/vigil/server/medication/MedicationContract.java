package io.vigil.server.medication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.vigil.fhir.FhirJson;
import io.vigil.fhir.OfflineValidator;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import io.vigil.server.web.FormLogin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Medication dispensers end to end through the real surfaces: a clinician's schedule pushed as a command to a real MQTT
 * client, its acknowledgement, dose events over MQTT and HTTP, MedicationAdministrations over FHIR (validated with
 * HAPI's offline validator), adherence against figures worked out by hand from the published definitions, and the
 * alerts; then telehealth sessions as Encounters counted in the RPM report. Subclasses pick H2 or PostgreSQL.
 * Every dose lies days in the past, at fixed times: nothing depends on when the test runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        "vigil.rpm.units=ward-a"})
abstract class MedicationContract {
    private static final String UNIT = "ward-a";

    @LocalServerPort
    int httpPort;
    @Autowired
    EmbeddedBroker broker;

    WardFixture ward;
    VigilClient clinician;
    String patient;
    String dispenser;
    String secret;
    /** Midnight UTC five days ago: the first day of the schedule. */
    Instant day0;

    @BeforeEach
    void patientWithDispenser() {
        ward = new WardFixture(httpPort);
        clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        patient = ward.patient(UNIT);
        dispenser = "disp-" + UUID.randomUUID().toString().substring(0, 8);
        secret = ward.device(dispenser, "medication-dispenser");
        day0 = LocalDate.now(ZoneOffset.UTC).minusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant();
        ward.assign(dispenser, patient, day0.minus(Duration.ofDays(1)), null);
    }

    private Instant at(int day, int hour, int minute) {
        return day0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    private static String event(String id, String type, Instant time, String schedule, Instant dueAt) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"time\": \"" + time + "\""
                + (schedule == null ? "" : ", \"schedule\": \"" + schedule + "\"")
                + (dueAt == null ? "" : ", \"dueAt\": \"" + dueAt + "\"") + "}";
    }

    @Test
    void scheduleCommandAckEvents_becomeAdministrations_adherenceAsWorkedOut_andAlerts() throws Exception {
        String schedule;
        try (MqttDevice device = MqttDevice.connect(broker.port(), dispenser, secret);
             Mqtt5BlockingClient.Mqtt5Publishes commands = device.received()) {
            assertThat(device.subscribe("vigil/v1/devices/" + dispenser + "/commands")).isLessThan(0x80);

            // "Three times daily" at 08:00, 14:00 and 20:00 UTC from day 0.
            VigilClient.Response created = clinician.post("/api/v1/patients/" + patient + "/medication-schedules", Map.of(
                    "rxnorm", "197361", "medication", "Amlodipine 5 MG Oral Tablet", "dose", "1 tablet",
                    "frequency", 3, "period", 1, "periodUnit", "d", "timesOfDay", List.of("08:00", "14:00", "20:00"),
                    "zone", "UTC", "start", day0.toString()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            schedule = created.json().get("schedule").get("id").asText();
            assertThat(created.json().get("schedule").get("dispenser").asText()).isEqualTo(dispenser);
            String commandId = created.json().get("command").get("id").asText();

            // The command reaches the dispenser over MQTT.
            Optional<Mqtt5Publish> received = commands.receive(30, TimeUnit.SECONDS);
            assertThat(received).as("the set-schedule command").isPresent();
            JsonNode command = VigilClient.JSON.readTree(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
            assertThat(command.get("commandId").asText()).isEqualTo(commandId);
            assertThat(command.get("type").asText()).isEqualTo("set-schedule");
            assertThat(command.get("schedule").get("id").asText()).isEqualTo(schedule);
            assertThat(command.get("schedule").get("timesOfDay").toString()).isEqualTo("[\"08:00\",\"14:00\",\"20:00\"]");
            assertThat(command.toString()).doesNotContain(patient);
            assertThat(pendingCommand(commandId).get("status").asText()).isEqualTo("pending");

            // The dispenser acknowledges: stored before the PUBACK, so settled when the PUBACK arrives.
            MqttDevice.PubAck ack = device.publish("vigil/v1/devices/" + dispenser + "/events",
                    "{\"id\": \"ack-1\", \"type\": \"command-ack\", \"time\": \"" + Instant.now() + "\", \"commandId\": \"" + commandId + "\"}");
            assertThat(ack.success()).as(ack.toString()).isTrue();
            assertThat(pendingCommand(commandId).get("status").asText()).isEqualTo("acknowledged");

            // Days 0 and 1 over MQTT, as one batch. Day 1: 14:00 taken at 16:00 (late, matched by nearness), 20:00 missed.
            List<String> batch = List.of(
                    event("d0-1", "dose-taken", at(0, 8, 10), schedule, at(0, 8, 0)),
                    event("d0-2", "dose-taken", at(0, 14, 10), schedule, at(0, 14, 0)),
                    event("d0-3", "dose-removed", at(0, 20, 10), schedule, at(0, 20, 0)),
                    event("d1-1", "dose-taken", at(1, 8, 5), schedule, null),
                    event("d1-2", "dose-taken", at(1, 16, 0), schedule, null),
                    event("d1-3", "dose-missed", at(1, 21, 0), schedule, at(1, 20, 0)));
            MqttDevice.PubAck doses = device.publish("vigil/v1/devices/" + dispenser + "/events", "[" + String.join(",", batch) + "]");
            assertThat(doses.success()).as(doses.toString()).isTrue();

            // A payload that is not the event format: PUBACK 0x99 with the code, and a dead letter.
            MqttDevice.PubAck bad = device.publish("vigil/v1/devices/" + dispenser + "/events", "{\"id\": \"x\", \"type\": \"exploded\"}");
            assertThat(bad.code()).isEqualTo(0x99);
            assertThat(bad.reason()).contains("VIGIL-1850");
        }
        // Day 2 over HTTP: 08:00 and 14:00 on time, 20:00 never taken (missed because its window has passed).
        VigilClient asDevice = VigilClient.device(httpPort, secret);
        VigilClient.Response day2 = asDevice.post("/api/v1/devices/" + dispenser + "/events", "["
                + event("d2-1", "dose-taken", at(2, 7, 30), schedule, null) + ","
                + event("d2-2", "dose-taken", at(2, 14, 45), schedule, null) + "]", "application/json");
        assertThat(day2.status()).as(day2.body()).isEqualTo(201);
        assertThat(day2.json().get("events")).hasSize(2);
        VigilClient.Response again = asDevice.post("/api/v1/devices/" + dispenser + "/events",
                event("d2-1", "dose-taken", at(2, 7, 30), schedule, null), "application/json");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("duplicates").asInt()).as("the same event id is stored once").isEqualTo(1);
        VigilClient.Response refused = asDevice.post("/api/v1/devices/" + dispenser + "/events",
                event("d2-9", "dose-taken", at(2, 8, 0), "ms-not-this-patients", null), "application/json");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("VIGIL-1851");
        VigilClient.Response letters = ward.admin().get("/api/v1/dead-letters?device=" + dispenser);
        assertThat(letters.body()).contains("VIGIL-1850").contains("VIGIL-1851");

        // FHIR: 7 completed administrations and 1 not-done, each valid R4, pointing at the schedule and the dispenser.
        Bundle administrations = fhir("/fhir/MedicationAdministration?patient=" + patient);
        assertThat(administrations.getEntry()).hasSize(8);
        List<String> statuses = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : administrations.getEntry()) {
            MedicationAdministration a = (MedicationAdministration) entry.getResource();
            assertThat(OfflineValidator.errors(a)).isEmpty();
            assertThat(a.getRequest().getReference()).isEqualTo("MedicationRequest/" + schedule);
            assertThat(a.getDeviceFirstRep().getReference()).isEqualTo("Device/" + dispenser);
            assertThat(a.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("197361");
            statuses.add(a.getStatus().toCode());
        }
        assertThat(statuses).filteredOn("completed"::equals).hasSize(7);
        assertThat(statuses).filteredOn("not-done"::equals).hasSize(1);
        MedicationRequest request = (MedicationRequest) FhirJson.context().newJsonParser()
                .parseResource(clinician.get("/fhir/MedicationRequest/" + schedule, "application/fhir+json").body());
        assertThat(OfflineValidator.errors(request)).isEmpty();
        assertThat(request.getDosageInstructionFirstRep().getTiming().getRepeat().getFrequency()).isEqualTo(3);

        // Adherence over days 0–2, worked out by hand (docs/clinical.md): 9 doses scheduled; on time (±60 min):
        // d0 ×3, d1 08:05, d2 07:30, d2 14:45 = 6; late: d1 16:00 for 14:00 = 1; missed: d1 20:00 (reported), d2 20:00
        // (never taken) = 2. PDC (PQA: days covered / days in the period): only day 0 has every dose taken = 1/3.
        VigilClient.Response adherence = clinician.get("/api/v1/patients/" + patient + "/adherence?from=" + day0 + "&to="
                + day0.plus(Duration.ofDays(3)));
        assertThat(adherence.status()).as(adherence.body()).isEqualTo(200);
        JsonNode medication = adherence.json().get("medications").get(0);
        assertThat(medication.get("scheduled").asInt()).isEqualTo(9);
        assertThat(medication.get("onTime").asInt()).isEqualTo(6);
        assertThat(medication.get("late").asInt()).isEqualTo(1);
        assertThat(medication.get("missed").asInt()).isEqualTo(2);
        assertThat(medication.get("onTimeRate").asDouble()).isEqualTo(0.6667);
        assertThat(medication.get("takenRate").asDouble()).isEqualTo(0.7778);
        assertThat(medication.get("daysCounted").asInt()).isEqualTo(3);
        assertThat(medication.get("daysCovered").asInt()).isEqualTo(1);
        assertThat(medication.get("pdc").asDouble()).isEqualTo(0.3333);
        assertThat(medication.get("days").findValuesAsText("outcome")).containsExactly("on-time", "missed", "missed");
        assertThat(adherence.json().get("note").asText()).contains("Not for clinical use");

        // The caregiver who follows the patient sees the adherence too; one who does not gets 404.
        ward.share(patient, "caregiver");
        VigilClient caregiver = VigilClient.user(httpPort, "caregiver", WardFixture.PASSWORD);
        assertThat(caregiver.get("/api/v1/patients/" + patient + "/adherence?from=" + day0 + "&to=" + day0.plus(Duration.ofDays(3)))
                .json().get("onTime").asInt()).isEqualTo(6);

        // Alerts: the reported missed dose and the late one.
        VigilClient.Response alerts = clinician.get("/api/v1/alerts?patient=" + patient);
        assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
        assertThat(alerts.json().findValuesAsText("rule")).contains("medication-dose-missed", "medication-dose-late");
    }

    private JsonNode pendingCommand(String commandId) {
        VigilClient.Response list = clinician.get("/api/v1/devices/" + dispenser + "/commands");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.where("id", commandId).getFirst();
    }

    private Bundle fhir(String path) {
        VigilClient.Response response = clinician.get(path, "application/fhir+json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (Bundle) FhirJson.context().newJsonParser().parseResource(response.body());
    }

    @Test
    void fhirMedicationRequest_threeTimesDailyAndPrn_areCreatedValidatedAndPushed() {
        String tid = """
                {"resourceType": "MedicationRequest", "status": "active", "intent": "order",
                 "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                   "code": "860975", "display": "Metformin hydrochloride 500 MG Oral Tablet"}]},
                 "subject": {"reference": "Patient/%s"},
                 "dosageInstruction": [{"text": "1 tablet with meals",
                   "timing": {"repeat": {"frequency": 3, "period": 1, "periodUnit": "d", "when": ["CM", "CD", "CV"]}}}]}
                """.formatted(patient);
        VigilClient.Response created = clinician.post("/fhir/MedicationRequest", tid, "application/fhir+json");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        MedicationRequest stored = (MedicationRequest) FhirJson.context().newJsonParser().parseResource(created.body());
        assertThat(OfflineValidator.errors(stored)).isEmpty();
        assertThat(stored.getDosageInstructionFirstRep().getTiming().getRepeat().getTimeOfDay())
                .extracting(t -> t.getValue()).containsExactly("08:00:00", "12:30:00", "18:30:00");

        String prn = """
                {"resourceType": "MedicationRequest", "status": "active", "intent": "order",
                 "medicationCodeableConcept": {"text": "Paracetamol 500 mg"},
                 "subject": {"reference": "Patient/%s"},
                 "dosageInstruction": [{"text": "1 tablet up to 4 times a day", "asNeededBoolean": true}]}
                """.formatted(patient);
        VigilClient.Response createdPrn = clinician.post("/fhir/MedicationRequest", prn, "application/fhir+json");
        assertThat(createdPrn.status()).as(createdPrn.body()).isEqualTo(201);
        MedicationRequest storedPrn = (MedicationRequest) FhirJson.context().newJsonParser().parseResource(createdPrn.body());
        assertThat(OfflineValidator.errors(storedPrn)).isEmpty();
        assertThat(storedPrn.getDosageInstructionFirstRep().getAsNeededBooleanType().booleanValue()).isTrue();

        Bundle search = (Bundle) FhirJson.context().newJsonParser()
                .parseResource(clinician.get("/fhir/MedicationRequest?patient=" + patient, "application/fhir+json").body());
        assertThat(search.getEntry()).hasSize(2);
        VigilClient.Response commands = clinician.get("/api/v1/devices/" + dispenser + "/commands");
        assertThat(commands.json().findValuesAsText("type")).containsExactly("set-schedule", "set-schedule");

        // Refusals name the element: timeOfDay count disagreeing with frequency; a subject the caller may not use.
        VigilClient.Response wrong = clinician.post("/fhir/MedicationRequest", tid.replace("\"frequency\": 3", "\"frequency\": 2"),
                "application/fhir+json");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("VIGIL-1852").contains("timing.repeat.timeOfDay");
        VigilClient caregiver = VigilClient.user(httpPort, "caregiver", WardFixture.PASSWORD);
        assertThat(caregiver.post("/fhir/MedicationRequest", tid, "application/fhir+json").status()).isEqualTo(403);
    }

    @Test
    void telehealthSession_isAnEncounterVR_andCountsInTheRpmReport() {
        Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        VigilClient.Response opened = clinician.post("/api/v1/patients/" + patient + "/telehealth-sessions",
                Map.of("start", start.toString(), "notes", "Video call; reviewed BP diary."));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String session = opened.json().get("id").asText();
        assertThat(opened.json().get("status").asText()).isEqualTo("in-progress");

        VigilClient.Response stopped = clinician.patch("/api/v1/patients/" + patient + "/telehealth-sessions/" + session,
                Map.of("status", "finished", "end", start.plus(Duration.ofMinutes(30)).toString()));
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().get("minutes").asInt()).isEqualTo(30);
        assertThat(clinician.patch("/api/v1/patients/" + patient + "/telehealth-sessions/" + session,
                Map.of("status", "finished")).json().get("code").asText()).isEqualTo("VIGIL-1856");

        VigilClient.Response read = clinician.get("/fhir/Encounter/" + session, "application/fhir+json");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        Encounter encounter = (Encounter) FhirJson.context().newJsonParser().parseResource(read.body());
        assertThat(OfflineValidator.errors(encounter)).isEmpty();
        assertThat(encounter.getClass_().getCode()).isEqualTo("VR");
        assertThat(encounter.getClass_().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActCode");
        assertThat(encounter.getStatus().toCode()).isEqualTo("finished");
        Bundle byPatient = (Bundle) FhirJson.context().newJsonParser()
                .parseResource(clinician.get("/fhir/Encounter?patient=" + patient, "application/fhir+json").body());
        assertThat(byPatient.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(session);

        String month = YearMonth.from(start.atZone(ZoneOffset.UTC)).toString();
        VigilClient.Response time = clinician.get("/api/v1/patients/" + patient + "/monitoring-time?month=" + month);
        assertThat(time.json().get("totalSeconds").asInt()).isEqualTo(1800);
        assertThat(time.json().get("entries").findValuesAsText("source")).contains("telehealth");
        VigilClient.Response csv = new FormLogin(httpPort).logIn("clinician", WardFixture.PASSWORD).get("/rpm/report.csv?month=" + month);
        assertThat(csv.status()).isEqualTo(200);
        String row = csv.body().lines().filter(l -> l.contains(patient)).findFirst().orElseThrow();
        assertThat(row.split(",")[5]).as("monitoring minutes").isEqualTo("30");
        // Caregivers do not hold telehealth records.
        VigilClient caregiver = VigilClient.user(httpPort, "caregiver", WardFixture.PASSWORD);
        assertThat(caregiver.get("/api/v1/patients/" + patient + "/telehealth-sessions").status()).isEqualTo(403);
    }
}
