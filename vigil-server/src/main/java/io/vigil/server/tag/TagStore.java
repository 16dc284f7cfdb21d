package io.vigil.server.tag;

import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Tag profiles, tags and the scan log. Keys arrive and leave sealed; this class never sees one in the clear. */
@Repository
class TagStore {
    /** A profile's sealed keys. */
    record SealedProfile(String id, String metaReadKey, String fileReadKey, String masterKey) {}

    /** A tag with its own sealed file-read key (or null). */
    record SealedTag(Tag tag, String fileReadKey) {}


    private static final RowMapper<SealedProfile> PROFILE = (rs, n) -> new SealedProfile(rs.getString("id"),
            rs.getString("meta_read_key_sealed"), rs.getString("file_read_key_sealed"), rs.getString("master_key_sealed"));
    private static final RowMapper<SealedTag> TAG = (rs, n) -> new SealedTag(new Tag(rs.getString("uid"),
            rs.getString("profile_id"), rs.getString("kind"), rs.getString("patient_id"), rs.getString("practitioner"),
            rs.getString("asset_id"), rs.getString("asset_type"), rs.getString("home_zone"), rs.getString("status"),
            (Integer) rs.getObject("last_counter")), rs.getString("file_read_key_sealed"));
    private static final RowMapper<TagScan> SCAN = (rs, n) -> new TagScan(rs.getString("id"),
            rs.getTimestamp("scanned_at").toInstant(), rs.getString("uid"), (Integer) rs.getObject("counter"),
            rs.getString("reader"), rs.getString("actor"), rs.getBoolean("accepted"), rs.getString("code"));

    private final JdbcTemplate jdbc;

    TagStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insertProfile(SealedProfile profile, Instant now) {
        try {
            jdbc.update("INSERT INTO tag_profile (id, meta_read_key_sealed, file_read_key_sealed, master_key_sealed,"
                    + " created_at) VALUES (?, ?, ?, ?, ?)", profile.id(), profile.metaReadKey(), profile.fileReadKey(),
                    profile.masterKey(), Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT, "A tag profile with this id exists", "id");
        }
    }

    List<SealedProfile> profiles() {
        return jdbc.query("SELECT * FROM tag_profile ORDER BY created_at, id", PROFILE);
    }

    Optional<SealedProfile> profile(String id) {
        return jdbc.query("SELECT * FROM tag_profile WHERE id = ?", PROFILE, id).stream().findFirst();
    }

    void insertTag(Tag tag, String sealedFileReadKey, Instant now) {
        try {
            jdbc.update("INSERT INTO tag (uid, profile_id, file_read_key_sealed, kind, patient_id, practitioner, asset_id,"
                    + " asset_type, home_zone, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tag.uid(),
                    tag.profile(), sealedFileReadKey, tag.kind(), tag.patient(), tag.practitioner(), tag.asset(),
                    tag.assetType(), tag.homeZone(), tag.status(), Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT, "A tag with this UID is registered", "uid");
        }
    }

    Optional<SealedTag> find(String uid) {
        return jdbc.query("SELECT * FROM tag WHERE uid = ?", TAG, uid).stream().findFirst();
    }

    List<Tag> list() {
        return jdbc.query("SELECT * FROM tag ORDER BY uid", TAG).stream().map(SealedTag::tag).toList();
    }

    List<Tag> linkedTo(String column, String id) {
        return jdbc.query("SELECT * FROM tag WHERE " + switch (column) {
            case "patient" -> "patient_id";
            case "asset" -> "asset_id";
            default -> "practitioner";
        } + " = ? ORDER BY uid", TAG, id).stream().map(SealedTag::tag).toList();
    }

    /** Accepts the counter only if it is above the last accepted one — atomically, so two racing taps cannot both win. */
    boolean advanceCounter(String uid, int counter) {
        return jdbc.update("UPDATE tag SET last_counter = ? WHERE uid = ? AND (last_counter IS NULL OR last_counter < ?)",
                counter, uid, counter) == 1;
    }

    boolean revoke(String uid, Instant now) {
        return jdbc.update("UPDATE tag SET status = ?, revoked_at = ? WHERE uid = ?", Tag.REVOKED, Timestamp.from(now),
                uid) == 1;
    }

    TagScan recordScan(Instant time, String uid, Integer counter, String reader, String actor, String code) {
        TagScan scan = new TagScan(UUID.randomUUID().toString(), time, uid, counter, reader, actor, code == null, code);
        jdbc.update("INSERT INTO tag_scan (id, scanned_at, uid, counter, reader, actor, accepted, code)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", scan.id(), Timestamp.from(time), uid, counter, reader, actor,
                scan.accepted(), code);
        return scan;
    }

    Optional<TagScan> scan(String id) {
        return jdbc.query("SELECT * FROM tag_scan WHERE id = ?", SCAN, id).stream().findFirst();
    }

    /** Newest first; {@code uid} null for all. */
    List<TagScan> scans(String uid, int limit) {
        return uid == null
                ? jdbc.query("SELECT * FROM tag_scan ORDER BY scanned_at DESC FETCH FIRST ? ROWS ONLY", SCAN, limit)
                : jdbc.query("SELECT * FROM tag_scan WHERE uid = ? ORDER BY scanned_at DESC FETCH FIRST ? ROWS ONLY", SCAN,
                        uid, limit);
    }

    /** Refused scans since {@code from}: of this UID, or — when the UID is unknown — by this actor. */
    int refusedSince(String uid, String actor, Instant from) {
        Integer count = uid != null
                ? jdbc.queryForObject("SELECT COUNT(*) FROM tag_scan WHERE uid = ? AND accepted = FALSE AND scanned_at >= ?",
                        Integer.class, uid, Timestamp.from(from))
                : jdbc.queryForObject("SELECT COUNT(*) FROM tag_scan WHERE uid IS NULL AND actor = ? AND accepted = FALSE"
                        + " AND scanned_at >= ?", Integer.class, actor, Timestamp.from(from));
        return count == null ? 0 : count;
    }
}
