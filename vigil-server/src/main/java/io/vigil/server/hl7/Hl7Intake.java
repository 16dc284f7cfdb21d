package io.vigil.server.hl7;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.hl7.Hl7Acknowledgement;
import io.vigil.codec.hl7.Hl7Decoder;
import io.vigil.codec.hl7.Hl7Message;
import io.vigil.codec.hl7.Hl7Reading;
import io.vigil.codec.hl7.PatientIdentifier;
import io.vigil.model.DeviceRecord;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.ingest.DeadLetterStore;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.IngestResult;
import io.vigil.server.ingest.IngestService;
import io.vigil.server.ingest.Transport;
import io.vigil.server.observation.ObservationIds;
import io.vigil.server.patient.PatientStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One inbound HL7 v2 message, whichever way it came (MLLP or HTTP): decode, identify the device from the
 * message, store through the ingest pipeline, and answer with the ACK — AA only after the readings are durably
 * stored. Readings go to the patient the device is assigned to at each reading's time, as for every transport;
 * a PID that names someone else is kept as a dead letter (VIGIL-1401) for an administrator to look at.
 */
@Service
class Hl7Intake {
    private static final Logger log = LoggerFactory.getLogger(Hl7Intake.class);
    private static final int MAX_MESSAGE_ID = 128;

    /** What to send back: the ACK, its MSA-1, and the Vigil code of a refusal (null for AA). */
    record Answer(Hl7Acknowledgement.Code code, String acknowledgement, String vigilCode, String reason) {}

    private final Hl7Decoder decoder;
    private final DeviceStore devices;
    private final AssignmentStore assignments;
    private final PatientStore patients;
    private final IngestService ingest;
    private final DeadLetterStore deadLetters;
    private final ObservationIds ids;
    private final Clock clock;

    Hl7Intake(Hl7Decoder decoder, DeviceStore devices, AssignmentStore assignments, PatientStore patients,
              IngestService ingest, DeadLetterStore deadLetters, ObservationIds ids, Clock clock) {
        this.decoder = decoder;
        this.devices = devices;
        this.assignments = assignments;
        this.patients = patients;
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.ids = ids;
        this.clock = clock;
    }

    /** @param topic where it came from, e.g. {@code mllp://10.0.0.5} or {@code /api/v1/hl7} */
    CompletableFuture<Answer> receive(byte[] message, String topic) {
        Instant receivedAt = clock.instant();
        return switch (decoder.decode(message, receivedAt)) {
            case DecodeResult.Failure<Hl7Message> failure -> {
                IngestResult.Rejected refused = ingest.refuse(
                        new IngestRequest(null, Transport.HL7, topic, message, receivedAt), failure.error());
                boolean notProcessed = switch (failure.error().code()) {
                    case HL7_NOT_PARSEABLE, HL7_UNSUPPORTED_MESSAGE, PAYLOAD_TOO_LARGE -> true;
                    default -> false;
                };
                yield CompletableFuture.completedFuture(refusal(message, notProcessed ? Hl7Acknowledgement.Code.AR
                        : Hl7Acknowledgement.Code.AE, refused.code(), refused.reason(), refused.field()));
            }
            case DecodeResult.Ok<Hl7Message> ok -> store(message, topic, receivedAt, ok.value());
        };
    }

    /** Refuses a message before decoding (sender not allowed, frame too large), keeping it as a dead letter. */
    Answer refuse(byte[] message, String topic, String code, String reason) {
        ingest.refuse(new IngestRequest(null, Transport.HL7, topic, message, clock.instant()), code, reason);
        return refusal(message, Hl7Acknowledgement.Code.AR, code, reason, null);
    }

