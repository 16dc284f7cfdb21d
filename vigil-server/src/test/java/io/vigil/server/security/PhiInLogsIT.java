package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No PHI in the logs at INFO and above: a realistic session — patients admitted over REST and FHIR with names,
 * MRNs and birth dates nobody else uses, readings over HTTP and MQTT, reads and searches by name and MRN over REST
 * and FHIR, refusals whose bodies carry the patient data, bad device payloads carrying it, failed logins with an
 * MRN as the user name — while every log event of INFO or above (message, arguments and stack traces) is captured
 * from the root logger. None of the patients' names, MRNs or birth dates may appear in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
class PhiInLogsIT {
    private static final String FHIR_JSON = "application/fhir+json";

    @LocalServerPort
    int httpPort;
    @Autowired
    EmbeddedBroker broker;

    private final CapturedLog log = new CapturedLog();
    private final String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    /** What must never be logged: given and family names, MRNs, birth dates of this test's patients. */
    private final List<String> phi = new ArrayList<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    /** Every log event of INFO or above, as it would be written: message, and the whole stack trace if any. */
    static final class CapturedLog extends AppenderBase<ILoggingEvent> {
        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
                String trace = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
                lines.add(event.getLoggerName() + " " + event.getFormattedMessage() + " " + trace);
            }
        }

        String text() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    @BeforeEach
    void captureLogs() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.setContext(root.getLoggerContext());
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(log);
        log.stop();
    }

    @Test
    void realisticSession_logsNoNamesMrnsOrBirthDates() {
        VigilClient admin = VigilClient.user(httpPort, "admin", WardFixture.PASSWORD);
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);

        // Admission over REST and over FHIR.
        String restPatient = admitOverRest(admin, "Zephyrine", "Quillfeather" + tag, "MRNZQ" + tag, "1937-08-14");
        String fhirPatient = admitOverFhir(clinician, "Balthasara", "Wintermute" + tag, "MRNBW" + tag, "1941-12-03");

        // Readings over HTTP and MQTT, from monitors assigned to them.
        WardFixture ward = new WardFixture(httpPort);
        String httpMonitor = "phi-http-" + tag.toLowerCase(java.util.Locale.ROOT);
        String httpSecret = ward.device(httpMonitor, "vital-signs-monitor");
        ward.assign(httpMonitor, restPatient, Instant.now().minus(1, ChronoUnit.HOURS), null);
        assertThat(VigilClient.device(httpPort, httpSecret).post("/api/v1/devices/" + httpMonitor + "/measurements",
                "{\"values\": {\"heart-rate\": 72, \"spo2\": 97}}").status()).isEqualTo(201);
        String mqttMonitor = "phi-mqtt-" + tag.toLowerCase(java.util.Locale.ROOT);
        String mqttSecret = ward.device(mqttMonitor, "vital-signs-monitor");
        ward.assign(mqttMonitor, fhirPatient, Instant.now().minus(1, ChronoUnit.HOURS), null);
        try (MqttDevice device = MqttDevice.connect(broker.port(), mqttMonitor, mqttSecret)) {
            assertThat(device.publishMeasurements("{\"values\": {\"respiratory-rate\": 16}}").success()).isTrue();
            // A device that puts patient data where it does not belong: refused, kept as a dead letter.
            device.publishMeasurements("{\"patient\": \"" + phi.get(0) + " " + phi.get(1) + "\", \"mrn\": \""
                    + phi.get(2) + "\", \"values\": {\"heart-rate\": \"" + phi.get(3) + "\"}}");
            device.publish("vigil/v1/devices/" + mqttMonitor + "/measurements", "{\"values\": {\"" + phi.get(4) + "\": 1}");
        }
        VigilClient.device(httpPort, httpSecret).post("/api/v1/devices/" + httpMonitor + "/measurements",
                "{\"values\": {\"" + phi.get(5) + "\": \"" + phi.get(6) + "\"}}");

        // Reads and searches by name and MRN, over REST and FHIR.
        for (String path : List.of("/api/v1/patients/" + restPatient, "/api/v1/patients/" + restPatient + "/latest",
                "/api/v1/patients/" + restPatient + "/news2", "/api/v1/patients")) {
            assertThat(clinician.get(path).status()).as(path).isEqualTo(200);
        }
        for (String path : List.of("/fhir/Patient/" + fhirPatient, "/fhir/Patient?family=" + phi.get(5),
                "/fhir/Patient?identifier=" + phi.get(6), "/fhir/Patient?name=" + phi.get(0),
                "/fhir/Observation?subject=Patient/" + fhirPatient)) {
            assertThat(clinician.get(path, FHIR_JSON).status()).as(path).isEqualTo(200);
        }

        // Refusals with patient data in the body: invalid fields, a duplicate MRN, malformed JSON, unknown search.
        assertThat(admin.post("/api/v1/patients", Map.of("mrn", phi.get(2), "name", Map.of("given", phi.get(0),
                "family", phi.get(1)), "birthDate", phi.get(3), "sex", "female", "unit", "ward-a")).status()).isEqualTo(409);
        assertThat(admin.post("/api/v1/patients", Map.of("mrn", "X" + phi.get(2), "name", Map.of("given", phi.get(0),
                "family", phi.get(1)), "birthDate", "14/08/1937 " + phi.get(1), "sex", phi.get(0), "unit", "ward-a"))
                .status()).isBetween(400, 422);
        assertThat(admin.post("/api/v1/patients", "{\"mrn\": \"" + phi.get(2) + "\", \"name\": {\"family\": \""
                + phi.get(1) + "\"", "application/json").status()).isEqualTo(400);
        assertThat(clinician.post("/fhir/Patient", "{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"" + phi.get(5)
                + "\"}], \"gender\": \"" + phi.get(4) + "\", \"birthDate\": \"" + phi.get(7) + "\"}", FHIR_JSON).status())
                .isBetween(400, 422);
        assertThat(clinician.post("/fhir/Patient", "{\"resourceType\": \"Patient\", \"name\": [{\"family\": \"" + phi.get(5),
                FHIR_JSON).status()).isBetween(400, 422);
        assertThat(clinician.get("/fhir/Patient?address=" + phi.get(5), FHIR_JSON).status()).isEqualTo(400);
        assertThat(clinician.get("/fhir/Patient?birthdate=" + phi.get(7), FHIR_JSON).status()).isEqualTo(400);

        // Failed logins whose user names are patient data.
        assertThat(VigilClient.user(httpPort, phi.get(2), phi.get(3)).get("/api/v1/patients").status()).isEqualTo(401);
        assertThat(VigilClient.user(httpPort, phi.get(1), "x").get("/fhir/Patient", FHIR_JSON).status()).isEqualTo(401);

        // The capture works: an INFO event written now is seen, and so were the session's own events.
        String canary = "canary-" + tag;
        LoggerFactory.getLogger(PhiInLogsIT.class).info("event=phi_scan.canary value={}", canary);
        Awaitility.await().untilAsserted(() -> assertThat(log.text()).contains(canary));

        String logged = log.text();
        assertThat(phi).hasSize(8);
        assertThat(phi).allSatisfy(value -> assertThat(logged).as("log output at INFO+ contains PHI").doesNotContain(value));
    }

    private String admitOverRest(VigilClient admin, String given, String family, String mrn, String birthDate) {
        phi.addAll(List.of(given, family, mrn, birthDate));
        VigilClient.Response created = admin.post("/api/v1/patients", Map.of("mrn", mrn,
                "name", Map.of("given", given, "family", family), "birthDate", birthDate, "sex", "female", "unit", "ward-a"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String admitOverFhir(VigilClient clinician, String given, String family, String mrn, String birthDate) {
        phi.addAll(List.of(given, family, mrn, birthDate));
        VigilClient.Response created = clinician.post("/fhir/Patient", """
                {"resourceType": "Patient",
                 "identifier": [{"system": "urn:vigil:mrn", "value": "%s"}],
                 "name": [{"family": "%s", "given": ["%s"]}],
                 "gender": "female", "birthDate": "%s",
                 "managingOrganization": {"identifier": {"system": "https://vigil.io/fhir/sid/care-unit", "value": "ward-a"}}}"""
                .formatted(mrn, family, given, birthDate), FHIR_JSON);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
