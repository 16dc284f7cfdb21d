package io.vigil.server.demo;

import io.vigil.model.DeviceRecord;
import io.vigil.server.device.DeviceAssignments;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.tag.TagRegistry;
import io.vigil.server.zone.Zone;
import io.vigil.server.zone.ZoneStore;
import io.vigil.sim.TagFloor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo's floor: a site, a building, the {@code ward-a} unit with one room per bed, an equipment store and the main
 * exit; a reader in each (a device of type {@code tag-reader}); BLE asset tags on every bedside monitor and on one
 * infusion pump per bed, and the demo clinician's badge walking the rooms. The first bed's pump (assigned to its
 * patient) is wheeled out to the store after {@code vigil.tags.demo-pump-leaves-after}, which raises
 * {@code asset-left-home-zone} on that patient. Idempotent across restarts (readers get fresh secrets).
 */
class DemoFloor {
    static final String SITE = "demo-hospital";
    static final String BUILDING = "demo-main-building";
    static final String UNIT = "ward-a";
    static final String STORE = "ward-a-equipment-store";
    static final String EXIT = "main-exit";
    static final String PROFILE = "demo-ble-tags";

    private final ZoneStore zones;
    private final TagRegistry tags;
    private final DeviceStore devices;
    private final DeviceAssignments assignments;
    private final Clock clock;

    DemoFloor(ZoneStore zones, TagRegistry tags, DeviceStore devices, DeviceAssignments assignments, Clock clock) {
        this.zones = zones;
        this.tags = tags;
        this.devices = devices;
        this.assignments = assignments;
        this.clock = clock;
    }

    /** Provisions the floor for the ward's beds and returns the simulated floor to play. */
    TagFloor provision(List<DemoWard.Provisioned> beds, Duration pumpLeavesAfter) {
        zone(SITE, "Vigil Demo Hospital", "site", null, null, false);
        zone(BUILDING, "Main building", "building", SITE, null, false);
        zone(UNIT, "Ward A", "unit", BUILDING, UNIT, false);
        zone(STORE, "Ward A equipment store", "area", BUILDING, null, false);
        zone(EXIT, "Main exit", "area", BUILDING, null, true);
        if (!tags.profileExists(PROFILE)) {
            HexFormat hex = HexFormat.of();
            tags.registerProfile(new TagRegistry.ProfileRequest(PROFILE, hex.formatHex(randomKey()), hex.formatHex(randomKey()),
                    null));
        }
        List<TagFloor.Reader> readers = new ArrayList<>();
        readers.add(reader(STORE));
        readers.add(reader(EXIT));
        List<TagFloor.TaggedItem> items = new ArrayList<>();
        List<String> rooms = new ArrayList<>();
        int n = 0;
        for (DemoWard.Provisioned bed : beds) {
            if (!UNIT.equals(bed.bed().unit())) {
                continue;
            }
            n++;
            String room = UNIT + "-room-" + bed.bed().bed();
            rooms.add(room);
            zone(room, "Room " + bed.bed().bed(), "room", UNIT, null, false);
            readers.add(reader(room));
            String monitorTag = asset(uid(0x10, n), bed.bed().deviceId(), "vital-signs-monitor");
            items.add(new TagFloor.TaggedItem(monitorTag, List.of(room), Duration.ofHours(1)));
            String pump = "ward-a-pump-" + bed.bed().bed();
            registerPump(pump, bed.patientId());
            String pumpTag = asset(uid(0x20, n), pump, "infusion-pump");
            items.add(n == 1 ? TagFloor.TaggedItem.leaving(pumpTag, room, pumpLeavesAfter, STORE)
                    : new TagFloor.TaggedItem(pumpTag, List.of(room), Duration.ofHours(1)));
        }
        if (!rooms.isEmpty() && tags.find(uid(0x30, 1)).isEmpty()) {
            tags.registerTag(new TagRegistry.TagRequest(uid(0x30, 1), PROFILE, null, "badge", null, "clinician", null, null,
                    null));
        }
        if (!rooms.isEmpty()) {
            items.add(new TagFloor.TaggedItem(uid(0x30, 1), rooms, Duration.ofMinutes(2)));
        }
        return new TagFloor(readers, items, clock.instant(), 424);
    }

    private void zone(String id, String name, String kind, String parent, String careUnit, boolean exit) {
        if (zones.zone(id).isEmpty()) {
            zones.insertZone(new Zone(id, name, kind, parent, careUnit, exit), clock.instant());
        }
    }

    private TagFloor.Reader reader(String zone) {
        String id = "reader-" + zone;
        String secret = devices.find(id).isPresent() ? devices.rotateSecret(id)
                : devices.register(new DeviceRecord(id, "tag-reader", "Vigil Simulated Devices", "ble-reader", "SIM-" + id,
                        DeviceStore.ACTIVE));
        if (zones.readerZone(id).isEmpty()) {
            zones.insertReader(id, zone, clock.instant());
        }
        return new TagFloor.Reader(id, secret, zone);
    }

    private void registerPump(String pump, String patient) {
        if (devices.find(pump).isEmpty()) {
            devices.register(new DeviceRecord(pump, "infusion-pump", "Vigil Simulated Devices", "pump", "SIM-" + pump,
                    DeviceStore.ACTIVE));
        }
        if (assignments.history(pump).isEmpty()) {
            assignments.assign(pump, patient, clock.instant().minusSeconds(3600), null);
        }
    }

    private String asset(String uid, String asset, String type) {
        if (tags.find(uid).isEmpty()) {
            tags.registerTag(new TagRegistry.TagRequest(uid, PROFILE, null, "asset", null, null, asset, type, UNIT));
        }
        return uid;
    }

    /** Demo UIDs: 04 DE {kind} 00 00 00 {n}. */
    private static String uid(int kind, int n) {
        return String.format("04DE%02X000000%02X", kind, n);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
