package io.vigil.server.ingest;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.ErrorCode;
import io.vigil.codec.ble.GattDecoder;
import io.vigil.codec.ble.GattReading;
import io.vigil.codec.json.DeviceJsonDecoder;
import io.vigil.codec.json.DeviceJsonLimits;
import io.vigil.codec.json.Echo;
import io.vigil.model.Measurement;
import io.vigil.model.ObservationRecord;
import io.vigil.server.VigilProperties;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.observation.ObservationEvents;
import io.vigil.server.observation.ObservationIds;
import io.vigil.server.observation.StoredNote;
import io.vigil.server.observation.StoredTime;
import io.vigil.server.template.MappingTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * The ingest pipeline shared by every transport: decode the untrusted payload, attribute each measurement to
 * the patient who had the device at the measurement's own time, store durably (group commit), then publish.
 * A refused payload is kept as a dead letter and counted; the returned future completes only after the
 * commit, so transports acknowledge durable data only.
 */
@Service
public class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final DeviceJsonDecoder decoder;
    private final MappingTemplates templates;
    private final DeviceJsonLimits templateLimits;
    private final GattDecoder gatt;
    private final AssignmentStore assignments;
    private final ObservationWriter writer;
    private final ObservationIds ids;
    private final DeadLetterStore deadLetters;
    private final ObservationEvents events;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final DeviceAllowance allowance;
    private final ThrottledLetters throttledLetters;
    private final GlucoseContexts glucoseContexts;
    private final int maxPayloadBytes;
    private final ObjectProvider<WaveformSink> waveforms;
    private final IngestBackpressure backpressure;

    IngestService(DeviceJsonDecoder decoder, GattDecoder gatt, AssignmentStore assignments, ObservationWriter writer,
                  ObservationIds ids, DeadLetterStore deadLetters, ObservationEvents events, IngestMetrics metrics, Clock clock,
                  MappingTemplates templates, DeviceAllowance allowance, ThrottledLetters throttledLetters,
                  GlucoseContexts glucoseContexts, VigilProperties properties, ObjectProvider<WaveformSink> waveforms,
                  IngestBackpressure backpressure) {
        this.waveforms = waveforms;
        this.backpressure = backpressure;
        this.allowance = allowance;
        this.glucoseContexts = glucoseContexts;
        this.throttledLetters = throttledLetters;
        this.maxPayloadBytes = properties.ingest().maxPayloadBytes();
        this.decoder = decoder;
        this.templates = templates;
        DeviceJsonLimits defaults = DeviceJsonLimits.defaults();
        this.templateLimits = new DeviceJsonLimits(properties.ingest().maxPayloadBytes(), defaults.maxMessages(),
                defaults.maxValuesPerMessage(), defaults.maxFutureSkew());
        this.gatt = gatt;
        this.assignments = assignments;
        this.writer = writer;
        this.ids = ids;
        this.deadLetters = deadLetters;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Checks the device's rate limit and the payload's size before decoding; every payload that passes the rate
     * check is charged to the device's allowance (its readings, or one when it is refused).
     */
    public CompletableFuture<IngestResult> ingest(IngestRequest request) {
        Duration wait = allowance.waitBeforeNext(request.deviceId());
        if (!wait.isZero()) {
            return CompletableFuture.completedFuture(rateLimited(request, wait));
        }
        if (request.payload().length > maxPayloadBytes) {
            allowance.charge(request.deviceId(), 1);
            return CompletableFuture.completedFuture(reject(request, DecodeError.atOffset(ErrorCode.PAYLOAD_TOO_LARGE,
                    maxPayloadBytes, "The payload is larger than " + maxPayloadBytes + " bytes")));
        }
        if (request.format() instanceof PayloadFormat.GattCharacteristic characteristic && GattDecoder.Characteristic
                .of(characteristic.uuid()) == GattDecoder.Characteristic.GLUCOSE_MEASUREMENT_CONTEXT) {
            allowance.charge(request.deviceId(), 1);
            return CompletableFuture.completedFuture(glucoseContext(request, characteristic));
        }
        if (request.format() instanceof PayloadFormat.Waveform waveform) {
            allowance.charge(request.deviceId(), 1);
            return waveform(request, waveform);
        }
        return switch (decode(request)) {
            case DecodeResult.Failure<List<DeviceMessage>> failure -> {
                allowance.charge(request.deviceId(), 1);
                yield CompletableFuture.completedFuture(reject(request, failure.error()));
            }
            case DecodeResult.Ok<List<DeviceMessage>> ok -> {
                int readings = ok.value().stream().mapToInt(m -> m.measurements().size()).sum();
                if (!backpressure.admit(readings, UrgentReadings.in(ok.value()))) {
                    yield CompletableFuture.completedFuture(saturated(request));
                }
                allowance.charge(request.deviceId(), readings);
                yield store(request, ok.value()).whenComplete((result, failure) -> backpressure.release(readings));
            }
        };
    }

    /** A waveform frame goes to the waveform store; a frame it refuses is dead-lettered like any other payload. */
    private CompletableFuture<IngestResult> waveform(IngestRequest request, PayloadFormat.Waveform format) {
        WaveformSink sink = waveforms.getIfAvailable();
        if (sink == null) {
            return CompletableFuture.completedFuture(reject(request, DecodeError.at(ErrorCode.UNSUPPORTED_FORMAT, null,
                    "This Vigil does not store waveforms.")));
        }
        return switch (sink.store(request, format)) {
            case DecodeResult.Failure<CompletableFuture<IngestResult>> failure ->
                    CompletableFuture.completedFuture(reject(request, withOffset(failure.error())));
            case DecodeResult.Ok<CompletableFuture<IngestResult>> ok -> ok.value();
        };
    }

    /**
     * Saturated: nothing stored, nothing kept as a dead letter (the device sends the same payload again; keeping
     * each refusal would only add to the load), counted under the code.
     */
    private IngestResult.Rejected saturated(IngestRequest request) {
        metrics.rejected(request.transport(), ApiErrors.SATURATED);
        log.debug("event=ingest.saturated device={} transport={}", request.deviceId(), request.transport());
        return new IngestResult.Rejected(ApiErrors.SATURATED, "Vigil is saturated; nothing was stored: send the same "
                + "payload again, retry after " + backpressure.retryAfterSeconds() + " s", null);
    }

    /** Seconds a device told {@link ApiErrors#SATURATED} waits before sending again. */
    public long retryAfterSaturated() {
        return backpressure.retryAfterSeconds();
    }

    /** How long the device must wait before its next payload is admitted (zero: now). */
    public Duration waitBeforeNext(String deviceId) {
        return allowance.waitBeforeNext(deviceId);
    }

    /** Refused for the rate limit, without decoding; the dead letter is bounded per device and minute. */
    private IngestResult.Rejected rateLimited(IngestRequest request, Duration wait) {
        VigilProperties.RateLimit limit = allowance.limit();
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String reason = "Rate limit exceeded: at most " + limit.readingsPerSecond() + " readings per second (burst "
                + limit.burst() + ") per device; retry after " + seconds + " s";
        throttledLetters.refused(request, reason);
        metrics.rejected(request.transport(), ApiErrors.RATE_LIMITED);
        log.debug("event=ingest.rate_limited device={} transport={}", request.deviceId(), request.transport());
        return new IngestResult.Rejected(ApiErrors.RATE_LIMITED, reason, null);
    }

    /**
     * A GATT value becomes one message without an id: BLE values carry no message id (a glucose sequence number
     * restarts when the meter is reset), so a resent value is stored again. Its notes (status bits) and the device's
     * clock offset are stored with each of its measurements.
     */
    private DecodeResult<List<DeviceMessage>> decode(IngestRequest request) {
        return switch (request.format()) {
            case PayloadFormat.DeviceJson json -> decoder.decode(request.payload(), request.receivedAt());
            case PayloadFormat.Waveform waveform -> throw new IllegalStateException("waveforms go to the WaveformSink");
            case PayloadFormat.Unsupported unsupported ->
                    DecodeResult.failure(DecodeError.at(ErrorCode.UNSUPPORTED_FORMAT, null, unsupported.reason()));
            case PayloadFormat.GattCharacteristic characteristic -> switch (
                    gatt.decode(characteristic.uuid(), request.payload(), request.receivedAt())) {
                case DecodeResult.Ok<GattReading> ok when GattDecoder.Characteristic.of(characteristic.uuid()).context() ->
                        DecodeResult.failure(DecodeError.at(ErrorCode.CONTEXT_WITHOUT_MEASUREMENT, "characteristic",
                                "A Temperature Type (2A1D) value holds no measurement: it describes one sent in another"
                                        + " characteristic, and Vigil does not link the two yet. Nothing is stored;"
                                        + " send the measurement itself (2A1C)."));
                case DecodeResult.Ok<GattReading> ok ->
                        DecodeResult.ok(List.of(new DeviceMessage(null, ok.value().measurements(),
                                ok.value().notes(), ok.value().clockOffset())));
                case DecodeResult.Failure<GattReading> failure -> DecodeResult.failure(withOffset(failure.error()));
            };
            case PayloadFormat.VendorJson vendor -> templates.find(vendor.template())
                    .map(t -> t.map(request.payload(), request.deviceId(), request.receivedAt(), templateLimits))
                    .orElseGet(() -> DecodeResult.failure(DecodeError.at(ErrorCode.TEMPLATE_UNKNOWN, null,
                            "No mapping template is named " + Echo.quoted(vendor.template())
                                    + "; an administrator lists them at GET /api/v1/templates.")));
        };
    }

    /**
     * A Glucose Measurement Context (2A34) stores no reading: its notes join those of the device's glucose reading
     * with the same sequence number, whose id is the answer. When that reading is not stored (yet) the context is
     * held for it (accepted without an id); see {@link GlucoseContexts}. Refused (VIGIL-1050) only when no more
     * contexts can be held, or later, as a dead letter, when the reading does not come in time.
     */
    private IngestResult glucoseContext(IngestRequest request, PayloadFormat.GattCharacteristic characteristic) {
        return switch (gatt.decode(characteristic.uuid(), request.payload(), request.receivedAt())) {
            case DecodeResult.Failure<GattReading> failure -> reject(request, withOffset(failure.error()));
            case DecodeResult.Ok<GattReading> ok -> {
                int sequence = GlucoseContexts.sequenceNumber(request.payload());
                GlucoseContexts.Outcome outcome;
                try {
                    outcome = glucoseContexts.attachOrHold(request, sequence, ok.value().notes());
                } catch (DataAccessException e) {
                    log.warn("event=ingest.store_failed device={} transport={}", request.deviceId(), request.transport());
                    yield new IngestResult.Rejected(ApiErrors.INGEST_UNAVAILABLE,
                            "The context could not be stored now; retry", null);
                }
                yield switch (outcome) {
                    case GlucoseContexts.Outcome.Attached attached -> {
                        log.debug("event=ingest.glucose_context device={} transport={} observation={}",
                                request.deviceId(), request.transport(), attached.observationId());
                        yield new IngestResult.Accepted(List.of(attached.observationId()), 0);
                    }
                    case GlucoseContexts.Outcome.Held held -> {
                        log.debug("event=ingest.glucose_context_held device={} transport={} sequence={}",
                                request.deviceId(), request.transport(), sequence);
                        yield new IngestResult.Accepted(List.of(), 0);
                    }
                    case GlucoseContexts.Outcome.Full full -> reject(request, new DecodeError(
                            ErrorCode.CONTEXT_WITHOUT_MEASUREMENT, "No Glucose Measurement (2A18) with sequence number "
                            + sequence + " is stored for this device, and Vigil already holds " + full.maxHeld()
                            + " Glucose Measurement Contexts (2A34) waiting for theirs. Nothing is stored; send the"
                            + " measurement first, then the context.", "sequence number at byte 1", 1));
                };
            }
        };
    }

    /** Binary payloads locate a fault by byte offset; the dead letter and problem keep it with the field name. */
    private static DecodeError withOffset(DecodeError error) {
        if (error.offset() < 0) {
            return error;
        }
        String field = (error.field() == null ? "" : error.field() + " ") + "at byte " + error.offset();
        return new DecodeError(error.code(), error.reason(), field, error.offset());
    }

    /**
     * Stores readings a transport decoded itself (HL7 v2, whose device is named inside the message): attributed,
     * stored and published like any other; the future completes after the commit.
     */
    public CompletableFuture<IngestResult> accept(IngestRequest request, List<DeviceMessage> messages) {
        return store(request, messages);
    }

    /** Refuses a payload a transport's own decoder refused, keeping it as a dead letter. */
    public IngestResult.Rejected refuse(IngestRequest request, DecodeError error) {
        return reject(request, error);
    }

    /** Refuses a payload for a reason found outside the decoder (authorization, topic). */
    public IngestResult.Rejected refuse(IngestRequest request, String code, String reason) {
        deadLetters.keep(request, code, reason, null);
        metrics.rejected(request.transport(), code);
        log.info("event=ingest.rejected device={} transport={} code={}", request.deviceId(), request.transport(), code);
        return new IngestResult.Rejected(code, reason, null);
    }

    private IngestResult.Rejected reject(IngestRequest request, DecodeError error) {
        String code = error.code().code();
        deadLetters.keep(request, code, error.reason(), error.field());
        metrics.rejected(request.transport(), code);
        // Only the field's first segment: the rest of the path is the device's own key — untrusted text that may
        // carry anything, patient data included. The dead letter keeps the whole field for whoever may read it.
        String section = error.field() == null ? null : error.field().split("\\.", 2)[0];
        log.info("event=ingest.rejected device={} transport={} code={} section={}", request.deviceId(),
                request.transport(), code, section);
        return new IngestResult.Rejected(code, error.reason(), error.field());
    }

    private CompletableFuture<IngestResult> store(IngestRequest request, List<DeviceMessage> messages) {
        List<PendingObservation> pending = new ArrayList<>();
        Map<Instant, String> patientAt = new HashMap<>();
        Instant receivedAt = StoredTime.of(request.receivedAt());
        for (DeviceMessage message : messages) {
            for (Measurement decoded : message.measurements()) {
                Measurement measurement = new Measurement(decoded.type(), decoded.value(), StoredTime.of(decoded.time()),
                        decoded.timeSource(), decoded.bodySite());
                String patient = patientAt.computeIfAbsent(measurement.time(),
                        t -> assignments.patientAt(request.deviceId(), t).orElse(null));
                ObservationRecord record = new ObservationRecord(Long.toString(ids.next()), request.deviceId(),
                        patient, measurement, receivedAt, StoredNote.fitting(message.notes()),
                        StoredNote.offset(message.clockOffset()));
                pending.add(new PendingObservation(record, message.messageId()));
            }
        }
        if (pending.isEmpty()) {
            // An intermediate cuff pressure: understood, nothing to store.
            return CompletableFuture.completedFuture(new IngestResult.Accepted(List.of(), 0));
        }
        return writer.submit(pending).handle((written, failure) -> {
            if (failure != null) {
                log.warn("event=ingest.store_failed device={} transport={}", request.deviceId(), request.transport());
                return new IngestResult.Rejected(ApiErrors.INGEST_UNAVAILABLE,
                        "The readings could not be stored now; retry with the same message id", null);
            }
            metrics.accepted(request.transport(), pending.size(), written.duplicates(),
                    Duration.between(request.receivedAt(), clock.instant()));
            events.publish(freshlyStored(pending, written));
            return new IngestResult.Accepted(written.ids(), written.duplicates());
        });
    }

    private static List<ObservationRecord> freshlyStored(List<PendingObservation> pending, ObservationWriter.Written written) {
        List<ObservationRecord> fresh = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            ObservationRecord record = pending.get(i).record();
            if (record.id().equals(written.ids().get(i))) {
                fresh.add(record);
            }
        }
        return fresh;
    }
}
