package io.vigil.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.vigil.server.WardFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ward page in a real browser (Debian's Chromium driven by Playwright): login, the tiles, a live
 * update without reload, stale values, the unattributed panel, the banner. Leaves screenshots in
 * target/ward.png (desktop), target/ward-phone.png and target/ward-no-script.png (server-rendered only).
 */
class WardPageIT extends WardServer {
    /** Generous: the page updates within a second, but a loaded build machine may be slower. */
    private static final LocatorAssertions.HasTextOptions LIVE = new LocatorAssertions.HasTextOptions().setTimeout(10_000);

    static Chromium chromium;
    static Browser browser;

    BrowserContext context;
    Page page;

    @BeforeAll
    static void launchChromium() {
        chromium = new Chromium();
        browser = chromium.browser;
    }

    @AfterAll
    static void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void newBrowserContext() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        page = context.newPage();
    }

    @AfterEach
    void closeBrowserContext() {
        context.close();
    }

    @Test
    void wardPage_withoutLogin_redirectsToTheLoginPage_underTheBanner() {
        page.navigate(url("/?unit=" + unit));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        assertThat(page.getByText("NOT FOR CLINICAL USE")).isVisible();
        assertThat(page.getByText("demo software without regulatory clearance")).isVisible();
    }

    @Test
    void login_wrongPassword_showsTheError() {
        page.navigate(url("/login"));
        page.getByLabel("User name").fill("clinician");
        page.getByLabel("Password").fill("not-the-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page).hasURL(Pattern.compile(".*/login\\?error$"));
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong user name or password.");
    }

    @Test
    void wardPage_showsLatestVitals_updatesLiveWithoutReload_marksStale_listsUnattributed() {
        String ada = admit("1", "Ada", "Lovelace", "1950-12-10", "female");
        String alan = admit("2", "Alan", "Turing", "1952-06-23", "male");
        String grace = admit("10", "Grace", "Hopper", "1946-12-09", "female");
        String claude = admit("3", "Claude", "Shannon", "1956-04-30", "male");
        Monitor adaMonitor = monitor(ada);
        Monitor alanMonitor = monitor(alan);
        Monitor claudeMonitor = monitor(claude);
        Monitor stray = monitor(null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        send(adaMonitor, reading(now.minusSeconds(20), "{\"heart-rate\": 72, \"respiratory-rate\": 16, \"spo2\": 97,"
                + " \"supplemental-oxygen\": 2, \"blood-pressure\": {\"systolic\": 120, \"diastolic\": 80, \"mean\": 93},"
                + " \"body-temperature\": 37.2, \"consciousness\": \"A\"}"));
        send(alanMonitor, reading(now.minus(10, ChronoUnit.MINUTES), "{\"heart-rate\": 64}"));
        send(alanMonitor, reading(now.minusSeconds(5), "{\"spo2\": 95, \"respiratory-rate\": 14}"));
        send(claudeMonitor, reading(now.minus(3, ChronoUnit.HOURS), "{\"body-weight\": 82.4, \"blood-glucose\": {\"value\": 6.1, \"unit\": \"mmol/L\"}}"));
        send(claudeMonitor, "{\"values\": {\"heart-rate\": 81}}");
        send(stray, reading(now.minusSeconds(40), "{\"spo2\": 93}"));

        List<String> consoleErrors = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                consoleErrors.add(message.text());
            }
        });
        logIn("clinician", WardFixture.PASSWORD);
        page.navigate(url("/?unit=" + unit));
        assertThat(page.locator("#live-status")).hasText("Live", LIVE);
        assertThat(page.getByText("NOT FOR CLINICAL USE")).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Unit " + unit))).isVisible();

        assertThat(page.locator("article.tile")).hasCount(4);
        assertThat(page.locator("article.tile .bed")).hasText(new String[] {"Bed 1", "Bed 2", "Bed 3", "Bed 10"});
        Locator adaTile = tile(ada);
        assertThat(adaTile.getByRole(AriaRole.HEADING)).hasText("Bed 1 Ada Lovelace");
        assertThat(adaTile.locator(".who")).containsText("female");
        assertThat(adaTile.locator(".who")).containsText("MRN");
        assertThat(value(ada, "heart-rate")).hasText("72");
        assertThat(vital(ada, "heart-rate").locator(".unit")).hasText("bpm");
        assertThat(value(ada, "blood-pressure")).hasText("120/80 (93)");
        assertThat(value(ada, "supplemental-oxygen")).hasText("2.0");
        assertThat(value(ada, "body-temperature")).hasText("37.2");
        assertThat(value(ada, "consciousness")).hasText("A");
        assertThat(vital(ada, "consciousness").locator(".detail")).hasText("Alert");
        assertThat(vital(ada, "heart-rate").locator(".age")).hasText(Pattern.compile("\\d+ s ago"));
        assertThat(vital(ada, "heart-rate")).not().hasClass(Pattern.compile("\\bstale\\b"));
        assertThat(vital(ada, "heart-rate").getByText("stale")).isHidden();

        assertThat(vital(alan, "heart-rate")).hasClass(Pattern.compile("\\bstale\\b"));
        assertThat(vital(alan, "heart-rate").getByText("stale")).isVisible();
        assertThat(vital(alan, "heart-rate").locator(".age")).hasText(Pattern.compile("1\\d min ago"));
        assertThat(vital(alan, "spo2")).not().hasClass(Pattern.compile("\\bstale\\b"));

        assertThat(value(claude, "body-weight")).hasText("82.4");
        assertThat(value(claude, "blood-glucose")).hasText("110");
        assertThat(vital(claude, "blood-glucose")).not().hasClass(Pattern.compile("\\bstale\\b"));
        assertThat(vital(claude, "heart-rate").locator(".received")).isVisible();
        assertThat(tile(grace).getByText("No readings yet")).isVisible();

        Locator unattributed = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Unattributed devices"));
        assertThat(unattributed.locator("tr[data-device=\"" + stray.id() + "\"]")).containsText(stray.id());

        page.evaluate("() => { window.vigilSamePage = true; }");
        send(adaMonitor, reading(Instant.now(), "{\"heart-rate\": 88}"));
        assertThat(value(ada, "heart-rate")).hasText("88", LIVE);
        assertThat(page.evaluate("() => window.vigilSamePage === true")).as("updated without a reload").isEqualTo(true);
        assertThat(value(ada, "blood-pressure")).hasText("120/80 (93)");

        assertThat(consoleErrors).as("no script errors, no Content-Security-Policy violations").isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/ward.png")).setFullPage(true));
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/ward-phone.png")).setFullPage(true));
    }

    @Test
    void wardPage_withoutJavaScript_stillShowsTheLatestValuesAndStaleness() {
        BrowserContext noScript = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false));
        try {
            page = noScript.newPage();
            String patient = admit("7", "Frances", "Allen", "1932-08-04", "female");
            Monitor monitor = monitor(patient);
            send(monitor, reading(Instant.now().minus(10, ChronoUnit.MINUTES), "{\"heart-rate\": 59, \"spo2\": 99}"));
            send(monitor, reading(Instant.now(), "{\"spo2\": 96}"));
            logIn("clinician", WardFixture.PASSWORD);
            page.navigate(url("/?unit=" + unit));
            assertThat(value(patient, "heart-rate")).hasText("59");
            assertThat(vital(patient, "heart-rate").getByText("stale")).isVisible();
            assertThat(value(patient, "spo2")).hasText("96");
            assertThat(vital(patient, "spo2").getByText("stale")).isHidden();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/ward-no-script.png")).setFullPage(true));
        } finally {
            noScript.close();
        }
    }

    @Test
    void logout_endsTheSession() {
        logIn("clinician", WardFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page).hasURL(Pattern.compile(".*/login\\?logout$"));
        page.navigate(url("/"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
    }

    private void logIn(String user, String password) {
        page.navigate(url("/login"));
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page).hasURL(Pattern.compile(".*/$"));
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))).isVisible();
    }

    private Locator tile(String patient) {
        return page.locator("article.tile[data-patient=\"" + patient + "\"]");
    }

    private Locator vital(String patient, String type) {
        return tile(patient).locator(".vital[data-type=\"" + type + "\"]");
    }

    private Locator value(String patient, String type) {
        return vital(patient, type).locator(".value");
    }
}
