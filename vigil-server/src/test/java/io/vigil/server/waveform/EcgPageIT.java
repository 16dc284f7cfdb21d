package io.vigil.server.waveform;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.vigil.codec.waveform.SampleFormat;
import io.vigil.codec.waveform.WaveformFrame;
import io.vigil.codec.waveform.WaveformFrameEncoder;
import io.vigil.codec.waveform.WaveformSignal;
import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import io.vigil.sim.ecg.EcgFrames;
import io.vigil.sim.ecg.EcgRhythm;
import io.vigil.sim.ecg.EcgSource;
import io.vigil.sim.ecg.SyntheticEcg;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ECG page in Debian's Chromium: the past window with its beats, and the live strip fed over SSE. */
class EcgPageIT extends BedsideContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    EmbeddedBroker broker;

    @Test
    void reviewShowsThePastWindowsBeats_andTheLiveStripFollowsNewFrames() {
        Instant origin = Instant.now().minus(70, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        EcgFrames frames = new EcgFrames(new EcgSource.Synthetic(new SyntheticEcg(250, 200, 0, EcgRhythm.SINUS, 72, 3),
                250, 200, 0), WaveformSignal.ECG_II, origin, Duration.ofSeconds(1));
        try (MqttDevice mqtt = MqttDevice.connect(broker.port(), deviceId, secret);
             Playwright playwright = Playwright.create();
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            for (int i = 0; i < 40; i++) {
                send(mqtt, frames.next().orElseThrow());
            }
            Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
            page.navigate(url("/login"));
            page.getByLabel("User name").fill("clinician");
            page.getByLabel("Password").fill(WardFixture.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            page.navigate(url("/patients/" + patient + "/ecg"));

            // The review opens on the window that began a minute ago: inside the 40 s just sent.
            assertThat(page.locator("#review-summary")).hasText(Pattern.compile("^1[12] beats in 10 s; 0 break"));
            assertThat(page.locator("#ecg-status")).hasText("Live");

            while (frames.nextStart().isBefore(Instant.now().plusSeconds(3))) {
                send(mqtt, frames.next().orElseThrow());
            }
            assertThat(page.locator("#live-rate")).hasText(Pattern.compile("^(6[89]|7[0-6]) /min$"));
            Object inked = page.evaluate("() => { const c = document.getElementById('live-strip');"
                    + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                    + " for (let i = 0; i < d.length; i += 4) if (d[i] < 60 && d[i + 1] < 60 && d[i + 2] < 60 && d[i + 3] > 0) n++;"
                    + " return n; }");
            assertThat(((Number) inked).intValue()).as("dark trace pixels on the live strip").isGreaterThan(1000);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/ecg-page.png")));
        }
    }

    private void send(MqttDevice mqtt, WaveformFrame frame) {
        MqttDevice.PubAck ack = mqtt.publish("vigil/v1/devices/" + deviceId + "/waveform/ecg-ii",
                WaveformFrameEncoder.encode(frame, SampleFormat.DELTA_VARINT));
        assertThat(ack.success()).as(ack.reason()).isTrue();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }
}
