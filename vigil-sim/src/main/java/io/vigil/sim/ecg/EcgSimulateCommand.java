package io.vigil.sim.ecg;

import io.vigil.analytics.ecg.wfdb.WfdbRead;
import io.vigil.codec.waveform.WaveformFrame;
import io.vigil.codec.waveform.WaveformSignal;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vigil simulate --ecg <rhythm | record path>}: one ECG device streaming waveform frames over MQTT —
 * a synthetic rhythm ({@link EcgRhythm}) or a WFDB record (e.g. MIT-BIH {@code …/mitdb/100}) replayed as the
 * device's lead II. Frames go to {@code vigil/v1/devices/{id}/waveform/ecg-ii} at real time (or {@code --speed}
 * times it), stamped from the moment the run starts. The device must exist (an administrator registers it and
 * assigns it to a patient). Not for clinical use.
 */
public final class EcgSimulateCommand {
    private static final String USAGE = """
            usage: vigil simulate --ecg <rhythm|record> --device <id> [--secret <secret>] [options]
              <rhythm>           sinus | brady | tachy | af | asystole | noise | leads-off (synthetic, P-QRS-T)
              <record>           a WFDB record to replay, e.g. ../shared/data/mitdb/100 (lead MLII)
              --device <id>      the registered ECG device
              --secret <secret>  its secret (default: $VIGIL_DEVICE_SECRET)
              --mqtt <uri>       broker (default mqtt://127.0.0.1:1883)
              --bpm <n>          synthetic heart rate (default per rhythm: 72, brady 35, tachy 165, af 110)
              --rate <hz>        synthetic sample rate (default 250)
              --then <rhythm>    switch to this rhythm after --after (default 30s), e.g. --ecg sinus --then asystole
              --after <dur>      when to switch (default 30s)
              --duration <dur>   stop after this long (default: 60s synthetic, the whole record replayed)
              --frame <dur>      samples per frame (default 1s)
              --speed <x>        times real time (default 1)
              --seed <n>         synthetic noise seed (default 1)
            NOT FOR CLINICAL USE.""";

    private EcgSimulateCommand() {
    }

    public static int run(String[] args, PrintStream out, Map<String, String> env, Clock clock) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                out.println("unexpected argument: " + args[i] + "\n" + USAGE);
                return 2;
            }
            o.put(args[i], args[++i]);
        }
        String what = o.get("--ecg");
        String device = o.get("--device");
        String secret = o.getOrDefault("--secret", env.get("VIGIL_DEVICE_SECRET"));
        if (what == null || device == null || secret == null) {
            out.println("--ecg, --device and --secret (or VIGIL_DEVICE_SECRET) are needed\n" + USAGE);
            return 2;
        }
        try {
            Optional<EcgRhythm> rhythm = EcgRhythm.ofCliName(what);
            double bpm = Double.parseDouble(o.getOrDefault("--bpm", "0"));
            Optional<EcgRhythm> then = Optional.ofNullable(o.get("--then")).map(n -> EcgRhythm.ofCliName(n)
                    .orElseThrow(() -> new IllegalArgumentException("--then: unknown rhythm " + n)));
            EcgSource source;
            SyntheticEcg synthetic = null;
            if (rhythm.isPresent()) {
                double rate = Double.parseDouble(o.getOrDefault("--rate", "250"));
                synthetic = new SyntheticEcg(rate, 200, 0, rhythm.get(), bpm, Long.parseLong(o.getOrDefault("--seed", "1")));
                source = new EcgSource.Synthetic(synthetic, rate, 200, 0);
            } else {
                switch (EcgSource.Replay.of(Path.of(what))) {
                    case WfdbRead.Ok<EcgSource.Replay> ok -> source = ok.value();
                    case WfdbRead.Failure<EcgSource.Replay> f -> {
                        out.println("--ecg: neither a rhythm nor a readable WFDB record: " + f.reason());
                        return 2;
                    }
                }
            }
            Duration duration = o.containsKey("--duration") ? duration(o.get("--duration"))
                    : rhythm.isPresent() ? Duration.ofSeconds(60) : Duration.ofDays(365);
            Duration after = duration(o.getOrDefault("--after", "30s"));
            double speed = Double.parseDouble(o.getOrDefault("--speed", "1"));
            URI broker = URI.create(o.getOrDefault("--mqtt", "mqtt://127.0.0.1:1883"));
            EcgFrames frames = new EcgFrames(source, WaveformSignal.ECG_II, clock.instant(), duration(o.getOrDefault("--frame", "1s")));
            return stream(frames, synthetic, then, after, duration, speed, broker, device, secret, out);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
    }

    private static int stream(EcgFrames frames, SyntheticEcg synthetic, Optional<EcgRhythm> then, Duration after,
                              Duration duration, double speed, URI broker, String device, String secret,
                              PrintStream out) {
        Instant origin = frames.nextStart();
        int sent = 0;
        int refused = 0;
        try (EcgStreamer streamer = new EcgStreamer(broker, device, secret, speed)) {
            while (true) {
                Duration elapsed = Duration.between(origin, frames.nextStart());
                if (elapsed.compareTo(duration) >= 0) {
                    break;
                }
                if (synthetic != null && then.isPresent() && elapsed.compareTo(after) >= 0 && synthetic.rhythm() != then.get()) {
                    synthetic.change(then.get(), 0);
                    out.println("rhythm now " + then.get().cliName());
                }
                Optional<WaveformFrame> frame = frames.next();
                if (frame.isEmpty()) {
                    break;
                }
                Optional<String> refusal = streamer.send(frame.get());
                if (refusal.isPresent()) {
                    refused++;
                    out.println("frame " + frame.get().sequence() + " refused: " + refusal.get());
                } else {
                    sent++;
                }
                streamer.pace(origin, frames.nextStart());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.printf("%d frames sent, %d refused, %s of ECG%n", sent, refused, Duration.between(origin, frames.nextStart()));
        return refused == 0 ? 0 : 1;
    }

    static Duration duration(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (e.g. 500ms, 30s, 5m): " + text);
        }
        double v = Double.parseDouble(m.group(1));
        long ms = Math.round(switch (m.group(2)) {
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> v * 3_600_000;
        });
        return Duration.ofMillis(ms);
    }
}
