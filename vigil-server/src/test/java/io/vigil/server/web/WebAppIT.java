package io.vigil.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The web app's screens in a real browser (Debian's Chromium driven by Playwright): each role sees only its screens
 * and patients, the patient chart, the alert inbox live across two browsers, device registration and assignment,
 * the RPM worklist and its CSV. Leaves screenshots (desktop and phone width) under target/screens/.
 */
class WebAppIT extends WardServer {
    /** Generous: the pages update within about a second, but a loaded build machine may be slower. */
    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions().setTimeout(10_000);
    private static final Path SCREENS = Path.of("target/screens");

    static Chromium chromium;

    @Autowired
    JdbcTemplate jdbc;

    BrowserContext context;
    Page page;
    final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void launchChromium() throws IOException {
        chromium = new Chromium();
        Files.createDirectories(SCREENS);
    }

    @AfterAll
    static void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void newBrowserContext() {
        context = chromium.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        page = watched(context.newPage());
    }

    @AfterEach
    void closeBrowserContext() {
        context.close();
        assertThat(consoleErrors).as("no script errors, no Content-Security-Policy violations").isEmpty();
    }

    @Test
    void eachRole_seesOnlyItsScreensAndPatients() {
        String shared = admit("1", "Ada", "Lovelace", "1950-12-10", "female");
        String notShared = admit("2", "Alan", "Turing", "1952-06-23", "male");
        String elsewhere = ward.patient("elsewhere-" + UUID.randomUUID().toString().substring(0, 6));
        ward.share(shared, "caregiver");
        Monitor monitor = monitor(shared);
        send(monitor, reading(Instant.now().minusSeconds(30), "{\"heart-rate\": 71, \"body-weight\": 64.2}"));

        logIn(page, "clinician");
        assertThat(nav(page)).containsText("Central station");
        assertThat(nav(page)).not().containsText("Administration");
        page.navigate(url("/patients/" + shared));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ada Lovelace"))).isVisible();
        assertThat(status(page, "/patients/" + elsewhere)).as("a patient outside the clinician's units").isEqualTo(404);
        assertThat(status(page, "/patients/no-such-patient")).as("like one that does not exist").isEqualTo(404);
        assertThat(status(page, "/admin/devices")).isEqualTo(403);
        assertThat(status(page, "/care")).isEqualTo(403);

        Page caregiver = watched(context.browser().newContext().newPage());
        logIn(caregiver, "caregiver");
        assertThat(nav(caregiver)).hasText("My person");
        caregiver.navigate(url("/care"));
        Locator person = caregiver.locator(".person[data-patient=\"" + shared + "\"]");
        assertThat(person.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Ada Lovelace"))).isVisible();
        assertThat(person.locator(".latest [data-type=\"heart-rate\"] .value")).hasText("71");
        assertThat(person.locator(".latest [data-type=\"body-weight\"] .value")).hasText("64.2");
        assertThat(caregiver.locator(".person[data-patient=\"" + notShared + "\"]")).hasCount(0);
        assertThat(status(caregiver, "/patients/" + shared)).as("no chart, no notes for caregivers").isEqualTo(403);
        assertThat(status(caregiver, "/alerts")).isEqualTo(403);
        assertThat(status(caregiver, "/rpm")).isEqualTo(403);
        caregiver.navigate(url("/care"));
        assertThat(person.locator(".trends figure")).hasCount(2);
        screenshots(caregiver, "care");
        caregiver.context().close();

        Page admin = watched(context.browser().newContext().newPage());
        logIn(admin, "admin");
        assertThat(nav(admin)).hasText("Administration");
        assertThat(status(admin, "/patients/" + shared)).as("administrators see no clinical data").isEqualTo(403);
        assertThat(status(admin, "/alerts")).isEqualTo(403);
        admin.navigate(url("/admin/patients"));
        assertThat(admin.locator("#patient-rows")).containsText("Ada Lovelace");
        admin.context().close();

        VigilClient.Response audit = ward.admin().get("/api/v1/audit?patient=" + shared);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).as("the chart view is audited, naming the patient").contains("clinician").contains("page.view");
    }

