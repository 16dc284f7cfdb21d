package io.vigil.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.vigil.server.WardFixture;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a test: a measurement run that prints figures (docs/benchmarks.md), run only when named —
 * {@code ./mvnw -o verify -pl vigil-server -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=WebRenderBenchmark -Dfailsafe.failIfNoSpecifiedTests=false}. Time to first render, in headless Chromium on
 * H2, of the central station with 60 patients and of a patient chart holding 7 days of 1-minute readings (heart
 * rate, SpO2, respiratory rate: 30,240 observations), each the median of {@link #RUNS} page loads after one warm-up.
 */
// Page loads follow each other faster than the 2 s keep-alive notices the streams they leave: room for all of them.
@TestPropertySource(properties = "vigil.ward.max-streams-per-user=64")
class WebRenderBenchmark extends WardServer {
    private static final int RUNS = 7;
    private static final int PATIENTS = 60;
    private static final LocatorAssertions.IsVisibleOptions PATIENT = new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void centralStationAndChart_timeToFirstRender() {
        List<String> patients = new ArrayList<>();
        for (int i = 1; i <= PATIENTS; i++) {
            String patient = admit(String.format("%02d", i), "Bench", "Patient-" + i, "1950-01-01", "female");
            send(monitor(patient), reading(Instant.now().minusSeconds(i), "{\"heart-rate\": " + (60 + i % 30)
                    + ", \"spo2\": 96, \"respiratory-rate\": 15, \"blood-pressure\": {\"systolic\": 120, \"diastolic\": 80}}"));
            patients.add(patient);
        }
        String charted = patients.getFirst();
        int rows = weekOfMinuteReadings(charted);

        try (Chromium chromium = new Chromium()) {
            BrowserContext context = chromium.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
            Page page = context.newPage();
            logIn(page);
            double[] station = measure(page, "/?unit=" + unit, p -> {
                assertThat(p.locator("article.tile")).hasCount(PATIENTS);
                return paint(p);
            });
            double[] stationLive = measure(page, "/?unit=" + unit, p -> {
                assertThat(p.locator("#live-status")).hasText("Live");
                return ((Number) p.evaluate("() => performance.now()")).doubleValue();
            });
            double[] chart24h = measure(page, "/patients/" + charted, p -> {
                assertThat(p.locator("#chart[data-rendered=\"24h\"]")).isVisible(PATIENT);
                return ((Number) p.evaluate("() => window.vigilChartRendered")).doubleValue();
            });
            double[] chart7d = measure(page, "/patients/" + charted + "?window=7d", p -> {
                assertThat(p.locator("#chart[data-rendered=\"7d\"]")).isVisible(PATIENT);
                return ((Number) p.evaluate("() => window.vigilChartRendered")).doubleValue();
            });
            double[] chart30d = measure(page, "/patients/" + charted + "?window=30d", p -> {
                assertThat(p.locator("#chart[data-rendered=\"30d\"]")).isVisible(PATIENT);
                return ((Number) p.evaluate("() => window.vigilChartRendered")).doubleValue();
            });
            System.out.printf("%nweb render benchmark (headless Chromium, H2, median of %d loads after a warm-up, ms from navigation start;"
                    + " load average %.1f on %d cores)%n", RUNS, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
            report("central station, " + PATIENTS + " patients: first contentful paint (tiles server-rendered)", station);
            report("central station, " + PATIENTS + " patients: live (event stream open)", stationLive);
            report("patient chart, " + rows + " readings over 7 days: 24 h window drawn", chart24h);
            report("patient chart, " + rows + " readings over 7 days: 7 d window drawn", chart7d);
            report("patient chart, " + rows + " readings over 7 days: 30 d window drawn", chart30d);
            context.close();
        }
    }

    /** 7 days of 1-minute heart rate, SpO2 and respiratory rate for the patient, written straight to the table. */
    private int weekOfMinuteReadings(String patient) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        int minutes = 7 * 24 * 60;
        List<Object[]> batch = new ArrayList<>();
        long id = 1;
        for (int m = 0; m < minutes; m++) {
            Timestamp time = Timestamp.from(end.minus(m, ChronoUnit.MINUTES));
            double phase = Math.sin(m / 180.0);
            batch.add(new Object[] {id++, "bench-monitor", patient, "heart-rate", time, time, 72 + 12 * phase});
            batch.add(new Object[] {id++, "bench-monitor", patient, "spo2", time, time, 96 + 2 * phase});
            batch.add(new Object[] {id++, "bench-monitor", patient, "respiratory-rate", time, time, 16 + 3 * phase});
        }
        jdbc.batchUpdate("INSERT INTO observation (id, device_id, patient_id, type_code, effective_at, received_at, time_source, "
                + "value_num) VALUES (?, ?, ?, ?, ?, ?, 'D', ?)", batch);
        // Rows written around the ingest writer: its "newest per type" (observation_latest, V26) is filled in by hand.
        jdbc.update("INSERT INTO observation_latest (patient_id, type_code, effective_at, observation_id) "
                + "SELECT patient_id, type_code, MAX(effective_at), MAX(id) FROM observation WHERE device_id = 'bench-monitor' "
                + "AND patient_id = ? AND effective_at = ? GROUP BY patient_id, type_code", patient, Timestamp.from(end));
        return batch.size();
    }

    private double[] measure(Page page, String path, ToDoubleFunction<Page> rendered) {
        double[] times = new double[RUNS];
        for (int run = -1; run < RUNS; run++) {
            page.navigate(url(path));
            double time = rendered.applyAsDouble(page);
            if (run >= 0) {
                times[run] = time;
            }
        }
        return times;
    }

    private static double paint(Page page) {
        Object fcp = page.evaluate("() => new Promise(done => new PerformanceObserver((list, observer) => {"
                + " const e = list.getEntriesByName('first-contentful-paint')[0]; if (e) { observer.disconnect(); done(e.startTime); } })"
                + ".observe({type: 'paint', buffered: true}))");
        return ((Number) fcp).doubleValue();
    }

    private static void report(String what, double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-90s median %6.0f  min %6.0f  max %6.0f%n", what, sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }

    private void logIn(Page page) {
        page.navigate(url("/login"));
        page.getByLabel("User name").fill("clinician");
        page.getByLabel("Password").fill(WardFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))).isVisible();
    }
}
