package io.vigil.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.web.FormLogin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End to end as `./vigil demo` runs it: the simulator's readers publish BLE tag reads over real MQTT; the first bed's
 * infusion pump is wheeled out of the ward to the equipment store, its location follows (through the hysteresis) and
 * the asset-left-home-zone alert is raised on the patient the pump is assigned to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.beds=2",
        "vigil.demo.interval=500ms", "vigil.tags.demo-pump-leaves-after=4s", "vigil.tags.location.dwell=2s"})
class DemoFloorIT {

    @LocalServerPort
    int httpPort;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Test
    void simulatedPumpLeavesTheWard_locatedInTheStore_andAlertRaised() {
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        String firstBed = clinician.get("/api/v1/patients?unit=ward-a").json().get(0).get("id").asText();

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                clinician.get("/api/v1/where-is?asset=ward-a-monitor-02").json().findValuesAsText("zone"))
                .containsExactly("ward-a-room-02"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                clinician.get("/api/v1/where-is?asset=ward-a-pump-01").json().findValuesAsText("zone"))
                .containsExactly(DemoFloor.STORE));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> rules = new ArrayList<>();
            for (JsonNode alert : clinician.get("/api/v1/alerts?patient=" + firstBed).json()) {
                rules.add(alert.get("rule").asText());
            }
            assertThat(rules).contains("asset-left-home-zone");
        });
        assertThat(clinician.get("/api/v1/where-is?asset=ward-a-pump-02").json().findValuesAsText("zone"))
                .containsExactly("ward-a-room-02");
        assertThat(clinician.get("/fhir/Location?partof=ward-a&_format=json").json().get("total").asInt()).isEqualTo(2);

        String floor = new FormLogin(httpPort).logIn("clinician", WardFixture.PASSWORD).get("/floor").body();
        assertThat(floor).contains("NOT FOR CLINICAL USE", "Ward A equipment store", "ward-a-pump-01",
                "outside its home zone", "vital-signs-monitor");
    }
}