    @Test
    void patientChart_trendsWithLimitBands_tableView_news2Scale_notes() {
        String patient = admit("4", "Grace", "Hopper", "1946-12-09", "female");
        Monitor monitor = monitor(patient);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int minute = 50; minute >= 0; minute -= 10) {
            send(monitor, reading(now.minus(minute, ChronoUnit.MINUTES), "{\"heart-rate\": " + (70 + minute / 10)
                    + ", \"spo2\": " + (minute == 20 ? 86 : 96) + ", \"respiratory-rate\": 16}"));
        }
        logIn(page, "clinician");
        page.navigate(url("/patients/" + patient));
        assertThat(page.locator("#chart[data-rendered=\"24h\"]")).isVisible(SOON);
        assertThat(page.locator("#charts figure.trend")).hasCount(4);
        assertThat(page.locator("#charts figcaption")).hasText(new String[] {"NEWS2 (not for clinical use)", "Heart rate (/min)",
                "Respiratory rate (/min)", "SpO₂ (%)"});
        assertThat(page.locator("#chart-alerts li")).containsText(new String[] {"spo2-low"});
        assertThat(page.locator(".devices")).containsText(monitor.id());
        assertThat(page.locator(".devices")).containsText("(current)");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("1 h")).click();
        assertThat(page.locator("#chart[data-rendered=\"1h\"]")).isVisible(SOON);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Table")).click();
        Locator rows = page.locator("#table-view tbody tr");
        assertThat(rows).hasCount(6);
        assertThat(rows.first().locator("td").first()).hasText("70");
        assertThat(page.locator("#table-view tbody")).containsText("86");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Charts")).click();

        assertThat(page.locator("#news2-score .news2-total")).isVisible(SOON);
        page.getByLabel("Scale 2 (hypercapnic respiratory failure)").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save scale")).click();
        assertThat(page.locator("#chart-message")).hasText("SpO₂ scale 2 saved.");
        assertThat(page.locator("#limit-rows tr[data-limit=\"spo2-low\"]")).hasAttribute("data-source", "scale-2",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));

        page.getByLabel("New note").fill("Comfortable overnight; oxygen weaned.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note")).click();
        assertThat(page.locator("#notes li").first()).containsText("Comfortable overnight; oxygen weaned.");
        screenshots(page, "chart");
        page.reload();
        assertThat(page.locator("#notes li").first()).containsText("clinician");
        assertThat(page.locator("#notes li").first()).containsText("Comfortable overnight; oxygen weaned.");
        assertThat(page.locator("#news2-scale input[value=\"2\"]")).isChecked();
    }

    @Test
    void acknowledgedAlert_leavesTheInboxOfASecondBrowser() {
        String patient = admit("5", "Frances", "Allen", "1932-08-04", "female");
        Monitor monitor = monitor(patient);
        send(monitor, reading(Instant.now(), "{\"spo2\": 84}"));
        String alert = alertOf(patient);

        logIn(page, "clinician");
        page.navigate(url("/alerts"));
        Page second = watched(context.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844)).newPage());
        logIn(second, "clinician");
        second.navigate(url("/alerts"));
        Locator here = page.locator("tr[data-alert=\"" + alert + "\"]");
        Locator there = second.locator("tr[data-alert=\"" + alert + "\"]");
        assertThat(here).containsText("Frances Allen");
        assertThat(there).containsText("spo2");
        assertThat(second.locator("#live-status")).hasText("Live");
        screenshots(page, "alerts");

        here.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Acknowledge"))).click();
        page.getByLabel("Reason").selectOption("Sensor or lead problem");
        page.getByLabel("Free text").fill("Probe re-sited, SpO2 recovering");
        long clicked = System.nanoTime();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge")).click();
        assertThat(there).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        long leftMillis = (System.nanoTime() - clicked) / 1_000_000;
        System.out.println("event=inbox.ack.propagated millis=" + leftMillis);
        assertThat(here).hasCount(0);

        second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledged")).click();
        assertThat(there).containsText("Sensor or lead problem: Probe re-sited, SpO2 recovering");
        there.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Resolve"))).click();
        assertThat(there).hasCount(0);
        second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("History")).click();
        assertThat(there).containsText("resolved by clinician");
        second.context().close();
    }

    @Test
    void inbox_showsCategoryAndEscalation_snoozesAnAlert_showsItsHistoryAndAcknowledgements() {
        String patient = admit("15", "Mary", "Somerville", "1940-12-26", "female");
        send(monitor(patient), reading(Instant.now(), "{\"spo2\": 84}"));
        String alert = alertOf(patient);
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);

        logIn(page, "clinician");
        page.navigate(url("/alerts"));
        Locator row = page.locator("tr[data-alert=\"" + alert + "\"]");
        assertThat(row.locator(".category")).hasText("physiological");
        String role = clinician.get("/api/v1/alerts/" + alert).json().get("alert").get("escalationRole").asText();
        assertThat(row.locator(".escalation")).containsText("tier");
        assertThat(row.locator(".escalation")).containsText(role);

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Snooze"))).click();
        page.getByLabel("Snooze for").selectOption("15");
        Instant asked = Instant.now();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Snooze")).click();
        assertThat(row.locator(".state")).containsText(Pattern.compile("snoozed until \\d{1,2}:\\d{2}"), new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        var stored = clinician.get("/api/v1/alerts/" + alert).json().get("alert");
        assertThat(stored.get("snoozed").asBoolean()).isTrue();
        assertThat(Instant.parse(stored.get("snoozedUntil").asText()))
                .isBetween(asked.plusSeconds(14 * 60), Instant.now().plusSeconds(15 * 60 + 5));
        screenshots(page, "alerts-snoozed");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Details"))).click();
        Locator history = page.locator("#detail-history tr");
        assertThat(history.first()).containsText("raised");
        assertThat(page.locator("#detail-history")).containsText("snoozed");
        assertThat(history.filter(new Locator.FilterOptions().setHasText("snoozed")).first()).containsText("clinician");
        assertThat(page.locator("#detail-acks")).hasText("Nobody has acknowledged it.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close")).click();

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Acknowledge"))).click();
        page.getByLabel("Reason").selectOption("Artefact or movement");
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge")).click();
        assertThat(row).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledged")).click();
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Details"))).click();
        assertThat(page.locator("#detail-acks li")).hasCount(1);
        assertThat(page.locator("#detail-acks li")).containsText("clinician: Artefact or movement");
        assertThat(page.locator("#detail-history")).containsText("acknowledged");
    }

    @Test
    void inbox_takesAnAlert_handsItToAColleague_filtersByHolderAndEscalationRole() {
        String patient = admit("17", "Rosalind", "Franklin", "1920-07-25", "female");
        send(monitor(patient), reading(Instant.now(), "{\"spo2\": 84}"));
        String alert = alertOf(patient);
        String nurse = "nurse-" + UUID.randomUUID().toString().substring(0, 8);
        VigilClient admin = ward.admin();
        assertThat(admin.post("/api/v1/users", Map.of("username", nurse, "displayName", "Night Nurse",
                "password", WardFixture.PASSWORD, "roles", List.of("clinician"))).status()).isEqualTo(201);
        assertThat(admin.put("/api/v1/care-teams/" + unit + "-team", Map.of("name", "Team of " + unit,
                "units", List.of(unit), "members", List.of("clinician", nurse))).status()).isEqualTo(200);

        logIn(page, "clinician");
        page.navigate(url("/alerts"));
        Locator row = page.locator("tr[data-alert=\"" + alert + "\"]");
        assertThat(row.locator(".assignee")).hasText("nobody");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Take"))).click();
        assertThat(row.locator(".assignee")).hasText("clinician", new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        page.getByLabel("Whose").selectOption("me");
        assertThat(row).hasCount(1);
        screenshots(page, "alerts-assigned");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Assign…"))).click();
        page.getByLabel("Care team member").selectOption(nurse);
        assertThat(page.getByLabel("Care team member")).containsText("Night Nurse");
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Assign")).click();
        assertThat(row).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        var held = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD).get("/api/v1/alerts/" + alert).json().get("alert");
        assertThat(held.get("assignee").asText()).isEqualTo(nurse);
        assertThat(held.get("assignedBy").asText()).isEqualTo("clinician");

        page.getByLabel("Whose").selectOption("");
        assertThat(row.locator(".assignee")).hasText(nurse);
        String role = held.get("escalationRole").asText();
        page.getByLabel("Escalated to").selectOption(role);
        assertThat(row).hasCount(1);
        page.getByLabel("Whose").selectOption("none");
        assertThat(row).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        page.reload();
        assertThat(page.getByLabel("Whose")).hasValue("none");
        assertThat(page.getByLabel("Escalated to")).hasValue(role);
        page.getByLabel("Whose").selectOption("");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Unassign"))).click();
        assertThat(row.locator(".assignee")).hasText("nobody", new LocatorAssertions.HasTextOptions().setTimeout(10_000));
    }

    @Test
    void patientChart_overridesALimit_showsTheProblemOfAnImplausibleOne_resetsItToDefault() {
        String patient = admit("16", "Emmy", "Noether", "1942-03-23", "female");
        logIn(page, "clinician");
        page.navigate(url("/patients/" + patient));
        Locator limit = page.locator("#limit-rows tr[data-limit=\"heart-rate-high\"]");
        assertThat(limit).hasAttribute("data-source", "default", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        String defaultThreshold = limit.locator("td").first().textContent();
        assertThat(limit.locator("td").first()).containsText("/min");
        Locator systolic = page.locator("#limit-rows tr[data-limit=\"systolic-bp-low\"] td").first();
        assertThat(systolic).containsText("mmHg");
        assertThat(systolic).not().containsText("mm[Hg]");
        assertThat(systolic).hasAttribute("title", "UCUM mm[Hg]");

        limit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit heart-rate-high")).click();
        page.getByLabel("Threshold").fill("900");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save override")).click();
        assertThat(page.locator("#limit-error")).containsText("The threshold is a number within");
        assertThat(page.getByRole(AriaRole.DIALOG)).isVisible();

        page.getByLabel("Threshold").fill("150");
        page.getByLabel("Hysteresis").fill("10");
        page.getByLabel("Duration (seconds)").fill("30");
        page.getByLabel("Priority").selectOption("medium");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save override")).click();
        assertThat(limit).hasAttribute("data-source", "override", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        assertThat(limit.locator(".source")).containsText("override (clinician");
        assertThat(limit.locator("td").first()).containsText("150");
        assertThat(limit).containsText("30 s");
        assertThat(limit).containsText("medium");
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        var stored = clinician.get("/api/v1/patients/" + patient + "/limits").json();
        var heartRateHigh = java.util.stream.StreamSupport.stream(stored.spliterator(), false)
                .filter(l -> l.get("id").asText().equals("heart-rate-high")).findFirst().orElseThrow();
        assertThat(heartRateHigh.get("source").asText()).isEqualTo("override");
        assertThat(heartRateHigh.get("threshold").asDouble()).isEqualTo(150.0);
        assertThat(heartRateHigh.get("duration").asText()).isEqualTo("PT30S");
        screenshots(page, "chart-limits");

        limit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reset heart-rate-high to default")).click();
        assertThat(limit).hasAttribute("data-source", "default", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        assertThat(limit.locator("td").first()).hasText(defaultThreshold);
        assertThat(page.locator("#limits-message")).hasText("heart-rate-high is back to its default.");
    }

    @Test
    void admin_registersADevice_seesItsSecretOnce_assignsIt_andTheDeviceSendsWithThatSecret() {
        String patient = admit("6", "Karen", "Sparck Jones", "1945-08-26", "female");
        String device = "web-" + UUID.randomUUID().toString().substring(0, 8);
        logIn(page, "admin");
        page.navigate(url("/admin/devices"));
        page.getByLabel("Device id").fill(device);
        page.getByLabel("Type").selectOption("pulse-oximeter");
        page.getByLabel("Serial").fill("SN-" + device);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register")).click();
        Locator secret = page.locator("#device-secret");
        assertThat(secret).isVisible(SOON);
        String shownSecret = secret.textContent();
        assertThat(shownSecret).isNotBlank();
        Locator row = page.locator("tr[data-device=\"" + device + "\"]");
        assertThat(row).containsText("active");

        page.getByLabel("Device", new Page.GetByLabelOptions().setExact(true)).selectOption(device);
        page.getByLabel("Patient", new Page.GetByLabelOptions().setExact(true)).selectOption(patient);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign")).click();
        assertThat(row).containsText("Karen Sparck Jones");
        screenshots(page, "admin-devices");

        page.reload();
        assertThat(page.locator("#device-secret")).hasCount(0);
        assertThat(page.content()).as("the secret is never shown again").doesNotContain(shownSecret);

        send(new Monitor(device, shownSecret), reading(Instant.now(), "{\"spo2\": 97}"));
        VigilClient.Response latest = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD)
                .get("/api/v1/patients/" + patient + "/latest");
        assertThat(latest.body()).contains("\"spo2\"").contains(device);
        page.reload();
        assertThat(row.locator("td").nth(2)).not().hasText("—");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Unassign " + device)).click();
        assertThat(row.locator("td").nth(4)).hasText("—");
    }

    @Test
    void admin_dischargesAPatient_whoLeavesTheCentralStationWithTheirDevicesUnassigned_andReadmits() {
        String staying = admit("1", "Rosalind", "Franklin", "1920-07-25", "female");
        String leaving = admit("2", "Lise", "Meitner", "1928-11-07", "female");
        Monitor monitor = monitor(leaving);
        send(monitor, reading(Instant.now(), "{\"heart-rate\": 64}"));
        logIn(page, "admin");
        page.onDialog(dialog -> dialog.accept());
        page.navigate(url("/admin/patients"));
        Locator row = page.locator("#patient-rows tr[data-patient=\"" + leaving + "\"]");
        assertThat(row.locator(".status")).hasText("admitted");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Discharge Lise Meitner")).click();
        assertThat(row.locator(".status")).hasText("discharged");
        VigilClient.Response history = ward.admin().get("/api/v1/devices/" + monitor.id() + "/assignments");
        assertThat(history.json().get(0).get("end").isNull()).as("the device's assignment ended").isFalse();
        screenshots(page, "admin-patients");

        Page clinician = watched(context.browser().newContext().newPage());
        logIn(clinician, "clinician");
        clinician.navigate(url("/?unit=" + unit));
        assertThat(clinician.locator("article.tile")).hasCount(1);
        assertThat(clinician.locator("article.tile").first()).hasAttribute("data-patient", staying);
        clinician.navigate(url("/patients/" + leaving));
        // the record stays with the unit's clinicians
        assertThat(clinician.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Lise Meitner"))).isVisible();

        page.getByLabel("Patient", new Page.GetByLabelOptions().setExact(true)).selectOption(leaving);
        page.locator("#m-unit").fill(unit);
        page.locator("#m-bed").fill("7");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move")).click();
        assertThat(row.locator(".status")).hasText("admitted");
        clinician.navigate(url("/?unit=" + unit));
        assertThat(clinician.locator("article.tile")).hasCount(2);
        clinician.context().close();
    }

    @Test
    void rpmWorklist_ordersByNeed_countsDaysWithReadingsAndMinutes_exportsCsv() throws IOException {
        VigilClient.Response team = ward.admin().post("/api/v1/care-teams", Map.of("id", unit + "-home",
                "name", "Home team " + unit, "units", List.of("home"), "members", List.of("clinician")));
        assertThat(team.status()).as(team.body()).isEqualTo(201);
        String alerting = homePatient("Hedy", "Lamarr-" + unit);
        String quiet = homePatient("Karen", "Quiet-" + unit);
        String silent = homePatient("Ken", "Silent-" + unit);
        Instant now = Instant.now();
        Instant monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Monitor alertingMonitor = monitorSince(alerting, monthStart.minus(1, ChronoUnit.DAYS));
        Monitor quietMonitor = monitor(quiet);
        Set<LocalDate> readingDays = new HashSet<>();
        for (int day = 0; day < 3; day++) {
            Instant time = monthStart.plus(day, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES);
            if (time.isBefore(now.minusSeconds(60))) {
                send(alertingMonitor, reading(time, "{\"heart-rate\": 70}"));
                readingDays.add(LocalDate.ofInstant(time, ZoneOffset.UTC));
            }
        }
        readingDays.add(LocalDate.ofInstant(now, ZoneOffset.UTC));
        int days = readingDays.size();
        send(alertingMonitor, reading(now, "{\"spo2\": 85}"));
        send(quietMonitor, reading(now, "{\"heart-rate\": 66}"));

        logIn(page, "clinician");
        page.navigate(url("/patients/" + quiet));
        page.getByLabel("Minutes").fill("12");
        page.getByLabel("What (e.g. phone call)").fill("phone call with daughter");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add time")).click();
        assertThat(page.locator("#monitoring-total")).hasText(Pattern.compile("^12 min in "));

        page.navigate(url("/rpm"));
        Locator mine = page.locator("tr[data-patient=\"" + alerting + "\"], tr[data-patient=\"" + quiet + "\"], tr[data-patient=\""
                + silent + "\"]");
        assertThat(mine).hasCount(3);
        assertThat(mine.nth(0)).hasAttribute("data-patient", alerting);
        assertThat(mine.nth(1)).hasAttribute("data-patient", silent);
        assertThat(mine.nth(2)).hasAttribute("data-patient", quiet);
        assertThat(mine.nth(0).locator(".open-alerts")).containsText("1 high");
        assertThat(mine.nth(0).locator(".days")).containsText(Integer.toString(days));
        assertThat(mine.nth(1).locator(".last-reading")).containsText("missing data");
        assertThat(mine.nth(2).locator(".minutes")).hasText("12");
        assertThat(mine.nth(2).locator(".days")).containsText("1");
        screenshots(page, "rpm");

        Download download = page.waitForDownload(() -> page.getByText("Export CSV").click());
        List<String> csv = Files.readAllLines(download.path());
        assertThat(csv.getFirst()).startsWith("month,patient_id,mrn,name,unit,monitoring_minutes,days_with_readings");
        String quietRow = csv.stream().filter(l -> l.contains(quiet)).findFirst().orElseThrow();
        assertThat(quietRow).contains(",12,1,false,0,0,0,");
        String alertingRow = csv.stream().filter(l -> l.contains(alerting)).findFirst().orElseThrow();
        // spo2 85 alone scores 3 in NEWS2: news2-medium opens beside spo2-low (2 open, 1 high, 2 this month)
        assertThat(alertingRow).contains(",0," + days + ",false,2,1,2,");
    }

    @Test
    void centralStation_news2AndAlertsOnTiles_sortsByAcuity_announcesANewHighAlert_soundMutedPerBrowser() {
        String calm = admit("1", "Mary", "Somerville", "1940-12-26", "female");
        String unwell = admit("2", "Emmy", "Noether", "1942-03-23", "female");
        Monitor calmMonitor = monitor(calm);
        Monitor unwellMonitor = monitor(unwell);
        Instant now = Instant.now();
        send(calmMonitor, reading(now, "{\"heart-rate\": 72, \"respiratory-rate\": 14, \"spo2\": 97}"));
        send(unwellMonitor, reading(now, "{\"heart-rate\": 118, \"respiratory-rate\": 26, \"spo2\": 88}"));

        logIn(page, "clinician");
        page.navigate(url("/?unit=" + unit));
        Locator tiles = page.locator("article.tile");
        assertThat(tiles.first()).hasAttribute("data-patient", calm);
        Locator unwellTile = page.locator("article.tile[data-patient=\"" + unwell + "\"]");
        assertThat(unwellTile.locator(".news2-badge")).containsText("NEWS2 8");
        assertThat(unwellTile.locator(".news2-badge")).containsText("incomplete");
        assertThat(unwellTile.locator(".tile-alerts")).containsText("3 high alerts", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("By acuity")).click();
        assertThat(tiles.first()).hasAttribute("data-patient", unwell);

        send(calmMonitor, reading(Instant.now(), "{\"spo2\": 84}"));
        assertThat(page.locator("#alert-cue")).containsText("New high-priority alert: Mary Somerville (spo2)",
                new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
        screenshots(page, "central-station");

        Locator mute = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mute alert sound"));
        mute.click();
        assertThat(page.locator("#mute")).hasAttribute("aria-pressed", "true");
        page.reload();
        assertThat(page.locator("#mute")).hasAttribute("aria-pressed", "true");
        assertThat(page.locator("#sort [data-sort=\"acuity\"]")).hasAttribute("aria-pressed", "true");
        assertThat(tiles.first()).hasAttribute("data-patient", unwell);
    }

    @Test
    void patientChart_glucoseReport_forACgmWearer() {
        String patient = admit("9", "Claude", "Shannon", "1956-04-30", "male");
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 14 * 288; i++) {
            Instant time = end.minus(5L * i, ChronoUnit.MINUTES);
            double hour = time.atZone(ZoneOffset.UTC).getHour();
            double glucose = 120 + 60 * Math.sin(hour / 24 * 2 * Math.PI) + (i % 288 == 7 ? -70 : 0);
            rows.add(new Object[] {500_000L + i, "cgm-" + patient.substring(0, 8), patient, java.sql.Timestamp.from(time),
                    java.sql.Timestamp.from(time), glucose});
        }
        jdbc.batchUpdate("INSERT INTO observation (id, device_id, patient_id, type_code, effective_at, received_at, time_source, "
                + "value_num) VALUES (?, ?, ?, 'cgm-glucose', ?, ?, 'D', ?)", rows);

        logIn(page, "clinician");
        page.navigate(url("/patients/" + patient));
        Locator report = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Glucose report (last 14 days)"));
        assertThat(report).isVisible(SOON);
        assertThat(report.locator(".tir-part")).hasCount(5);
        assertThat(report.locator(".tir-part.in-range")).containsText("70–180:");
        assertThat(report.locator("#glucose-metrics")).containsText("Mean glucose");
        assertThat(report.locator("#agp canvas")).hasCount(1);
        assertThat(page.locator("#charts figcaption")).containsText(new String[] {"Glucose (mg/dL)"});
        report.scrollIntoViewIfNeeded();
        screenshots(page, "chart-glucose");
    }

    @Test
    void patientChart_showsTheLatestImplantInterrogation() {
        String patient = admit("18", "Wilson", "Greatbatch", "1919-09-06", "male");
        String id = "pm-" + UUID.randomUUID().toString().substring(0, 8);
        VigilClient implant = VigilClient.device(httpPort, ward.device(id, "pacemaker"));
        ward.assign(id, patient, Instant.now().minus(1, ChronoUnit.DAYS), null);
        String report = "{\"interrogatedAt\": \"" + Instant.now().minusSeconds(300) + "\", \"device\": {\"kind\": \"pacemaker\","
                + " \"manufacturer\": \"Acme Rhythm\", \"model\": \"Pulse DR\", \"serial\": \"PM-7\"},"
                + " \"battery\": {\"status\": \"eri\", \"voltage\": 2.6},"
                + " \"leads\": [{\"chamber\": \"RA\", \"impedance\": 510}, {\"chamber\": \"RV\", \"impedance\": 2400}],"
                + " \"episodes\": [{\"type\": \"AF\", \"start\": \"" + Instant.now().minusSeconds(7200)
                + "\", \"durationSeconds\": 5400}], \"afBurdenPercent\": 4.5}";
        VigilClient.Response stored = implant.post("/api/v1/devices/" + id + "/interrogations", report, "application/json");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);

        logIn(page, "clinician");
        page.navigate(url("/patients/" + patient));
        Locator panel = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Implanted device (latest interrogation)"));
        assertThat(panel).isVisible(SOON);
        assertThat(panel.locator("[data-fact=\"Battery\"]")).containsText("at elective replacement indicator");
        assertThat(panel.locator("#implant-leads tr").nth(1)).containsText("2400 Ω");
        assertThat(panel.locator("#implant-episodes")).containsText("AF");
        panel.scrollIntoViewIfNeeded();
        screenshots(page, "chart-implant");
    }

    @Test
    void chartHeartbeat_creditsNoMoreThanTheTimeThatPassed() {
        String patient = admit("8", "Edsger", "Dijkstra", "1930-05-11", "male");
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        VigilClient.Response first = clinician.post("/api/v1/patients/" + patient + "/monitoring-time", Map.of("seconds", 30));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        VigilClient.Response again = clinician.post("/api/v1/patients/" + patient + "/monitoring-time", Map.of("seconds", 30));
        assertThat(again.status()).as("a second tab's beat at once adds nothing").isIn(201, 204);
        VigilClient.Response month = clinician.get("/api/v1/patients/" + patient + "/monitoring-time");
        assertThat(month.json().get("totalSeconds").asInt()).isBetween(30, 35);
        VigilClient.Response tooLong = clinician.post("/api/v1/patients/" + patient + "/monitoring-time", Map.of("seconds", 600));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("code").asText()).isEqualTo("VIGIL-1651");
        VigilClient.Response admin = ward.admin().post("/api/v1/patients/" + patient + "/monitoring-time", Map.of("seconds", 30));
        assertThat(admin.status()).isEqualTo(403);
    }

    private String homePatient(String given, String family) {
        VigilClient.Response created = ward.admin().post("/api/v1/patients", Map.of(
                "mrn", "MRN-" + UUID.randomUUID().toString().substring(0, 8),
                "name", Map.of("given", given, "family", family), "birthDate", "1950-01-01", "sex", "female", "unit", "home"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Monitor monitorSince(String patient, Instant start) {
        String id = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        Monitor monitor = new Monitor(id, ward.device(id, "vital-signs-monitor"));
        ward.assign(id, patient, start, null);
        return monitor;
    }

    private String alertOf(String patient) {
        VigilClient.Response alerts = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD)
                .get("/api/v1/alerts?patient=" + patient + "&state=active&rule=spo2-low");
        assertThat(alerts.json()).as(alerts.body()).hasSize(1);
        return alerts.json().get(0).get("id").asText();
    }

    private Page watched(Page p) {
        p.onConsoleMessage(message -> {
            // refused pages and absent optional APIs (per-patient limits, the alert stream) answer 4xx: expected here
            boolean refused = message.text().startsWith("Failed to load resource: the server responded with a status of 4")
                    || message.text().contains("text/event-stream");
            if (message.type().equals("error") && !refused) {
                consoleErrors.add(message.text());
            }
        });
        return p;
    }

    private int status(Page p, String path) {
        Response response = p.navigate(url(path));
        return response.status();
    }

    @Test
    void adherenceCalendar_showsOnTimeLateMissedAndUnscheduledDays_toTheCaregiverAndFromTheChart() {
        String patient = ward.patient(unit);
        ward.share(patient, "caregiver");
        String dispenser = "disp-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = ward.device(dispenser, "medication-dispenser");
        // Last month, fully in the past: once daily at 08:00 UTC on its first three days only.
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Instant first = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        ward.assign(dispenser, patient, first.minus(1, ChronoUnit.DAYS), null);
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        VigilClient.Response schedule = clinician.post("/api/v1/patients/" + patient + "/medication-schedules", Map.of(
                "medication", "Warfarin 5 mg", "frequency", 1, "timesOfDay", List.of("08:00"), "zone", "UTC",
                "start", first.toString(), "end", first.plus(3, ChronoUnit.DAYS).toString()));
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);
        String id = schedule.json().get("schedule").get("id").asText();
        VigilClient.Response events = VigilClient.device(httpPort, secret).post("/api/v1/devices/" + dispenser + "/events",
                "[{\"id\": \"w1\", \"type\": \"dose-taken\", \"time\": \"" + first.plus(8, ChronoUnit.HOURS).plus(20, ChronoUnit.MINUTES)
                        + "\", \"schedule\": \"" + id + "\"}, {\"id\": \"w2\", \"type\": \"dose-taken\", \"time\": \""
                        + first.plus(1, ChronoUnit.DAYS).plus(11, ChronoUnit.HOURS) + "\", \"schedule\": \"" + id + "\"}]",
                "application/json");
        assertThat(events.status()).as(events.body()).isEqualTo(201);

        logIn(page, "caregiver");
        page.navigate(url("/care"));
        page.locator("article[data-patient=\"" + patient + "\"] .adherence-link").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Medication adherence");
        page.navigate(url("/adherence/" + patient + "?month=" + month));
        Locator calendar = page.locator("section.medication[data-schedule=\"" + id + "\"]");
        assertThat(calendar.locator("h2")).hasText("Warfarin 5 mg");
        assertThat(calendar.locator("td[data-date=\"" + month.atDay(1) + "\"]")).hasAttribute("data-outcome", "on-time");
        assertThat(calendar.locator("td[data-date=\"" + month.atDay(2) + "\"]")).hasAttribute("data-outcome", "late");
        assertThat(calendar.locator("td[data-date=\"" + month.atDay(3) + "\"]")).hasAttribute("data-outcome", "missed");
        assertThat(calendar.locator("td[data-date=\"" + month.atDay(4) + "\"]")).hasAttribute("data-outcome", "none");
        assertThat(calendar.locator("dd.scheduled")).hasText("3");
        assertThat(calendar.locator("dd.on-time")).hasText("1");
        assertThat(calendar.locator("dd.pdc")).hasText("67%");
        assertThat(page.locator("main .hint").first()).containsText("Not for clinical use");
        screenshots(page, "adherence");

        // The clinician reaches it from the patient's chart.
        BrowserContext other = chromium.browser.newContext();
        try {
            Page chart = watched(other.newPage());
            logIn(chart, "clinician");
            chart.navigate(url("/patients/" + patient));
            chart.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Medication adherence")).click();
            assertThat(chart.locator("main#adherence")).hasAttribute("data-patient", patient);
        } finally {
            other.close();
        }
    }

    private static Locator nav(Page p) {
        return p.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Screens"));
    }

    private void logIn(Page p, String user) {
        p.navigate(url("/login"));
        p.getByLabel("User name").fill(user);
        p.getByLabel("Password").fill(WardFixture.PASSWORD);
        p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))).isVisible();
    }

    private static void screenshots(Page p, String name) {
        p.screenshot(new Page.ScreenshotOptions().setPath(SCREENS.resolve(name + ".png")).setFullPage(true));
        var size = p.viewportSize();
        p.setViewportSize(390, 844);
        p.screenshot(new Page.ScreenshotOptions().setPath(SCREENS.resolve(name + "-phone.png")).setFullPage(true));
        p.setViewportSize(size.width, size.height);
    }
}
