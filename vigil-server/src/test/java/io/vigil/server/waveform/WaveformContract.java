package io.vigil.server.waveform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.codec.waveform.SampleFormat;
import io.vigil.codec.waveform.WaveformFrame;
import io.vigil.codec.waveform.WaveformFrameEncoder;
import io.vigil.codec.waveform.WaveformSignal;
import io.vigil.server.BedsideContract;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.web.FormLogin;
import io.vigil.server.mqtt.EmbeddedBroker;
import io.vigil.sim.ecg.EcgFrames;
import io.vigil.sim.ecg.EcgRhythm;
import io.vigil.sim.ecg.EcgSource;
import io.vigil.sim.ecg.SyntheticEcg;
import io.vigil.analytics.ecg.wfdb.WfdbRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ECG frames from a device over the embedded broker (a real MQTT 5 client) and over HTTP: stored, analysed, and
 * read back. The simulator's synthetic ECG (250 Hz, P-QRS-T) stands in for a patch; an MIT-BIH record is replayed
 * when {@code vigil.mitdb.dir} names the records (the pom points it at {@code ../shared/data/mitdb}).
 * Subclasses pick H2 or PostgreSQL.
 */
abstract class WaveformContract extends BedsideContract {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final double RATE = 250;

    @Autowired
    EmbeddedBroker broker;

    @Autowired
    WaveformStore store;

    private Instant origin;

    private List<WaveformFrame> ecg(EcgRhythm first, double seconds, EcgRhythm then, double thenSeconds) {
        origin = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        SyntheticEcg synthetic = new SyntheticEcg(RATE, 200, 0, first, 72, 4);
        EcgFrames frames = new EcgFrames(new EcgSource.Synthetic(synthetic, RATE, 200, 0), WaveformSignal.ECG_II,
                origin, Duration.ofSeconds(1));
        List<WaveformFrame> out = new ArrayList<>();
        for (int i = 0; i < seconds + thenSeconds; i++) {
            if (i == (int) seconds) {
                synthetic.change(then, 0);
            }
            out.add(frames.next().orElseThrow());
        }
        return out;
    }

    private void publish(List<WaveformFrame> frames) {
        try (MqttDevice mqtt = MqttDevice.connect(broker.port(), deviceId, secret)) {
            for (WaveformFrame frame : frames) {
                MqttDevice.PubAck ack = mqtt.publish(topic(), WaveformFrameEncoder.encode(frame, SampleFormat.DELTA_VARINT));
                assertThat(ack.success()).as(ack.reason()).isTrue();
            }
        }
    }

    @Test
    void sinusFrames_overMqtt_becomeHeartRateObservations_andAReadableWindowWithBeats() {
        publish(ecg(EcgRhythm.SINUS, 35, EcgRhythm.SINUS, 0));

        await().atMost(WAIT).until(() -> heartRates().size() >= 3);
        for (JsonNode hr : heartRates()) {
            assertThat(hr.at("/valueQuantity/value").asDouble()).isCloseTo(72, within(4.0));
            assertThat(hr.at("/valueQuantity/code").asText()).isEqualTo("/min");
        }

        String from = origin.plusSeconds(20).toString();
        String to = origin.plusSeconds(30).toString();
        VigilClient.Response window = clinician.get("/api/v1/patients/" + patient + "/waveforms/ecg-ii?from=" + from + "&to=" + to);
        assertThat(window.status()).as(window.body()).isEqualTo(200);
        JsonNode body = window.json();
        assertThat(body.get("segments")).hasSize(1);
        JsonNode segment = body.get("segments").get(0);
        assertThat(segment.get("start").asText()).isEqualTo(from);
        assertThat(segment.get("samples")).hasSize((int) (10 * RATE));
        assertThat(segment.get("gain").asDouble()).isEqualTo(200);
        assertThat(body.get("beats").size()).isBetween(11, 13); // 72 /min over 10 s
        assertThat(body.get("discontinuities")).isEmpty();

        assertThat(caregiver.get("/api/v1/patients/" + patient + "/waveforms/ecg-ii?from=" + from + "&to=" + to).status())
                .isEqualTo(200);

        VigilClient.Response fhir = clinician.get("/fhir/Observation/$waveform?patient=" + patient
                + "&code=131330&start=" + from + "&end=" + to, "application/fhir+json");
        assertThat(fhir.status()).as(fhir.body()).isEqualTo(200);
        int samples = 0;
        for (JsonNode entry : fhir.json().path("entry")) {
            JsonNode observation = entry.get("resource");
            assertThat(observation.at("/code/coding/0/code").asText()).isEqualTo("131330");
            assertThat(observation.at("/subject/reference").asText()).isEqualTo("Patient/" + patient);
            assertThat(observation.at("/valueSampledData/period").asDouble()).isEqualTo(4.0);
            samples += observation.at("/valueSampledData/data").asText().split(" ").length;
        }
        assertThat(samples).isEqualTo((int) (10 * RATE));
        JsonNode hidden = caregiver.get("/fhir/Observation/$waveform?patient=" + ward.patient("home") + "&code=ecg-ii",
                "application/fhir+json").json();
        assertThat(hidden.path("entry")).isEmpty();
        String stranger = ward.patient("home");
        assertThat(clinician.get("/api/v1/patients/" + stranger + "/waveforms/ecg-ii").status()).isIn(200, 404);
        assertThat(caregiver.get("/api/v1/patients/" + stranger + "/waveforms/ecg-ii").status()).isEqualTo(404);
        assertThat(ward.admin().get("/api/v1/patients/" + patient + "/waveforms/ecg-ii").status()).isEqualTo(404);
        assertThat(clinician.get("/api/v1/patients/" + patient + "/waveforms/ecg-ii?from=" + origin + "&to="
                + origin.plus(Duration.ofMinutes(6))).status()).isEqualTo(400);
    }

