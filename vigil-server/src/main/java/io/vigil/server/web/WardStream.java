package io.vigil.server.web;

import io.vigil.model.ObservationRecord;
import io.vigil.model.PatientRecord;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.observation.ObservationEvents;
import io.vigil.server.patient.PatientStore;
import io.vigil.server.security.Role;
import io.vigil.server.security.UserStore;
import io.vigil.server.stream.StreamWriter;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ward pages' live feed: turns stored observations into server-sent events for the streams watching
 * their unit. A stream gets the unit's snapshot first, then each batch of newly stored readings as the
 * changed tiles, then keep-alive comments while idle. A session's streams end with the session (logout).
 * Stops (closing every stream) before the web server shuts down, so open streams never hold up a graceful
 * shutdown.
 * <p>
 * Each stream carries only what its caller may see ({@link WardViewer}): tiles of their patients, unattributed
 * devices only for administrators and clinicians. What they may see is decided when the stream opens and decided
 * again at every keep-alive: a patient who left their scope (care team changed, share withdrawn, break-glass
 * expired) stops flowing then; a stream whose unit they may no longer open, or whose account was disabled or had
 * its roles changed, is closed — and the reconnecting browser is answered by the same rules.
 */
@Component
class WardStream implements SmartLifecycle, HttpSessionListener {
    private static final Logger log = LoggerFactory.getLogger(WardStream.class);
    /** How long a patient's unit and bed are trusted before they are read again. */
    private static final Duration PATIENT_REFRESH = Duration.ofSeconds(60);
    /** The browser's wait before reconnecting after a stream ends. */
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    /** A live update: the tiles with readings just stored, each with only those readings. */
    record VitalsUpdate(String serverTime, List<BedTile> tiles) {}

    /** Devices that just sent unattributed readings. */
    record UnattributedUpdate(String serverTime, List<UnattributedDevice> devices) {}

    private record KnownPatient(PatientRecord patient, Instant loaded) {}

    /** The streams that receive the same update: one unit, seen with one scope. */
    private record Audience(String unit, WardViewer viewer) {}

    private final ObservationEvents events;
    private final WardBoard board;
    private final PatientStore patients;
    private final UserStore users;
    private final WardProperties settings;
    private final JsonMapper json;
    private final Clock clock;
    private final Set<WardSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Map<String, KnownPatient> known = new ConcurrentHashMap<>();
    private AutoCloseable subscription;
    private ScheduledExecutorService keepAlive;
    private volatile boolean running;

    WardStream(ObservationEvents events, WardBoard board, PatientStore patients, UserStore users, WardProperties settings,
               JsonMapper json, Clock clock) {
        this.events = events;
        this.board = board;
        this.patients = patients;
        this.users = users;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Opens a stream of the unit for the caller: the snapshot, then live updates.
     *
     * @param session   the browser session, whose end (logout, expiry) ends the stream; null for HTTP Basic
     * @param requested the unit asked for (null: the default); one the caller may not open is refused with 404
     */
    SseEmitter open(Authentication caller, String session, String requested) {
        WardViewer viewer = board.viewer(caller);
        String unit = WardBoard.unitFor(viewer, requested);
        String user = caller.getName();
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        WardSubscriber subscriber = new WardSubscriber(emitter, caller, session, unit, viewer, settings.streamBacklog(),
                subscribers::remove);
        synchronized (subscribers) {
            long open = subscribers.stream().filter(s -> s.user().equals(user)).count();
            if (open >= settings.maxStreamsPerUser()) {
                // Streams whose page was closed count until a write finds them gone: look now.
                open = StreamWriter.probe(subscribers.stream().filter(s -> s.user().equals(user))
                        .map(WardSubscriber::writer).toList()).size();
            }
            if (open >= settings.maxStreamsPerUser()) {
                log.info("event=ward_stream.refused reason=too_many_streams open={}", open);
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ApiErrors.TOO_MANY_STREAMS,
                        "Too many open live streams for this user: close other Vigil pages");
            }
            subscribers.add(subscriber);
        }
        // Registered before the snapshot is read, so nothing stored in between is missed; the snapshot goes
        // out first and the page keeps the newer value wherever an update repeats it.
        try {
            subscriber.start(new WardEvent(WardEvent.WARD, json.writeValueAsString(board.view(unit, viewer)), RECONNECT));
        } catch (RuntimeException e) {
            subscriber.close();
            throw e;
        }
        log.debug("event=ward_stream.opened unit={} streams={}", unit, subscribers.size());
        return emitter;
    }

