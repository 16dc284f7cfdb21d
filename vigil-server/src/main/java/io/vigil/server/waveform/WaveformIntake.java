package io.vigil.server.waveform;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.ErrorCode;
import io.vigil.codec.json.Echo;
import io.vigil.codec.waveform.WaveformFrame;
import io.vigil.codec.waveform.WaveformFrameDecoder;
import io.vigil.codec.waveform.WaveformJsonDecoder;
import io.vigil.codec.waveform.WaveformSignal;
import io.vigil.server.VigilProperties;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.IngestResult;
import io.vigil.server.ingest.PayloadFormat;
import io.vigil.server.ingest.WaveformSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Takes waveform frames from the ingest pipeline (MQTT {@code waveform/{signal}}, HTTP
 * {@code POST /api/v1/devices/{id}/waveform/{signal}}): decodes them, attributes them to the patient who had the
 * device at the frame's start, records any break in the device's stream (sequence numbers or time that skip or go
 * back), stores the frame, then hands it to the rhythm analysis. A resent frame (same sequence number and start)
 * is answered as a duplicate and not stored twice. Frames of one device and signal are taken one at a time.
 */
@Service
class WaveformIntake implements WaveformSink {
    private static final Logger log = LoggerFactory.getLogger(WaveformIntake.class);

    private final WaveformFrameDecoder binary = new WaveformFrameDecoder();
    private final WaveformJsonDecoder json;
    private final WaveformStore store;
    private final AssignmentStore assignments;
    private final WaveformWatch watch;
    private final WaveformProperties properties;
    private final Clock clock;
    /** Per device and signal ("device signal"): its lock and last stored frame (read from the store when unknown). */
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    private static final class Slot {
        private Tail tail;
    }

    record Tail(long sequence, Instant start, Instant end, double sampleRate) {}

    WaveformIntake(WaveformStore store, AssignmentStore assignments, WaveformWatch watch, WaveformProperties properties,
                   VigilProperties vigil, Clock clock) {
        this.store = store;
        this.assignments = assignments;
        this.watch = watch;
        this.properties = properties;
        this.clock = clock;
        this.json = new WaveformJsonDecoder(vigil.ingest().maxPayloadBytes());
    }

    @Override
    public DecodeResult<CompletableFuture<IngestResult>> store(IngestRequest request, PayloadFormat.Waveform format) {
        Optional<WaveformSignal> signal = WaveformSignal.ofTopicName(format.signal());
        if (signal.isEmpty()) {
            return DecodeResult.failure(DecodeError.at(ErrorCode.WAVEFORM_UNKNOWN_SIGNAL, "signal", "Signal "
                    + Echo.quoted(format.signal()) + " is not one Vigil takes; see docs/devices.md, \"Waveforms\"."));
        }
        DecodeResult<WaveformFrame> decoded = format.json()
                ? json.decode(request.payload(), signal.get())
                : binary.decode(request.payload(), signal);
        return switch (decoded) {
            case DecodeResult.Failure<WaveformFrame> failure -> DecodeResult.failure(failure.error());
            case DecodeResult.Ok<WaveformFrame> ok -> {
                Duration length = Duration.between(ok.value().start(), ok.value().end());
                if (length.compareTo(properties.maxFrame()) > 0) {
                    yield DecodeResult.failure(DecodeError.at(ErrorCode.WAVEFORM_INVALID_HEADER, "sample count",
                            "The frame lasts " + length.toMillis() + " ms; send at most " + properties.maxFrame().toSeconds()
                                    + " s per frame."));
                }
                yield DecodeResult.ok(CompletableFuture.completedFuture(take(request, ok.value())));
            }
        };
    }

    private IngestResult take(IngestRequest request, WaveformFrame frame) {
        Slot slot = slots.computeIfAbsent(request.deviceId() + " " + frame.signal().topicName(), k -> new Slot());
        synchronized (slot) {
            try {
                if (slot.tail == null) {
                    slot.tail = tailFromStore(request.deviceId(), frame.signal());
                }
                return keep(request, frame, slot);
            } catch (DuplicateKeyException e) {
                return new IngestResult.Accepted(List.of(), 1);
            } catch (DataAccessException e) {
                slot.tail = null;
                log.warn("event=ingest.store_failed device={} transport={} kind=waveform", request.deviceId(),
                        request.transport());
                return new IngestResult.Rejected(ApiErrors.INGEST_UNAVAILABLE, "The frame could not be stored now; retry", null);
            }
        }
    }

    private IngestResult keep(IngestRequest request, WaveformFrame frame, Slot slot) {
        Tail tail = slot.tail;
        if (tail.sequence() == frame.sequence() && tail.start().equals(frame.start())
                || store.exists(request.deviceId(), frame.signal(), frame.sequence(), frame.start())) {
            return new IngestResult.Accepted(List.of(), 1);
        }
        String patient = assignments.patientAt(request.deviceId(), frame.start()).orElse(null);
        StoredChunk chunk = new StoredChunk(store.nextId(), request.deviceId(), patient, frame.signal(),
                frame.sequence(), frame.start(), frame.sampleRate(), frame.unit(), frame.gain(), frame.baseline(),
                frame.leadsOff(), frame.samples());
        Optional<Discontinuity> broken = discontinuity(tail, frame);
        broken.ifPresent(d -> store.record(request.deviceId(), patient, frame.signal(), d, clock.instant()));
        store.insert(chunk, request.receivedAt());
        slot.tail = new Tail(frame.sequence(), frame.start(), frame.end(), frame.sampleRate());
        broken.ifPresent(d -> log.info("event=waveform.discontinuity device={} signal={} kind={} size_ms={}",
                request.deviceId(), frame.signal().topicName(), d.kind(), d.size().toMillis()));
        if (properties.analysis()) {
            watch.accept(chunk);
        }
        return new IngestResult.Accepted(List.of(Long.toString(chunk.id())), 0);
    }

    private Tail tailFromStore(String deviceId, WaveformSignal signal) {
        return store.latest(deviceId, signal)
                .map(c -> new Tail(c.sequence(), c.start(), c.end(), c.sampleRate()))
                .orElse(new Tail(-1, Instant.MIN, Instant.MIN, 0));
    }

    /**
     * A break between the previous frame and this one: by time when the start is more than one sample period off
     * the previous end, else by sequence number (uint32, wrapping) when it is not the previous one plus one.
     */
    static Optional<Discontinuity> discontinuity(Tail tail, WaveformFrame frame) {
        if (tail.sequence() < 0) {
            return Optional.empty();
        }
        long expected = (tail.sequence() + 1) & 0xFFFF_FFFFL;
        Duration offset = Duration.between(tail.end(), frame.start());
        Duration period = Duration.ofNanos(Math.round(1e9 / tail.sampleRate()));
        if (offset.compareTo(period) > 0) {
            return Optional.of(new Discontinuity(Discontinuity.GAP, expected, frame.sequence(), frame.start(), offset));
        }
        if (offset.negated().compareTo(period) > 0) {
            return Optional.of(new Discontinuity(Discontinuity.OVERLAP, expected, frame.sequence(), frame.start(),
                    offset.negated()));
        }
        if (frame.sequence() != expected) {
            long ahead = (frame.sequence() - expected) & 0xFFFF_FFFFL;
            String kind = ahead < 0x8000_0000L ? Discontinuity.GAP : Discontinuity.OVERLAP;
            return Optional.of(new Discontinuity(kind, expected, frame.sequence(), frame.start(), Duration.ZERO));
        }
        return Optional.empty();
    }
}