    @Test
    void replayedMitBihRecord100_heartRatesFollowTheReferenceBeats() {
        String dir = System.getProperty("vigil.mitdb.dir");
        Assumptions.assumeTrue(dir != null && Files.isRegularFile(Path.of(dir, "100.hea")), "MIT-BIH records not found");
        WfdbRecord record = WfdbRecord.read(Path.of(dir), "100").orElseThrow();
        EcgSource.Replay replay = new EcgSource.Replay(record);
        origin = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        EcgFrames frames = new EcgFrames(replay, WaveformSignal.ECG_II, origin, Duration.ofSeconds(1));
        List<WaveformFrame> minute = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            minute.add(frames.next().orElseThrow());
        }
        publish(minute);

        await().atMost(WAIT).until(() -> heartRates().size() >= 5);
        double rate = record.header().sampleRate();
        for (JsonNode hr : heartRates()) {
            // The reference: mean rate of the annotated beats in the 10 s the derived rate covers.
            double end = Duration.between(origin, Instant.parse(hr.at("/effectiveDateTime").asText())).toMillis() / 1000.0;
            long[] beats = Arrays.stream(record.referenceBeats()).filter(b -> b / rate > end - 10 && b / rate <= end).toArray();
            double reference = 60 * (beats.length - 1) / ((beats[beats.length - 1] - beats[0]) / rate);
            assertThat(hr.at("/valueQuantity/value").asDouble()).as("at %.0f s", end).isCloseTo(reference, within(3.0));
        }
    }

    @Test
    void retention_deletesFramesButKeepsTheDerivedHeartRates() {
        publish(ecg(EcgRhythm.SINUS, 25, EcgRhythm.SINUS, 0));
        await().atMost(WAIT).until(() -> heartRates().size() >= 2);
        String window = "/api/v1/patients/" + patient + "/waveforms/ecg-ii?from=" + origin + "&to=" + origin.plusSeconds(25);
        assertThat(clinician.get(window).json().get("segments")).isNotEmpty();

        assertThat(store.purgeBefore(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(25);
        assertThat(clinician.get(window).json().get("segments")).isEmpty();
        assertThat(heartRates()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void sinusThenFlatLine_raisesAsystoleForThePatient() {
        publish(ecg(EcgRhythm.SINUS, 15, EcgRhythm.ASYSTOLE, 8));

        await().atMost(WAIT).until(() -> alerts().stream().anyMatch(a -> a.get("rule").asText().equals("ecg-asystole")));
        JsonNode asystole = alerts().stream().filter(a -> a.get("rule").asText().equals("ecg-asystole")).findFirst().orElseThrow();
        assertThat(asystole.get("priority").asText()).isEqualTo("high");
        assertThat(asystole.get("firstValue").asDouble()).isGreaterThan(4);
    }

    @Test
    void brokenFrames_areRefusedWithCodeAndKept_gapsAreRecorded_httpJsonIsStored() {
        List<WaveformFrame> frames = ecg(EcgRhythm.SINUS, 6, EcgRhythm.SINUS, 0);
        byte[] good = WaveformFrameEncoder.encode(frames.get(0), SampleFormat.INT16);
        try (MqttDevice mqtt = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck truncated = mqtt.publish(topic(), Arrays.copyOf(good, 30));
            assertThat(truncated.code()).isEqualTo(0x99);
            assertThat(truncated.reason()).contains("VIGIL-1601").contains("at byte 30");
            MqttDevice.PubAck wrongLead = mqtt.publish("vigil/v1/devices/" + deviceId + "/waveform/ecg-i", good);
            assertThat(wrongLead.reason()).contains("VIGIL-1603");
            assertThat(mqtt.publish("vigil/v1/devices/" + deviceId + "/waveform/ecg-x", good).reason()).contains("VIGIL-1604");
            for (int i : new int[] {0, 1, 4, 5}) { // frames 2 and 3 never sent: a 2 s gap
                assertThat(mqtt.publish(topic(), WaveformFrameEncoder.encode(frames.get(i), SampleFormat.INT32)).success()).isTrue();
            }
            assertThat(mqtt.publish(topic(), WaveformFrameEncoder.encode(frames.get(5), SampleFormat.INT16)).success())
                    .as("a resent frame is acknowledged").isTrue();
        }
        JsonNode letter = ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json();
        assertThat(letter.findValuesAsText("code")).contains("VIGIL-1601", "VIGIL-1603", "VIGIL-1604");

        WaveformFrame last = frames.getLast();
        String json = "{\"sequence\": 6, \"start\": \"" + last.end() + "\", \"sampleRate\": 250, \"gain\": 200,"
                + " \"samples\": " + Arrays.toString(Arrays.copyOf(last.samples(), 125)) + "}";
        VigilClient.Response stored = device.post("/api/v1/devices/" + deviceId + "/waveform/ecg-ii", json, "application/json");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        VigilClient.Response bad = device.post("/api/v1/devices/" + deviceId + "/waveform/ecg-ii", "{\"sequence\": 7}", "application/json");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("code").asText()).isEqualTo("VIGIL-1605");

        JsonNode window = clinician.get("/api/v1/patients/" + patient + "/waveforms/ecg-ii?from=" + origin + "&to="
                + origin.plusSeconds(10)).json();
        assertThat(window.get("segments")).hasSize(2);
        assertThat(window.at("/segments/0/samples")).hasSize((int) (2 * RATE));
        assertThat(window.at("/segments/1/samples")).hasSize((int) (2 * RATE + 125));
        assertThat(window.get("discontinuities")).hasSize(1);
        JsonNode gap = window.get("discontinuities").get(0);
        assertThat(gap.get("kind").asText()).isEqualTo("gap");
        assertThat(gap.get("expectedSequence").asLong()).isEqualTo(2);
        assertThat(gap.get("sequence").asLong()).isEqualTo(4);
        assertThat(Duration.parse(gap.get("size").asText())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void ecgPage_isServedToCliniciansWhoSeeThePatient_andForbiddenToCaregivers() {
        FormLogin browser = new FormLogin(httpPort).logIn("clinician", WardFixture.PASSWORD);
        VigilClient.Response page = browser.get("/patients/" + patient + "/ecg");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"live-strip\"", "id=\"review-strip\"", "data-patient=\"" + patient + "\"",
                "/js/ecg.js", "NOT FOR CLINICAL USE");
        assertThat(browser.get("/js/ecg.js").body()).contains("EventSource");
        // Patient pages are the clinicians' (caregivers follow their person at /care): 403 even for a shared patient.
        FormLogin other = new FormLogin(httpPort).logIn("caregiver", WardFixture.PASSWORD);
        assertThat(other.get("/patients/" + ward.patient("home") + "/ecg").status()).isEqualTo(403);
        assertThat(other.get("/patients/" + patient + "/ecg").status()).isEqualTo(403);
    }

    private String topic() {
        return "vigil/v1/devices/" + deviceId + "/waveform/ecg-ii";
    }

    private List<JsonNode> heartRates() {
        VigilClient.Response response = clinician.get("/fhir/Observation?patient=" + patient + "&code=http://loinc.org%7C8867-4",
                "application/fhir+json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        response.json().path("entry").forEach(e -> found.add(e.get("resource")));
        return found;
    }

    private List<JsonNode> alerts() {
        VigilClient.Response listed = clinician.get("/api/v1/alerts?patient=" + patient);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        listed.json().forEach(alerts::add);
        return alerts;
    }

}
