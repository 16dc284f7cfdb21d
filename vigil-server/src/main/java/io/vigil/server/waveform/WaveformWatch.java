package io.vigil.server.waveform;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.ecg.rhythm.RhythmAnalysis;
import io.vigil.analytics.ecg.rhythm.RhythmEvent;
import io.vigil.codec.DeviceMessage;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.TimeSource;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.IngestService;
import io.vigil.server.ingest.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs every stored ECG frame through a {@link RhythmAnalysis} per device and lead, on one analysis thread (so one
 * device's frames are analysed in order). The derived heart rate is stored as an ordinary heart-rate observation
 * (through the ingest pipeline, so limits, NEWS2 and the ward see it); rhythm conditions go to
 * {@link AlertConditions} for the patient who had the device. A break in the stream (gap, overlap, another rate or
 * patient) starts a fresh analysis. Frames go to the live strip ({@link WaveformLive}) with the beats found.
 * Not for clinical use.
 */
@Component
class WaveformWatch implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(WaveformWatch.class);

    private final IngestService ingest;
    private final AlertConditions conditions;
    private final WaveformLive live;
    private final WaveformProperties properties;
    private final Clock clock;
    private final MeasurementType heartRate = MeasurementRegistry.standard().require("heart-rate");
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final ExecutorService analysis = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("vigil-waveform-analysis").factory());

    WaveformWatch(IngestService ingest, AlertConditions conditions, WaveformLive live, WaveformProperties properties,
                  Clock clock) {
        this.ingest = ingest;
        this.conditions = conditions;
        this.live = live;
        this.properties = properties;
        this.clock = clock;
    }

    /** Queues a stored frame for analysis; returns at once. */
    void accept(StoredChunk chunk) {
        analysis.execute(() -> {
            try {
                analyse(chunk);
            } catch (RuntimeException e) {
                log.warn("event=waveform.analysis_failed device={} signal={} error={}", chunk.deviceId(),
                        chunk.signal().topicName(), e.getClass().getSimpleName(), e);
            }
        });
    }

    private void analyse(StoredChunk chunk) {
        live.publish(chunk);
        if (!chunk.signal().ecg()) {
            return;
        }
        String key = chunk.deviceId() + " " + chunk.signal().topicName();
        Stream stream = streams.get(key);
        if (stream == null || !stream.continuedBy(chunk)) {
            stream = new Stream(chunk);
            streams.put(key, stream);
        }
        stream.feed(chunk);
    }

    /** One device's lead, analysed from {@code origin}; sample index n is at origin + n / rate. */
    private final class Stream {
        private final String deviceId;
        private final String signal;
        private final Instant origin;
        private final double rate;
        private final double gain;
        private final RhythmAnalysis rhythm;
        private String patient;
        private long fed;

        Stream(StoredChunk first) {
            this.deviceId = first.deviceId();
            this.signal = first.signal().topicName();
            this.origin = first.start();
            this.rate = first.sampleRate();
            this.gain = first.gain();
            this.patient = first.patientId();
            this.rhythm = new RhythmAnalysis(rate, first.unit().equals("uV") ? gain * 1000 : gain,
                    properties.rhythm(), this::onEvent);
        }

        boolean continuedBy(StoredChunk next) {
            Duration offset = Duration.between(timeOf(fed), next.start()).abs();
            return next.sampleRate() == rate && next.gain() == gain
                    && java.util.Objects.equals(next.patientId(), patient)
                    && offset.toNanos() <= 1e9 / rate;
        }

        void feed(StoredChunk chunk) {
            patient = chunk.patientId();
            rhythm.accept(chunk.samples(), chunk.leadsOff());
            fed += chunk.samples().length;
        }

        Instant timeOf(long sample) {
            return origin.plus(Duration.ofNanos(Math.round(sample * 1e9 / rate)));
        }

        private void onEvent(RhythmEvent event) {
            Instant time = timeOf(event.sample());
            switch (event) {
                case RhythmEvent.BeatDetected beat -> live.beat(patient, signal, time, beat.beat().heartRate());
                case RhythmEvent.HeartRate rate -> storeHeartRate(rate, time);
                case RhythmEvent.Condition c -> report(c, time);
            }
        }

        private void storeHeartRate(RhythmEvent.HeartRate rate, Instant time) {
            Measurement measurement = new Measurement(heartRate,
                    new MeasuredValue.Quantity(Math.round(rate.bpm() * 10) / 10.0, "/min"), time, TimeSource.DEVICE);
            IngestRequest request = new IngestRequest(deviceId, Transport.MQTT, "waveform/" + signal + " (derived)",
                    new byte[0], clock.instant());
            String id = "ecg-hr:" + signal + ":" + time.toEpochMilli();
            List<String> notes = List.of("derived from the " + signal + " waveform: mean of " + rate.beats()
                    + " RR intervals (QRS detection)");
            ingest.accept(request, List.of(new DeviceMessage(id, List.of(measurement), notes, null)));
        }

        private void report(RhythmEvent.Condition c, Instant time) {
            log.info("event=waveform.rhythm device={} signal={} condition={} change={}", deviceId, signal,
                    c.condition().rule().id(), c.change());
            if (patient == null) {
                return;
            }
            var rule = c.condition().rule();
            ConditionEvent event = switch (c.change()) {
                case RAISED -> new ConditionEvent.Raised(rule, patient, c.value(), time);
                case CONTINUING -> new ConditionEvent.Continuing(rule, patient, c.value(), time);
                case CLEARED -> new ConditionEvent.Cleared(rule, patient, c.value(), time);
            };
            try {
                conditions.report(event);
            } catch (DataAccessException e) {
                log.warn("event=waveform.alert_unsaved device={} rule={}", deviceId, rule.id());
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        analysis.shutdown();
        analysis.awaitTermination(5, TimeUnit.SECONDS);
    }
}
