package io.vigil.server.hl7;

import io.vigil.codec.hl7.Hl7Acknowledgement;
import io.vigil.codec.hl7.OruEncoder;
import io.vigil.model.ObservationRecord;
import io.vigil.model.PatientRecord;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.ingest.DeadLetterStore;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.Transport;
import io.vigil.server.observation.ObservationEvents;
import io.vigil.server.patient.PatientStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends an ORU^R01 for every newly stored, attributed reading to the configured MLLP endpoint (an EHR's interface
 * engine), one at a time in store order, over one kept-open connection. A message counts as delivered only on an
 * AA carrying its control id. AR, no answer in time, or a broken connection: retried with doubling backoff up to
 * {@code max-attempts}; AE (the receiver refuses the content) is not retried. Undelivered messages go to the
 * dead-letter list (VIGIL-1404). The queue is in memory: readings stored while Vigil was down or still queued at
 * shutdown are not sent (they stay in Vigil's store and FHIR API).
 */
class Hl7Outbound implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Hl7Outbound.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final Hl7Properties.Outbound settings;
    private final ObservationEvents events;
    private final PatientStore patients;
    private final DeadLetterStore deadLetters;
    private final Clock clock;
    private final BlockingQueue<ObservationRecord> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean running;
    private AutoCloseable subscription;
    private Thread sender;
    private Socket connection;
    private InputStream in;

    Hl7Outbound(Hl7Properties properties, ObservationEvents events, PatientStore patients, DeadLetterStore deadLetters,
                Clock clock) {
        this.settings = properties.outbound();
        this.events = events;
        this.patients = patients;
        this.deadLetters = deadLetters;
        this.clock = clock;
        if (settings.host().isBlank() || settings.maxAttempts() < 1) {
            throw new IllegalArgumentException("vigil.hl7.outbound needs a host and max-attempts >= 1 when enabled");
        }
    }

    @Override
    public void start() {
        running = true;
        sender = Thread.ofVirtual().name("vigil-hl7-outbound").start(this::run);
        subscription = events.subscribe(this::enqueue);
        log.info("event=hl7.outbound_started host={} port={}", settings.host(), settings.port());
    }

    @Override
    public void stop() {
        running = false;
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("event=hl7.outbound_unsubscribe_failed", e);
        }
        sender.interrupt();
        disconnect();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void enqueue(List<ObservationRecord> stored) {
        for (ObservationRecord record : stored) {
            if (record.patientId() == null) {
                continue; // an EHR files results by patient: an unattributed reading has nowhere to go
            }
            if (!queue.offer(record)) {
                undelivered(record, null, "The outbound queue is full (" + QUEUE_CAPACITY + "); the receiver is not keeping up");
            }
        }
    }

    private void run() {
        while (running) {
            try {
                deliver(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(ObservationRecord record) throws InterruptedException {
        String mrn = patients.find(record.patientId()).map(PatientRecord::mrn).orElse(null);
        if (mrn == null) {
            return;
        }
        String controlId = "VIGIL-OBS-" + record.id();
        String oru = OruEncoder.encode(controlId, mrn, record.deviceId(), record.measurement(), record.notes(),
                clock.instant());
        Duration wait = settings.backoff();
        String last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts() && running; attempt++) {
            Hl7Acknowledgement.Received ack = exchange(oru);
            if (ack != null && "AA".equals(ack.code()) && controlId.equals(ack.controlId())) {
                log.debug("event=hl7.outbound_delivered observation={} attempt={}", record.id(), attempt);
                return;
            }
            last = ack == null ? "no acknowledgement" : ack.code() + " " + ack.text();
            if (ack != null && "AE".equals(ack.code())) {
                break;
            }
            log.info("event=hl7.outbound_retry observation={} attempt={} answer=\"{}\"", record.id(), attempt,
                    ack == null ? "none" : ack.code());
            if (attempt < settings.maxAttempts()) {
                Thread.sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
        undelivered(record, oru, "The receiver did not accept ORU^R01 " + controlId + ": " + last);
    }

    /** Sends one message and reads the answer; null on a broken connection or a timeout (which closes it). */
    private Hl7Acknowledgement.Received exchange(String oru) {
        try {
            if (connection == null) {
                connection = new Socket();
                connection.connect(new InetSocketAddress(settings.host(), settings.port()),
                        (int) settings.ackTimeout().toMillis());
                connection.setSoTimeout((int) settings.ackTimeout().toMillis());
                in = new BufferedInputStream(connection.getInputStream());
            }
            MllpFrames.write(connection.getOutputStream(), oru);
            if (MllpFrames.read(in, 1 << 20) instanceof MllpFrames.Frame frame) {
                return Hl7Acknowledgement.read(new String(frame.content(), StandardCharsets.UTF_8));
            }
            disconnect();
            return null;
        } catch (IOException e) {
            log.info("event=hl7.outbound_connection_failed host={} port={} error={}", settings.host(), settings.port(),
                    e.getMessage());
            disconnect();
            return null;
        }
    }

    private void undelivered(ObservationRecord record, String oru, String reason) {
        deadLetters.keep(new IngestRequest(record.deviceId(), Transport.HL7,
                        "mllp-out://" + settings.host() + ":" + settings.port(),
                        oru == null ? new byte[0] : oru.getBytes(StandardCharsets.UTF_8), clock.instant()),
                ApiErrors.HL7_OUTBOUND_UNDELIVERED, reason, null);
        log.warn("event=hl7.outbound_undelivered observation={} device={}", record.id(), record.deviceId());
    }

    private void disconnect() {
        Socket socket = connection;
        connection = null;
        in = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("event=hl7.outbound_close_failed", e);
            }
        }
    }
}
