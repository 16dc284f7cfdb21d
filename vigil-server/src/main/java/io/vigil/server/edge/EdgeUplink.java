package io.vigil.server.edge;

import io.vigil.server.alert.AlertFeed;
import io.vigil.server.alert.AlertView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards the outbox to the upstream Vigil ({@code POST /api/v1/edge/readings}), batch by batch, lane by lane,
 * forgetting each batch only once the upstream has stored it. While the upstream cannot be reached the readings
 * stay queued and an {@code uplink-down} gap is open; the first batch that gets through ends it, and the gaps
 * travel up with the next batch. Alerts raised here move their reading to the alert lane, so the upstream — which
 * derives its own alerts from the readings — sees them first.
 */
@Component
@ConditionalOnProperty(name = "vigil.edge.enabled", havingValue = "true")
class EdgeUplink extends io.vigil.server.alert.Listening {
    private static final Logger log = LoggerFactory.getLogger(EdgeUplink.class);
    /** Batches per round, so a long back-fill does not hold the thread forever. */
    private static final int ROUNDS = 200;

    private final EdgeOutbox outbox;
    private final EdgeGaps gaps;
    private final EdgeProperties settings;
    private final AlertFeed alerts;
    private final Clock clock;
    private final HttpClient http;
    private final URI readings;
    private final String authorization;
    private final JsonMapper json = JsonMapper.shared();

    EdgeUplink(EdgeOutbox outbox, EdgeGaps gaps, EdgeProperties settings, AlertFeed alerts, Clock clock) {
        this.outbox = outbox;
        this.gaps = gaps;
        this.settings = settings;
        this.alerts = alerts;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.readings = URI.create(settings.upstream().url().replaceAll("/+$", "") + "/api/v1/edge/readings");
        this.authorization = basic(settings.upstream().user(), settings.upstream().password());
        repeat("vigil-edge-uplink", settings.forwardEvery(), this::forward);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected AutoCloseable listen() {
        return alerts.subscribe(message -> {
            if (AlertView.Message.RAISED.equals(message.action()) || AlertView.Message.UPDATED.equals(message.action())) {
                AlertView alert = message.alert();
                if (alert.measurement() != null && alert.lastTime() != null) {
                    outbox.toAlertLane(alert.patient(), alert.measurement(), alert.lastTime());
                }
            }
        });
    }

    /** One round: keep the outbox within its bound, then forward until it is empty or the uplink fails. */
    void forward() {
        try {
            trim();
            for (int round = 0; round < ROUNDS; round++) {
                List<EdgeOutbox.Queued> batch = outbox.next(settings.batchSize(), clock.instant().minus(settings.recent()));
                List<Gap> closed = gaps.unreported(settings.gateway());
                if ((batch.isEmpty() && closed.isEmpty()) || !send(batch, closed)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("event=edge.forward_failed gateway={} error={}", settings.gateway(), e.toString());
        }
    }

    private void trim() {
        for (EdgeOutbox.Dropped dropped : outbox.trim(settings.maxQueued())) {
            gaps.record(new Gap(UUID.randomUUID().toString(), settings.gateway(), Gap.DROPPED, dropped.patient(),
                    dropped.from(), dropped.to(), dropped.readings(), "outbox full (vigil.edge.max-queued = "
                    + settings.maxQueued() + "): oldest back-fill dropped"));
            log.warn("event=edge.readings_dropped gateway={} patient={} readings={}", settings.gateway(),
                    dropped.patient(), dropped.readings());
        }
    }

    /** Sends one batch; true when the upstream stored it. */
    private boolean send(List<EdgeOutbox.Queued> batch, List<Gap> closed) {
        String body = "{\"readings\":[" + String.join(",", batch.stream().map(EdgeOutbox.Queued::reading).toList())
                + "],\"gaps\":" + json.writeValueAsString(closed) + "}";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(readings).timeout(settings.timeout())
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            down("unreachable: " + e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (response.statusCode() != 200) {
            down("HTTP " + response.statusCode());
            return false;
        }
        if (gaps.openOutage(settings.gateway()).isPresent()) {
            long held = outbox.size();
            gaps.outageEnded(settings.gateway(), clock.instant(), held);
            log.info("event=edge.uplink_restored gateway={} held={}", settings.gateway(), held);
        }
        refused(batch, json.readTree(response.body()));
        outbox.remove(batch);
        gaps.reported(closed);
        return true;
    }

    /** Readings the upstream would not store (e.g. a device not registered under this gateway there): a gap each. */
    private void refused(List<EdgeOutbox.Queued> batch, JsonNode answer) {
        for (JsonNode refusal : answer.path("refused")) {
            int index = refusal.path("index").asInt(-1);
            if (index < 0 || index >= batch.size()) {
                continue;
            }
            EdgeOutbox.Queued reading = batch.get(index);
            gaps.record(new Gap(UUID.randomUUID().toString(), settings.gateway(), Gap.REFUSED, reading.patient(),
                    reading.effectiveAt(), reading.effectiveAt(), 1, "refused upstream: "
                    + refusal.path("code").asString("") + " " + refusal.path("reason").asString("")));
            log.warn("event=edge.reading_refused gateway={} observation={} code={}", settings.gateway(),
                    reading.observationId(), refusal.path("code").asString(""));
        }
    }

    private void down(String why) {
        if (gaps.openOutage(settings.gateway()).isEmpty()) {
            Instant since = clock.instant();
            gaps.outageBegan(settings.gateway(), since, "uplink down (" + why + "); readings held for back-fill");
            log.warn("event=edge.uplink_down gateway={} reason={}", settings.gateway(), why);
        }
    }
}
