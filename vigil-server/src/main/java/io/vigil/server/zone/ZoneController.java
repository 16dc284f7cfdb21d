package io.vigil.server.zone;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.device.DeviceCheck;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.tag.Tag;
import io.vigil.server.tag.TagErrors;
import io.vigil.server.tag.TagRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zones and readers (administrators register them), reads from readers (the reader's device secret as Bearer), and
 * where things are: {@code GET /api/v1/where-is}, {@code GET /api/v1/zones/{id}/contents}, {@code GET /api/v1/trail}.
 * A patient's whereabouts follow patient access: a patient the caller may not see answers 404.
 */
@RestController
@RequestMapping("/api/v1")
class ZoneController {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> KINDS = Set.of("site", "building", "unit", "room", "bed", "area");
    private static final int MAX_PAYLOAD = 256 * 1024;

    record ZoneRequest(String id, String name, String kind, String parent, String careUnit, Boolean exit) {}

    record ReaderRequest(String id, String zone) {}

    private final ZoneStore zones;
    private final ReaderReads reads;
    private final TagRegistry tags;
    private final DeviceStore devices;
    private final PatientAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    ZoneController(ZoneStore zones, ReaderReads reads, TagRegistry tags, DeviceStore devices, PatientAccess access,
                   AuditTrail audit, Clock clock) {
        this.zones = zones;
        this.reads = reads;
        this.tags = tags;
        this.devices = devices;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/zones")
    ResponseEntity<Zone> registerZone(@RequestBody ZoneRequest body) {
        if (body.id() == null || !ID.matcher(body.id()).matches()) {
            throw ApiException.invalid("id", "A zone id is 1–64 characters of [A-Za-z0-9._:-]");
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            throw ApiException.invalid("name", "A zone needs a name (at most 200 characters)");
        }
        String kind = body.kind() == null ? "" : body.kind().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw ApiException.invalid("kind", "kind is one of site, building, unit, room, bed, area");
        }
        if (body.parent() == null ? !kind.equals("site") : zones.zone(body.parent()).isEmpty()) {
            throw ApiException.invalid("parent", "Every zone but a site has a registered parent zone");
        }
        Zone zone = new Zone(body.id(), body.name(), kind, body.parent(), body.careUnit(), Boolean.TRUE.equals(body.exit()));
        zones.insertZone(zone, clock.instant());
        return ResponseEntity.created(URI.create("/api/v1/zones/" + zone.id())).body(zone);
    }

    @GetMapping("/zones")
    List<Zone> zones() {
        return zones.zones();
    }

    @PostMapping("/readers")
    ResponseEntity<Map<String, Object>> registerReader(@RequestBody ReaderRequest body) {
        if (body.id() == null || devices.find(body.id()).isEmpty()) {
            throw ApiException.invalid("id", "A reader is a registered device: register it with POST /api/v1/devices first");
        }
        if (zones.zone(body.zone()).isEmpty()) {
            throw ApiException.invalid("zone", "No zone has this id");
        }
        zones.insertReader(body.id(), body.zone(), clock.instant());
        return ResponseEntity.created(URI.create("/api/v1/readers/" + body.id())).body(Map.of("id", body.id(), "zone", body.zone()));
    }

    @GetMapping("/readers")
    List<Map<String, Object>> readers() {
        return zones.readers();
    }

    /** Reads from a reader, authenticated with its device secret. */
    @PostMapping("/readers/{id}/reads")
    ResponseEntity<?> reads(@PathVariable String id, HttpServletRequest http) throws IOException {
        byte[] payload = http.getInputStream().readNBytes(MAX_PAYLOAD + 1);
        DeviceCheck check = devices.check(id, bearer(http.getHeader(HttpHeaders.AUTHORIZATION)));
        if (check != DeviceCheck.ACCEPTED) {
            audit.record(AuditEvent.deviceRefused(clock.instant(), id, check == DeviceCheck.REVOKED, http.getRemoteAddr(),
                    "POST /api/v1/readers/{id}/reads"));
            throw new ApiException(HttpStatus.UNAUTHORIZED, check == DeviceCheck.REVOKED ? ApiErrors.DEVICE_REVOKED
                    : ApiErrors.DEVICE_NOT_AUTHENTICATED, "Reader authentication failed: send the reader's device secret as"
                    + " 'Authorization: Bearer <secret>'");
        }
        if (!reads.isReader(id)) {
            throw new ApiException(HttpStatus.FORBIDDEN, TagErrors.UNKNOWN_READER, "This device is not a registered reader");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, TagErrors.INVALID_READ, "The reads are larger than 256 KiB");
        }
        ReaderReads.Outcome outcome = reads.accept(id, payload, clock.instant(), http.getRemoteAddr());
        return ResponseEntity.ok(outcome);
    }

    /** Where a patient, tag, asset or practitioner is now: one entry per tag. */
    @GetMapping("/where-is")
    List<Map<String, Object>> whereIs(@RequestParam(required = false) String patient,
                                      @RequestParam(required = false) String tag,
                                      @RequestParam(required = false) String asset,
                                      @RequestParam(required = false) String practitioner, Authentication caller) {
        return tagsOf(patient, tag, asset, practitioner).stream()
                .flatMap(t -> zones.location(t.uid()).map(l -> place(t, l, caller)).stream()).toList();
    }

    /** Every tag located in the zone or any zone under it. */
    @GetMapping("/zones/{id}/contents")
    List<Map<String, Object>> contents(@PathVariable String id, Authentication caller) {
        if (zones.zone(id).isEmpty()) {
            throw ApiException.notFound("Zone");
        }
        return zones.locationsIn(zones.subtree(id)).stream()
                .flatMap(l -> tags.find(l.uid()).map(t -> place(t, l, caller)).stream()).toList();
    }

    /** The zones a patient, tag, asset or practitioner entered over a window (default the last 24 hours). */
    @GetMapping("/trail")
    List<ZoneStore.Movement> trail(@RequestParam(required = false) String patient,
                                   @RequestParam(required = false) String tag,
                                   @RequestParam(required = false) String asset,
                                   @RequestParam(required = false) String practitioner,
                                   @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(1)) : from;
        return tagsOf(patient, tag, asset, practitioner).stream()
                .flatMap(t -> zones.trail(t.uid(), start, end).stream()).toList();
    }

    private List<Tag> tagsOf(String patient, String tag, String asset, String practitioner) {
        int given = (patient != null ? 1 : 0) + (tag != null ? 1 : 0) + (asset != null ? 1 : 0) + (practitioner != null ? 1 : 0);
        if (given != 1) {
            throw ApiException.invalid("patient", "Name exactly one of patient, tag, asset, practitioner");
        }
        if (patient != null) {
            access.requireVisible(patient);
            return tags.linkedTo("patient", patient);
        }
        if (tag != null) {
            Tag found = tags.find(tag.toUpperCase(Locale.ROOT)).orElseThrow(() -> ApiException.notFound("Tag"));
            if (found.patient() != null) {
                access.requireVisible(found.patient());
            }
            return List.of(found);
        }
        return asset != null ? tags.linkedTo("asset", asset) : tags.linkedTo("practitioner", practitioner);
    }

    private Map<String, Object> place(Tag tag, ZoneStore.Location location, Authentication caller) {
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("tag", tag.uid());
        place.put("kind", tag.kind());
        if (tag.patient() != null && access.canSee(caller, tag.patient())) {
            place.put("patient", tag.patient());
        }
        if (tag.asset() != null) {
            place.put("asset", tag.asset());
            place.put("assetType", tag.assetType());
        }
        if (tag.practitioner() != null) {
            place.put("practitioner", tag.practitioner());
        }
        place.put("zone", location.zone());
        place.put("path", zones.lineage(location.zone()).reversed().stream().map(Zone::name).toList());
        place.put("since", location.since());
        place.put("lastSeen", location.lastSeen());
        return place;
    }

    private static String bearer(String header) {
        return header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) ? null : header.substring(7).trim();
    }
}
