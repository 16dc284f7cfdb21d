package io.vigil.server.waveform;

import io.vigil.codec.waveform.WaveformSignal;
import io.vigil.fhir.WaveformStrip;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A patient's stored signal cut into strips for FHIR: {@value #STRIP_SECONDS} s strips aligned to multiples of
 * {@value #STRIP_SECONDS} s since 1970 (so the same strip has the same id on every request), each cut again where
 * the stream breaks. The caller checks access first.
 */
@Component
public class WaveformStrips {
    public static final int STRIP_SECONDS = 10;

    private final WaveformStore store;
    private final WaveformProperties properties;

    WaveformStrips(WaveformStore store, WaveformProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The longest window one request may cover. */
    public Duration maxWindow() {
        return properties.maxWindow();
    }

    /** The signal a name ({@code ecg-ii}) or MDC code ({@code 131330}) stands for. */
    public static Optional<WaveformSignal> signal(String nameOrCode) {
        Optional<WaveformSignal> byName = WaveformSignal.ofTopicName(nameOrCode);
        if (byName.isPresent() || !nameOrCode.matches("\\d{1,9}")) {
            return byName;
        }
        return WaveformSignal.ofMdcCode(Integer.parseInt(nameOrCode));
    }

    /** Strips of [from, to) that hold samples, oldest first. */
    public List<WaveformStrip> strips(String patientId, WaveformSignal signal, Instant from, Instant to) {
        List<StoredChunk> chunks = store.window(patientId, signal, from, to, properties.maxFrame());
        WaveformWindow window = WaveformWindow.of(signal.topicName(), from, to, chunks, List.of(), false);
        String device = chunks.isEmpty() ? null : chunks.getFirst().deviceId();
        List<WaveformStrip> strips = new ArrayList<>();
        for (WaveformWindow.Segment segment : window.segments()) {
            int at = 0;
            while (at < segment.samples().length) {
                Instant t = segment.start().plus(Duration.ofNanos(Math.round(at * 1e9 / segment.sampleRate())));
                long stripEnd = Math.floorDiv(t.getEpochSecond(), STRIP_SECONDS) * STRIP_SECONDS + STRIP_SECONDS;
                int until = (int) Math.min(segment.samples().length,
                        Math.ceil(Duration.between(segment.start(), Instant.ofEpochSecond(stripEnd)).toNanos()
                                * segment.sampleRate() / 1e9));
                until = Math.max(until, at + 1);
                int[] samples = Arrays.copyOfRange(segment.samples(), at, until);
                boolean[] off = new boolean[samples.length];
                Arrays.fill(off, segment.leadsOff());
                strips.add(new WaveformStrip("wf-" + patientId + "-" + signal.topicName() + "-" + t.toEpochMilli(),
                        patientId, device, signal.mdcCode(), mdcName(signal), t, segment.sampleRate(), segment.unit(),
                        segment.gain(), segment.baseline(), samples, off));
                at = until;
            }
        }
        return strips;
    }

    private static String mdcName(WaveformSignal signal) {
        return switch (signal) {
            case PLETH -> "MDC_PULS_OXIM_PLETH";
            default -> "MDC_ECG_ELEC_POTL_" + signal.topicName().substring(4).toUpperCase(java.util.Locale.ROOT);
        };
    }
}
