package io.vigil.server.tag;

import io.vigil.codec.sun.DiversifiedKey;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Registers tag profiles and tags, sealing their keys, and opens the keys again — only for a verification. A tag's
 * SDM file-read key is, in order: its own key; else AN10922 diversification of its profile's master key with its
 * UID; else its profile's default file-read key.
 */
@Component
public class TagRegistry {
    private static final Logger log = LoggerFactory.getLogger(TagRegistry.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[0-9A-Fa-f]{32}");
    private static final Pattern UID = Pattern.compile("[0-9A-Fa-f]{14}");
    private static final List<String> KINDS = List.of(Tag.WRISTBAND, Tag.BADGE, Tag.ASSET);

    public record ProfileRequest(String id, String metaReadKey, String fileReadKey, String masterKey) {}

    public record TagRequest(String uid, String profile, String fileReadKey, String kind, String patient, String practitioner,
                      String asset, String assetType, String homeZone) {}

    /** A profile's keys in the clear, for one verification. */
    record ProfileKeys(String id, byte[] metaReadKey) {}

    private final TagStore store;
    private final TagKeyring keyring;
    private final PatientAccess access;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    TagRegistry(TagStore store, TagKeyring keyring, PatientAccess access, JdbcTemplate jdbc, Clock clock) {
        this.store = store;
        this.keyring = keyring;
        this.access = access;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void registerProfile(ProfileRequest request) {
        if (request.id() == null || !ID.matcher(request.id()).matches()) {
            throw ApiException.invalid("id", "A profile id is 1–64 characters of [A-Za-z0-9._:-]");
        }
        byte[] meta = key("metaReadKey", request.metaReadKey(), true);
        byte[] file = key("fileReadKey", request.fileReadKey(), false);
        byte[] master = key("masterKey", request.masterKey(), false);
        if (file != null && master != null) {
            throw ApiException.invalid("masterKey", "A profile has a default fileReadKey or a masterKey, not both");
        }
        String id = request.id();
        store.insertProfile(new TagStore.SealedProfile(id, keyring.seal(meta, context("profile/" + id, "meta")),
                file == null ? null : keyring.seal(file, context("profile/" + id, "file")),
                master == null ? null : keyring.seal(master, context("profile/" + id, "master"))), clock.instant());
        log.info("event=tag.profile_registered profile={} fileKey={}", id,
                file != null ? "default" : master != null ? "diversified" : "per-tag");
    }

    public Tag registerTag(TagRequest request) {
        String uid = uid(request.uid());
        TagStore.SealedProfile profile = store.profile(request.profile() == null ? "" : request.profile())
                .orElseThrow(() -> ApiException.invalid("profile", "No tag profile has this id"));
        byte[] file = key("fileReadKey", request.fileReadKey(), false);
        if (file == null && profile.fileReadKey() == null && profile.masterKey() == null) {
            throw ApiException.invalid("fileReadKey", "The profile has neither a default file-read key nor a master key:"
                    + " the tag needs its own fileReadKey");
        }
        String kind = request.kind() == null ? "" : request.kind().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw ApiException.invalid("kind", "kind is one of " + KINDS);
        }
        requireLink(kind, request);
        if (request.homeZone() != null && !zoneExists(request.homeZone())) {
            throw ApiException.invalid("homeZone", "No zone has this id");
        }
        Tag tag = new Tag(uid, profile.id(), kind, request.patient(), request.practitioner(), request.asset(),
                request.assetType(), request.homeZone(), Tag.ACTIVE, null);
        store.insertTag(tag, file == null ? null : keyring.seal(file, context("tag/" + uid, "file")), clock.instant());
        log.info("event=tag.registered uid={} profile={} kind={}", uid, profile.id(), kind);
        return tag;
    }

    private void requireLink(String kind, TagRequest request) {
        int links = (request.patient() != null ? 1 : 0) + (request.practitioner() != null ? 1 : 0)
                + (request.asset() != null ? 1 : 0);
        String expected = switch (kind) {
            case Tag.WRISTBAND -> request.patient() == null ? "patient" : null;
            case Tag.BADGE -> request.practitioner() == null ? "practitioner" : null;
            default -> request.asset() == null ? "asset" : null;
        };
        if (expected != null || links != 1) {
            throw ApiException.invalid(expected == null ? "kind" : expected,
                    "A wristband links one patient, a badge one practitioner, an asset tag one asset");
        }
        if (request.patient() != null && !access.exists(request.patient())) {
            throw ApiException.invalid("patient", "Patient is unknown");
        }
    }

    void revoke(String uid) {
        if (!store.revoke(uid(uid), clock.instant())) {
            throw ApiException.notFound("Tag");
        }
        log.info("event=tag.revoked uid={}", uid(uid));
    }

    /** The tags linked to a patient, practitioner or asset ({@code patient}, {@code practitioner}, {@code asset}). */
    public List<Tag> linkedTo(String link, String id) {
        return store.linkedTo(link, id);
    }

    /** Every active asset tag. */
    public List<Tag> assets() {
        return store.list().stream().filter(t -> Tag.ASSET.equals(t.kind()) && !t.revoked()).toList();
    }

    List<Tag> tags() {
        return store.list();
    }

    public Optional<Tag> find(String uid) {
        return store.find(uid).map(TagStore.SealedTag::tag);
    }

    public boolean profileExists(String id) {
        return store.profile(id).isPresent();
    }

    /** Every profile's meta-read key, opened. */
    List<ProfileKeys> metaReadKeys() {
        return store.profiles().stream()
                .map(p -> new ProfileKeys(p.id(), keyring.open(p.metaReadKey(), context("profile/" + p.id(), "meta")))).toList();
    }

    /** The tag's SDM file-read key, opened (or derived). */
    byte[] fileReadKey(TagStore.SealedTag tag) {
        if (tag.fileReadKey() != null) {
            return keyring.open(tag.fileReadKey(), context("tag/" + tag.tag().uid(), "file"));
        }
        TagStore.SealedProfile profile = store.profile(tag.tag().profile()).orElseThrow();
        if (profile.masterKey() != null) {
            byte[] master = keyring.open(profile.masterKey(), context("profile/" + profile.id(), "master"));
            return DiversifiedKey.fileReadKey(master, tag.tag().uid());
        }
        return keyring.open(profile.fileReadKey(), context("profile/" + profile.id(), "file"));
    }

    private boolean zoneExists(String zone) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM zone WHERE id = ?", Integer.class, zone);
        return n != null && n > 0;
    }

    static String uid(String uid) {
        if (uid == null || !UID.matcher(uid).matches()) {
            throw ApiException.invalid("uid", "A tag UID is 14 hex digits (7 bytes)");
        }
        return uid.toUpperCase(Locale.ROOT);
    }

    private static byte[] key(String field, String hex, boolean required) {
        if (hex == null && !required) {
            return null;
        }
        if (hex == null || !KEY.matcher(hex).matches()) {
            throw ApiException.invalid(field, field + " is 32 hex digits (an AES-128 key)");
        }
        return HexFormat.of().parseHex(hex);
    }

    private static String context(String owner, String which) {
        return "vigil.tag-key/" + owner + "/" + which;
    }
}
