package io.vigil.server.zone;

import io.vigil.server.device.AssignmentStore;
import io.vigil.server.tag.Tag;
import io.vigil.server.tag.TagRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Utilisation per asset type: {@code GET /api/v1/assets/utilisation} — how many tagged assets of each type there
 * are, how many are located, in use (assigned to a patient now), outside their home zone, and missing.
 */
@RestController
class AssetController {

    /** One asset type's figures now. */
    record Utilisation(String assetType, int assets, int located, int inUse, int outsideHome, int notSeen,
                       double inUsePercent) {}

    private final TagRegistry tags;
    private final ZoneStore zones;
    private final AssignmentStore assignments;
    private final AssetWatch watch;
    private final Clock clock;

    AssetController(TagRegistry tags, ZoneStore zones, AssignmentStore assignments, AssetWatch watch, Clock clock) {
        this.tags = tags;
        this.zones = zones;
        this.assignments = assignments;
        this.watch = watch;
        this.clock = clock;
    }

    @GetMapping("/api/v1/assets/utilisation")
    List<Utilisation> utilisation() {
        Instant now = clock.instant();
        Set<String> missing = watch.missing();
        Map<String, int[]> byType = new TreeMap<>();
        for (Tag asset : tags.assets()) {
            int[] counts = byType.computeIfAbsent(asset.assetType() == null ? "unspecified" : asset.assetType(),
                    type -> new int[5]);
            counts[0]++;
            Optional<ZoneStore.Location> location = zones.location(asset.uid());
            if (location.isPresent()) {
                counts[1]++;
                if (asset.homeZone() != null && !zones.within(location.get().zone(), asset.homeZone())) {
                    counts[3]++;
                }
            }
            if (assignments.patientAt(asset.asset(), now).isPresent()) {
                counts[2]++;
            }
            if (missing.contains(asset.uid())) {
                counts[4]++;
            }
        }
        return byType.entrySet().stream().map(e -> new Utilisation(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], e.getValue()[3], e.getValue()[4], 100.0 * e.getValue()[2] / e.getValue()[0])).toList();
    }
}
