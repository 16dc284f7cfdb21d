package io.vigil.server.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.web.FormLogin;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web app's storage on PostgreSQL (the browser tests run on H2): notes (V20), monitoring time (V21), the RPM
 * report's days-with-readings query, the trend series and NEWS2 history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        "vigil.rpm.units=home-pg"})
class RpmOnPostgresIT {
    @LocalServerPort
    int httpPort;

    @BeforeAll
    static void requirePostgres() {
        Databases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.postgres(registry);
    }

    @Test
    void notesTimeSeriesAndTheRpmReport_onPostgres() {
        WardFixture ward = new WardFixture(httpPort);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        VigilClient.Response team = ward.admin().post("/api/v1/care-teams", Map.of("id", "pg-" + tag, "name", "PG " + tag,
                "units", List.of("home-pg"), "members", List.of("clinician")));
        assertThat(team.status()).as(team.body()).isEqualTo(201);
        String patient = ward.patient("home-pg");
        String device = "pg-" + tag;
        String secret = ward.device(device, "pulse-oximeter");
        Instant now = Instant.now();
        Instant monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        ward.assign(device, patient, monthStart.minus(1, ChronoUnit.DAYS), null);
        VigilClient asDevice = VigilClient.device(httpPort, secret);
        Set<LocalDate> days = new HashSet<>();
        int readings = 0;
        for (Instant time : List.of(monthStart.plus(2, ChronoUnit.HOURS), monthStart.plus(5, ChronoUnit.HOURS), now)) {
            if (!time.isAfter(now)) {
                VigilClient.Response sent = asDevice.post("/api/v1/devices/" + device + "/measurements",
                        "{\"time\": \"" + time + "\", \"values\": {\"spo2\": 95, \"heart-rate\": 70, \"respiratory-rate\": 14}}",
                        "application/json");
                assertThat(sent.status()).as(sent.body()).isEqualTo(201);
                days.add(LocalDate.ofInstant(time, ZoneOffset.UTC));
                readings++;
            }
        }
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        assertThat(clinician.post("/api/v1/patients/" + patient + "/notes", Map.of("text", "Called; feels well.")).status())
                .isEqualTo(201);
        assertThat(clinician.get("/api/v1/patients/" + patient + "/notes").body()).contains("Called; feels well.");
        assertThat(clinician.post("/api/v1/patients/" + patient + "/monitoring-time",
                Map.of("minutes", 25, "note", "phone")).status()).isEqualTo(201);

        VigilClient.Response series = clinician.get("/api/v1/patients/" + patient + "/series?from=" + monthStart.minusSeconds(1)
                + "&to=" + now.plusSeconds(1));
        assertThat(series.status()).as(series.body()).isEqualTo(200);
        assertThat(series.json().get("series").findValuesAsText("type")).containsExactly("heart-rate", "respiratory-rate", "spo2");
        assertThat(series.json().get("series").get(2).get("v")).hasSize(readings);
        VigilClient.Response history = clinician.get("/api/v1/patients/" + patient + "/news2/trend");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().get("points").size()).isPositive();

        FormLogin browser = new FormLogin(httpPort).logIn("clinician", WardFixture.PASSWORD);
        VigilClient.Response csv = browser.get("/rpm/report.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String row = csv.body().lines().filter(l -> l.contains(patient)).findFirst().orElseThrow();
        assertThat(row).contains(",25," + days.size() + ",false,0,0,0,");
    }
}
