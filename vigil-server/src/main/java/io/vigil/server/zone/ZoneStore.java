package io.vigil.server.zone;

import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Zones, readers, tag reads, where each tag is, and its movements. Zones and readers are cached: they rarely change. */
@Repository
public class ZoneStore {
    /** Where a tag is now. */
    public record Location(String uid, String zone, Instant since, Instant lastSeen) {}

    /** One entry of a tag's trail: the zone it entered and when. */
    public record Movement(String uid, String zone, Instant enteredAt) {}

    private static final RowMapper<Zone> ZONE = (rs, n) -> new Zone(rs.getString("id"), rs.getString("name"),
            rs.getString("kind"), rs.getString("parent_id"), rs.getString("care_unit"), rs.getBoolean("is_exit"));
    private static final RowMapper<Location> LOCATION = (rs, n) -> new Location(rs.getString("uid"),
            rs.getString("zone_id"), rs.getTimestamp("since").toInstant(), rs.getTimestamp("last_seen").toInstant());

    private final JdbcTemplate jdbc;
    private final Map<String, Zone> zones = new ConcurrentHashMap<>();
    private final Map<String, String> readerZones = new ConcurrentHashMap<>();

    ZoneStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insertZone(Zone zone, Instant now) {
        try {
            jdbc.update("INSERT INTO zone (id, name, kind, parent_id, care_unit, is_exit, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    zone.id(), zone.name(), zone.kind(), zone.parent(), zone.careUnit(), zone.exit(), Timestamp.from(now));
        } catch (DataIntegrityViolationException e) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT, "A zone with this id exists", "id");
        }
        zones.put(zone.id(), zone);
    }

    public Optional<Zone> zone(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Zone cached = zones.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Zone> found = jdbc.query("SELECT * FROM zone WHERE id = ?", ZONE, id).stream().findFirst();
        found.ifPresent(z -> zones.put(z.id(), z));
        return found;
    }

    public List<Zone> zones() {
        return jdbc.query("SELECT * FROM zone ORDER BY id", ZONE);
    }

    /** The zone and its ancestors, nearest first. */
    public List<Zone> lineage(String id) {
        List<Zone> lineage = new ArrayList<>();
        for (Optional<Zone> z = zone(id); z.isPresent() && lineage.size() < 16; z = zone(z.get().parent())) {
            lineage.add(z.get());
        }
        return lineage;
    }

    boolean within(String zone, String ancestor) {
        return lineage(zone).stream().anyMatch(z -> z.id().equals(ancestor));
    }

    public void insertReader(String id, String zone, Instant now) {
        try {
            jdbc.update("INSERT INTO tag_reader (id, zone_id, created_at) VALUES (?, ?, ?)", id, zone, Timestamp.from(now));
        } catch (DataIntegrityViolationException e) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT, "This device is a reader already", "id");
        }
        readerZones.put(id, zone);
    }

    public Optional<String> readerZone(String reader) {
        String cached = readerZones.get(reader);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = jdbc.queryForList("SELECT zone_id FROM tag_reader WHERE id = ?", String.class, reader)
                .stream().findFirst();
        found.ifPresent(z -> readerZones.put(reader, z));
        return found;
    }

    List<Map<String, Object>> readers() {
        return jdbc.queryForList("SELECT id, zone_id AS zone FROM tag_reader ORDER BY id");
    }

    void insertRead(String uid, String reader, String zone, Integer rssi, Instant time) {
        jdbc.update("INSERT INTO tag_read (id, uid, reader_id, zone_id, rssi, read_at) VALUES (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), uid, reader, zone, rssi, Timestamp.from(time));
    }

    public Optional<Location> location(String uid) {
        return jdbc.query("SELECT * FROM tag_location WHERE uid = ?", LOCATION, uid).stream().findFirst();
    }

    List<Location> locations() {
        return jdbc.query("SELECT * FROM tag_location ORDER BY uid", LOCATION);
    }

    List<Location> locationsIn(List<String> zoneIds) {
        if (zoneIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(zoneIds.size(), "?"));
        return jdbc.query("SELECT * FROM tag_location WHERE zone_id IN (" + marks + ") ORDER BY uid", LOCATION,
                zoneIds.toArray());
    }

    /** The zone and every zone under it. */
    List<String> subtree(String id) {
        List<Zone> all = zones();
        List<String> out = new ArrayList<>(List.of(id));
        for (int i = 0; i < out.size(); i++) {
            String parent = out.get(i);
            all.stream().filter(z -> parent.equals(z.parent())).forEach(z -> out.add(z.id()));
        }
        return out;
    }

    void moved(String uid, String zone, Instant since, Instant lastSeen) {
        int updated = jdbc.update("UPDATE tag_location SET zone_id = ?, since = ?, last_seen = ? WHERE uid = ?", zone,
                Timestamp.from(since), Timestamp.from(lastSeen), uid);
        if (updated == 0) {
            jdbc.update("INSERT INTO tag_location (uid, zone_id, since, last_seen) VALUES (?, ?, ?, ?)", uid, zone,
                    Timestamp.from(since), Timestamp.from(lastSeen));
        }
        jdbc.update("INSERT INTO tag_movement (id, uid, zone_id, entered_at) VALUES (?, ?, ?, ?)",
                UUID.randomUUID().toString(), uid, zone, Timestamp.from(since));
    }

    void seen(String uid, Instant lastSeen) {
        jdbc.update("UPDATE tag_location SET last_seen = ? WHERE uid = ? AND last_seen < ?", Timestamp.from(lastSeen), uid,
                Timestamp.from(lastSeen));
    }

    List<Movement> trail(String uid, Instant from, Instant to) {
        return jdbc.query("SELECT * FROM tag_movement WHERE uid = ? AND entered_at >= ? AND entered_at <= ? ORDER BY entered_at",
                (rs, n) -> new Movement(rs.getString("uid"), rs.getString("zone_id"), rs.getTimestamp("entered_at").toInstant()),
                uid, Timestamp.from(from), Timestamp.from(to));
    }
}
