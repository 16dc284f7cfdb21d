package io.vigil.server.edge;

import io.vigil.codec.DeviceMessage;
import io.vigil.model.MeasurementRegistry;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.IngestResult;
import io.vigil.server.ingest.IngestService;
import io.vigil.server.ingest.Transport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The upstream's side of store-and-forward: {@code POST /api/v1/edge/readings} from an edge gateway's account
 * (role integration). Each reading goes through the ordinary ingest (attributed by this Vigil's own assignments,
 * stored, published to analytics — which derive this side's alerts), in the order sent; a reading keeps its
 * message id, so a batch sent again after a lost answer is stored once. A reading for a device not registered under
 * the caller's gateway is refused on its own (listed in the answer), never the whole batch. The answer comes after
 * the commit: 200 means stored; 503 means retry the batch.
 */
@RestController
class EdgeIntakeController {
    private static final Logger log = LoggerFactory.getLogger(EdgeIntakeController.class);
    static final int MAX_READINGS = 5_000;

    record Batch(List<ForwardedReading> readings, List<Gap> gaps) {}

    record Refusal(int index, String code, String reason) {}

    record Stored(int accepted, int duplicates, List<Refusal> refused) {}

    private final IngestService ingest;
    private final EdgeRegistrations registrations;
    private final EdgeGaps gaps;
    private final MeasurementRegistry registry;
    private final Clock clock;

    EdgeIntakeController(IngestService ingest, EdgeRegistrations registrations, EdgeGaps gaps,
                         MeasurementRegistry registry, Clock clock) {
        this.ingest = ingest;
        this.registrations = registrations;
        this.gaps = gaps;
        this.registry = registry;
        this.clock = clock;
    }

    @PostMapping("/api/v1/edge/readings")
    ResponseEntity<Stored> readings(@RequestBody Batch batch) {
        String gateway = PatientAccess.caller().getName();
        List<ForwardedReading> readings = batch.readings() == null ? List.of() : batch.readings();
        if (readings.size() > MAX_READINGS) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, ApiErrors.EDGE_BATCH_TOO_LARGE,
                    "At most " + MAX_READINGS + " readings in one batch", "readings");
        }
        Instant now = clock.instant();
        Map<String, Boolean> ours = new HashMap<>();
        List<Refusal> refused = new ArrayList<>();
        List<CompletableFuture<IngestResult>> stored = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            ForwardedReading reading = readings.get(i);
            if (reading == null || reading.device() == null
                    || !ours.computeIfAbsent(reading.device(), d -> registrations.isUnder(d, gateway))) {
                refused.add(new Refusal(i, ApiErrors.EDGE_DEVICE_NOT_IN_GATEWAY,
                        "The device is not registered under this gateway"));
                continue;
            }
            List<String> problems = new ArrayList<>();
            Optional<DeviceMessage> message = reading.message(registry, problems);
            if (message.isEmpty()) {
                refused.add(new Refusal(i, ApiErrors.EDGE_READING_INVALID, String.join("; ", problems)));
                continue;
            }
            IngestRequest request = new IngestRequest(reading.device(), Transport.EDGE, "edge:" + gateway, new byte[0], now);
            stored.add(ingest.accept(request, List.of(message.get())));
        }
        int accepted = 0;
        int duplicates = 0;
        for (CompletableFuture<IngestResult> result : stored) {
            switch (result.join()) {
                case IngestResult.Accepted ok -> {
                    accepted += ok.observationIds().size() - ok.duplicates();
                    duplicates += ok.duplicates();
                }
                case IngestResult.Rejected rejected -> {
                    log.warn("event=edge.intake_unavailable gateway={} code={}", gateway, rejected.code());
                    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
                }
            }
        }
        for (Gap gap : batch.gaps() == null ? List.<Gap>of() : batch.gaps()) {
            if (gap != null && gap.id() != null && gap.id().length() <= 64 && Gap.KINDS.contains(gap.kind())
                    && gap.startsAt() != null
                    && (gap.patient() == null || registrations.coversPatient(gateway, gap.patient()))) {
                String reason = gap.reason() == null ? "" : gap.reason();
                gaps.received(new Gap(gap.id(), gateway, gap.kind(), gap.patient(), gap.startsAt(), gap.endsAt(),
                        gap.readings(), reason.substring(0, Math.min(reason.length(), 500))));
            }
        }
        log.debug("event=edge.intake gateway={} accepted={} duplicates={} refused={}", gateway, accepted, duplicates,
                refused.size());
        return ResponseEntity.ok(new Stored(accepted, duplicates, refused));
    }
}
