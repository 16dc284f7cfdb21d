package io.vigil.server.zone;

import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.patient.PatientStore;
import io.vigil.server.tag.Tag;
import io.vigil.server.tag.TagRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The floor page ({@code /floor}): every zone in its hierarchy with the tags located in it now — equipment by type,
 * staff badges, and patients' wristbands (named only for a caller who may see the patient). Server-rendered; it
 * reloads itself every 10 seconds.
 */
@Controller
class FloorPageController {

    /** One zone line: its depth in the hierarchy and what is in it. */
    record ZoneRow(Zone zone, int depth, List<Item> items) {}

    /** One tagged thing in a zone. */
    record Item(String kind, String label, String detail, long secondsAgo, boolean outsideHome) {}

    private final ZoneStore zones;
    private final TagRegistry tags;
    private final PatientAccess access;
    private final PatientStore patients;
    private final Clock clock;

    FloorPageController(ZoneStore zones, TagRegistry tags, PatientAccess access, PatientStore patients, Clock clock) {
        this.zones = zones;
        this.tags = tags;
        this.access = access;
        this.patients = patients;
        this.clock = clock;
    }

    @GetMapping("/floor")
    String floor(Authentication user, Model model) {
        Instant now = clock.instant();
        Map<String, List<Item>> byZone = new HashMap<>();
        for (ZoneStore.Location location : zones.locations()) {
            tags.find(location.uid()).ifPresent(tag -> byZone.computeIfAbsent(location.zone(), z -> new ArrayList<>())
                    .add(item(tag, location, user, now)));
        }
        List<Zone> all = zones.zones();
        List<ZoneRow> rows = new ArrayList<>();
        all.stream().filter(z -> z.parent() == null).forEach(site -> addTree(site, 0, all, byZone, rows));
        model.addAttribute("rows", rows);
        model.addAttribute("user", user.getName());
        return "floor";
    }

    private void addTree(Zone zone, int depth, List<Zone> all, Map<String, List<Item>> byZone, List<ZoneRow> rows) {
        rows.add(new ZoneRow(zone, depth, byZone.getOrDefault(zone.id(), List.of())));
        if (depth < 16) {
            all.stream().filter(z -> zone.id().equals(z.parent())).forEach(child -> addTree(child, depth + 1, all, byZone, rows));
        }
    }

    private Item item(Tag tag, ZoneStore.Location location, Authentication user, Instant now) {
        long ago = Math.max(0, Duration.between(location.lastSeen(), now).toSeconds());
        boolean outside = tag.homeZone() != null && !zones.within(location.zone(), tag.homeZone());
        if (tag.patient() != null) {
            String name = access.canSee(user, tag.patient()) ? patients.find(tag.patient())
                    .map(p -> p.given() + " " + p.family()).orElse("Patient") : "Patient";
            String bed = access.canSee(user, tag.patient()) ? patients.find(tag.patient()).map(PatientRecord::bed)
                    .map(b -> "bed " + b).orElse("") : "";
            return new Item("wristband", name, bed, ago, outside);
        }
        if (tag.practitioner() != null) {
            return new Item("badge", tag.practitioner(), "staff", ago, outside);
        }
        return new Item("asset", tag.asset(), tag.assetType() == null ? "" : tag.assetType(), ago, outside);
    }
}
