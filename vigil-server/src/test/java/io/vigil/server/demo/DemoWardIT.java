package io.vigil.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo as `./vigil demo` runs it: the ward is provisioned and its simulated devices report over real MQTT. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.beds=3",
        "vigil.demo.interval=500ms"})
class DemoWardIT {

    @LocalServerPort
    int httpPort;
    @Autowired
    EmbeddedBroker broker;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Test
    void demoWard_isProvisioned_andItsMonitorsReportLive() {
        assertThat(broker.isRunning()).isTrue();
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        JsonNode ward = clinician.get("/api/v1/patients?unit=ward-a").json();
        assertThat(ward).hasSize(3);
        assertThat(clinician.get("/api/v1/patients?unit=home").json()).isNotEmpty();
        String firstBed = ward.get(0).get("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(clinician.get("/api/v1/patients/" + firstBed + "/latest").json().findValuesAsText("type"))
                        .contains("heart-rate", "respiratory-rate", "spo2"));
        JsonNode deadLetters = VigilClient.user(httpPort, "admin", WardFixture.PASSWORD).get("/api/v1/dead-letters").json();
        assertThat(deadLetters).as("the simulated ward sends only valid readings").isEmpty();
    }

    @Test
    void demoEcgPatch_streamsLeadIIOfTheFirstBed() {
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        String firstBed = clinician.get("/api/v1/patients?unit=ward-a").json().findParents("mrn").stream()
                .filter(p -> p.get("mrn").asText().equals("DEMO-0001")).findFirst().orElseThrow().get("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(clinician.get("/api/v1/patients/" + firstBed + "/waveforms/ecg-ii").json().get("segments"))
                        .isNotEmpty());
    }

    @Test
    void demoDispenser_givesTheCaregiversPersonTwoWeeksOfDoses_mostlyOnTime() {
        VigilClient caregiver = VigilClient.user(httpPort, "caregiver", WardFixture.PASSWORD);
        JsonNode people = caregiver.get("/api/v1/patients").json();
        assertThat(people).hasSize(1);
        String person = people.get(0).get("id").asText();
        JsonNode adherence = caregiver.get("/api/v1/patients/" + person + "/adherence?from="
                + java.time.Instant.now().minus(Duration.ofDays(10)) + "&to=" + java.time.Instant.now().minus(Duration.ofDays(3))).json();
        JsonNode medication = adherence.get("medications").get(0);
        assertThat(medication.get("medication").asText()).isEqualTo("Furosemide 40 mg oral tablet");
        assertThat(medication.get("scheduled").asInt()).isEqualTo(14);
        assertThat(medication.get("onTime").asInt()).isGreaterThan(medication.get("late").asInt() + medication.get("missed").asInt());
        JsonNode commands = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD)
                .get("/api/v1/devices/home-dispenser-01/commands").json();
        assertThat(commands.findValuesAsText("status")).containsExactly("acknowledged");
    }
}
