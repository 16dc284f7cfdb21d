package io.vigil.server.demo;

import io.vigil.codec.waveform.WaveformFrame;
import io.vigil.codec.waveform.WaveformSignal;
import io.vigil.model.DeviceRecord;
import io.vigil.server.device.DeviceAssignments;
import io.vigil.server.device.DeviceStore;
import io.vigil.sim.ecg.EcgFrames;
import io.vigil.sim.ecg.EcgRhythm;
import io.vigil.sim.ecg.EcgSource;
import io.vigil.sim.ecg.EcgStreamer;
import io.vigil.sim.ecg.SyntheticEcg;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's ECG patch: {@value #DEVICE} on the first ward bed's patient, streaming a synthetic lead II at 250 Hz
 * over MQTT — sinus rhythm, with a spell of atrial fibrillation every {@value #CYCLE_MINUTES} minutes — so the ECG
 * page ({@code /patients/{id}/ecg}) and the rhythm alerts have something to show. Not for clinical use.
 */
final class DemoEcg implements AutoCloseable {
    static final String DEVICE = "ward-a-ecg-01";
    private static final Logger log = LoggerFactory.getLogger(DemoEcg.class);
    private static final int CYCLE_MINUTES = 6;
    private static final Duration AF_SPELL = Duration.ofMinutes(2);

    private final Thread thread;

    private DemoEcg(Thread thread) {
        this.thread = thread;
    }

    /** Registers (or re-keys) the patch, assigns it to {@code patientId}, and starts streaming. */
    static DemoEcg start(DeviceStore devices, DeviceAssignments assignments, String patientId, URI broker, Clock clock) {
        String secret = devices.find(DEVICE).isPresent() ? devices.rotateSecret(DEVICE)
                : devices.register(new DeviceRecord(DEVICE, "ecg-patch", "Vigil Simulated Devices", "ecg-patch",
                "SIM-" + DEVICE, DeviceStore.ACTIVE));
        if (assignments.history(DEVICE).isEmpty()) {
            assignments.assign(DEVICE, patientId, clock.instant().minusSeconds(3600), null);
        }
        SyntheticEcg ecg = new SyntheticEcg(250, 200, 0, EcgRhythm.SINUS, 76, 1);
        EcgFrames frames = new EcgFrames(new EcgSource.Synthetic(ecg, 250, 200, 0), WaveformSignal.ECG_II,
                clock.instant(), Duration.ofMillis(500));
        Thread thread = Thread.ofPlatform().daemon().name("vigil-demo-ecg").unstarted(() -> stream(ecg, frames, broker, secret));
        thread.start();
        log.info("event=demo.ecg_started device={}", DEVICE);
        return new DemoEcg(thread);
    }

    private static void stream(SyntheticEcg ecg, EcgFrames frames, URI broker, String secret) {
        var origin = frames.nextStart();
        try (EcgStreamer streamer = new EcgStreamer(broker, DEVICE, secret, 1)) {
            while (!Thread.currentThread().isInterrupted()) {
                Duration elapsed = Duration.between(origin, frames.nextStart());
                boolean af = elapsed.toMinutes() % CYCLE_MINUTES >= CYCLE_MINUTES - AF_SPELL.toMinutes();
                EcgRhythm wanted = af ? EcgRhythm.ATRIAL_FIBRILLATION : EcgRhythm.SINUS;
                if (ecg.rhythm() != wanted) {
                    ecg.change(wanted, af ? 0 : 76);
                }
                WaveformFrame frame = frames.next().orElseThrow();
                Optional<String> refused = streamer.send(frame);
                refused.ifPresent(reason -> log.debug("event=demo.ecg_refused reason={}", reason));
                streamer.pace(origin, frames.nextStart());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("event=demo.ecg_stopped error={}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