    private CompletableFuture<Answer> store(byte[] raw, String topic, Instant receivedAt, Hl7Message message) {
        String deviceId = message.equipmentId();
        IngestRequest request = new IngestRequest(deviceId, Transport.HL7, topic, raw, receivedAt);
        DeviceRecord device = devices.find(deviceId).orElse(null);
        if (device == null || DeviceStore.REVOKED.equals(device.status())) {
            String code = device == null ? ApiErrors.HL7_UNKNOWN_DEVICE : ApiErrors.DEVICE_REVOKED;
            String reason = device == null
                    ? "Equipment " + deviceId + " is not a registered device; register it with POST /api/v1/devices using this id"
                    : "Device " + deviceId + " has been revoked";
            IngestResult.Rejected refused = ingest.refuse(request, code, reason);
            return CompletableFuture.completedFuture(refusal(raw, Hl7Acknowledgement.Code.AE, refused.code(),
                    refused.reason(), "OBX-18"));
        }
        List<DeviceMessage> messages = new ArrayList<>(message.readings().size());
        for (Hl7Reading reading : message.readings()) {
            String key = message.controlId() + "/" + reading.position();
            messages.add(new DeviceMessage(key.length() <= MAX_MESSAGE_ID ? key : null, List.of(reading.measurement())));
        }
        // The answer looks up the assignment and may keep a dead letter: not on the store's commit thread.
        return ingest.accept(request, messages).thenApplyAsync(result -> switch (result) {
            case IngestResult.Accepted accepted -> accepted(raw, request, message, accepted);
            case IngestResult.Rejected rejected -> refusal(raw, Hl7Acknowledgement.Code.AR, rejected.code(),
                    rejected.reason(), rejected.field());
        }, task -> Thread.ofVirtual().name("vigil-hl7-answer").start(task));
    }

    private Answer accepted(byte[] raw, IngestRequest request, Hl7Message message, IngestResult.Accepted accepted) {
        StringBuilder text = new StringBuilder("Stored " + accepted.observationIds().size() + " reading(s)");
        if (accepted.duplicates() > 0) {
            text.append(" (").append(accepted.duplicates()).append(" already stored)");
        }
        if (!message.notes().isEmpty()) {
            text.append("; passed over ").append(message.notes().size()).append(": ")
                    .append(String.join("; ", message.notes().subList(0, Math.min(5, message.notes().size()))));
        }
        if (patientMismatch(request.deviceId(), message)) {
            String reason = "PID-3 names a patient other than the one device " + request.deviceId()
                    + " is assigned to; the readings were stored for the assigned patient";
            deadLetters.keep(request, ApiErrors.HL7_PATIENT_MISMATCH, reason, "PID-3");
            log.info("event=hl7.patient_mismatch device={} control_id={}", request.deviceId(), message.controlId());
            text.append("; ").append(reason);
        }
        log.info("event=hl7.accepted device={} control_id={} readings={} passed_over={}", request.deviceId(),
                message.controlId(), accepted.observationIds().size(), message.notes().size());
        String ack = Hl7Acknowledgement.build(raw, Hl7Acknowledgement.Code.AA, text.toString(), null, null,
                clock.instant(), ackId());
        return new Answer(Hl7Acknowledgement.Code.AA, ack, null, null);
    }

    /** True when PID-3 names identifiers and none is the MRN of the patient the device had at the first reading. */
    private boolean patientMismatch(String deviceId, Hl7Message message) {
        if (message.patientIds().isEmpty()) {
            return false;
        }
        Instant time = message.readings().getFirst().measurement().time();
        String mrn = assignments.patientAt(deviceId, time).flatMap(patients::find).map(p -> p.mrn()).orElse(null);
        if (mrn == null) {
            return false;
        }
        return message.patientIds().stream().map(PatientIdentifier::id).noneMatch(id -> Objects.equals(id, mrn));
    }

    private Answer refusal(byte[] raw, Hl7Acknowledgement.Code code, String vigilCode, String reason, String position) {
        String ack = Hl7Acknowledgement.build(raw, code, reason, vigilCode, position, clock.instant(), ackId());
        return new Answer(code, ack, vigilCode, reason);
    }

    private String ackId() {
        return "VIGIL-ACK-" + ids.next();
    }
}