    void onStored(List<ObservationRecord> stored) {
        if (subscribers.isEmpty()) {
            return;
        }
        Map<String, List<ObservationRecord>> byPatient = new LinkedHashMap<>();
        Map<String, Instant> unattributed = new TreeMap<>();
        for (ObservationRecord record : stored) {
            Instant time = record.measurement().time();
            if (record.patientId() == null) {
                unattributed.merge(record.deviceId(), time, (a, b) -> a.isAfter(b) ? a : b);
            } else if (WardVital.of(record.measurement().type().alias()).isPresent()) {
                byPatient.computeIfAbsent(record.patientId(), id -> new ArrayList<>()).add(record);
            }
        }
        String serverTime = clock.instant().toString();
        List<BedTile> tiles = byPatient.entrySet().stream()
                .flatMap(entry -> patient(entry.getKey()).map(p -> board.tile(p, entry.getValue())).stream())
                .toList();
        if (!tiles.isEmpty()) {
            publishTiles(serverTime, tiles);
        }
        if (!unattributed.isEmpty()) {
            List<UnattributedDevice> devices = unattributed.entrySet().stream()
                    .map(entry -> new UnattributedDevice(entry.getKey(), entry.getValue().toString())).toList();
            WardEvent event = new WardEvent(WardEvent.UNATTRIBUTED, json.writeValueAsString(new UnattributedUpdate(serverTime, devices)), null);
            subscribers.stream().filter(subscriber -> subscriber.viewer().devices()).forEach(subscriber -> subscriber.offer(event));
        }
    }

    /** One event per audience (unit and scope), shared by the streams of that audience. */
    private void publishTiles(String serverTime, List<BedTile> tiles) {
        Map<Audience, Optional<WardEvent>> byAudience = new HashMap<>();
        for (WardSubscriber subscriber : subscribers) {
            byAudience.computeIfAbsent(new Audience(subscriber.unit(), subscriber.viewer()),
                    audience -> vitalsEvent(serverTime, tiles, audience)).ifPresent(subscriber::offer);
        }
    }

    private Optional<WardEvent> vitalsEvent(String serverTime, List<BedTile> tiles, Audience audience) {
        List<BedTile> shown = tiles.stream()
                .filter(tile -> WardBoard.shows(audience.unit(), tile.unit()) && audience.viewer().sees(tile))
                .toList();
        return shown.isEmpty() ? Optional.empty()
                : Optional.of(new WardEvent(WardEvent.VITALS, json.writeValueAsString(new VitalsUpdate(serverTime, shown)), null));
    }

    private Optional<PatientRecord> patient(String id) {
        Instant now = clock.instant();
        KnownPatient cached = known.get(id);
        if (cached != null && cached.loaded().plus(PATIENT_REFRESH).isAfter(now)) {
            return Optional.of(cached.patient());
        }
        Optional<PatientRecord> found = patients.find(id);
        found.ifPresentOrElse(p -> known.put(id, new KnownPatient(p, now)), () -> known.remove(id));
        return found;
    }

    /** A logged-out or expired session stops receiving patient data at once. */
    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        String session = event.getSession().getId();
        subscribers.stream().filter(s -> s.belongsTo(session)).toList().forEach(WardSubscriber::close);
    }

    @Override
    public void start() {
        subscription = events.subscribeEveryNode(this::onStored);
        keepAlive = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vigil-ward-keep-alive").factory());
        long every = settings.keepAlive().toMillis();
        keepAlive.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Decides again what each stream may see, then tells every stream that the server is still there. */
    private void keepAlive() {
        for (WardSubscriber subscriber : List.copyOf(subscribers)) {
            try {
                recheck(subscriber);
            } catch (RuntimeException e) {
                // Fail closed: a stream whose caller cannot be checked stops receiving patient data.
                log.warn("event=ward_stream.closed reason=recheck_failed error={}", e.getClass().getSimpleName());
                subscriber.close();
            }
        }
        subscribers.forEach(s -> s.offer(WardEvent.KEEP_ALIVE));
    }

    private void recheck(WardSubscriber subscriber) {
        Authentication caller = subscriber.caller();
        if (!accountUnchanged(caller)) {
            log.info("event=ward_stream.closed reason=account_changed unit={}", subscriber.unit());
            subscriber.close();
            return;
        }
        WardViewer viewer = board.viewer(caller);
        if (!viewer.mayOpen(subscriber.unit())) {
            log.info("event=ward_stream.closed reason=unit_out_of_scope unit={}", subscriber.unit());
            subscriber.close();
            return;
        }
        subscriber.see(viewer);
    }

    /**
     * Whether the caller's account is as it was when they logged in: enabled, with the same roles. Callers without
     * a Vigil account (an identity provider's token) are judged by their token alone.
     */
    private boolean accountUnchanged(Authentication caller) {
        Set<Role> held = Arrays.stream(Role.values()).filter(role -> role.heldBy(caller)).collect(Collectors.toSet());
        return users.find(caller.getName()).map(account -> account.enabled() && account.roles().equals(held)).orElse(true);
    }

    @Override
    public void stop() {
        running = false;
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot unsubscribe the ward stream", e);
        }
        keepAlive.shutdownNow();
        List.copyOf(subscribers).forEach(WardSubscriber::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
