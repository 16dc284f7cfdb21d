package io.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running Vigil on H2 for the ward page's tests, shared by them (same configuration, one cached
 * context), with helpers that admit patients to beds and send readings through the device HTTP endpoint.
 * Each test works in a unit of its own, so tests never see each other's patients; the demo clinician is on the
 * care team of that unit (and so may see its patients), the caregiver and the administrator are not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        // short keep-alives: streams that tests close are noticed (and no longer count per user) quickly
        "vigil.ward.keep-alive=2s"})
abstract class WardServer {

    @LocalServerPort
    int httpPort;

    WardFixture ward;
    /** The unit of this test. */
    String unit;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @BeforeEach
    void newUnit() {
        ward = new WardFixture(httpPort);
        unit = "it-" + UUID.randomUUID().toString().substring(0, 8);
        VigilClient.Response team = ward.admin().post("/api/v1/care-teams", Map.of("id", unit + "-team",
                "name", "Team of " + unit, "units", List.of(unit), "members", List.of("clinician")));
        assertThat(team.status()).as(team.body()).isEqualTo(201);
    }

    /** A device worn by a patient: its id and secret. */
    record Monitor(String id, String secret) {}

    String admit(String bed, String given, String family, String birthDate, String sex) {
        VigilClient.Response created = ward.admin().post("/api/v1/patients", Map.of(
                "mrn", "MRN-" + UUID.randomUUID().toString().substring(0, 8),
                "name", Map.of("given", given, "family", family), "birthDate", birthDate, "sex", sex,
                "unit", unit, "bed", bed));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Registers a device; assigns it to the patient since yesterday unless the patient is null. */
    Monitor monitor(String patient) {
        String id = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        Monitor monitor = new Monitor(id, ward.device(id, "vital-signs-monitor"));
        if (patient != null) {
            ward.assign(id, patient, Instant.now().minus(1, ChronoUnit.DAYS), null);
        }
        return monitor;
    }

    /** Sends device JSON over HTTP, as the device would; the 201 means it is stored. */
    void send(Monitor monitor, String deviceJson) {
        VigilClient.Response response = VigilClient.device(httpPort, monitor.secret())
                .post("/api/v1/devices/" + monitor.id() + "/measurements", deviceJson);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** Device JSON of one reading taken at {@code time}. */
    static String reading(Instant time, String values) {
        return "{\"time\": \"" + time + "\", \"values\": " + values + "}";
    }

    String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }
}
