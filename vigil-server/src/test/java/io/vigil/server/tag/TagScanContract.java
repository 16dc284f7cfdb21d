package io.vigil.server.tag;

import static io.vigil.server.TagFixture.HEX;
import static io.vigil.server.TagFixture.key;
import static io.vigil.server.TagFixture.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.codec.sun.DiversifiedKey;
import io.vigil.codec.sun.PiccData;
import io.vigil.codec.sun.SunMirror;
import io.vigil.server.BedsideContract;
import io.vigil.server.VigilClient;
import io.vigil.server.audit.AuditRecord;
import io.vigil.server.audit.AuditTrail;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Secure tags through the real HTTP API: registration (keys in, never out), taps verified and answered, and each
 * attack refused with its own code — a replayed tap, a cloned or forged tag, an unknown UID, a revoked tag — with
 * the scan log, the audit trail and the technical alert on repeated refusals. Subclasses pick H2 or PostgreSQL.
 */
abstract class TagScanContract extends BedsideContract {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditTrail audit;

    VigilClient admin;
    String profile;
    byte[] metaKey;

    /** Every meta-read key this class registers (the AN12196 test adds the zero key). */
    private static final List<byte[]> META_KEYS = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(new byte[16]));

    @BeforeEach
    void profile() {
        admin = ward.admin();
        profile = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        metaKey = key();
        META_KEYS.add(metaKey);
        VigilClient.Response created = admin.post("/api/v1/tag-profiles",
                Map.of("id", profile, "metaReadKey", HEX.formatHex(metaKey)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void wristband_acceptedThenReplayRefused_andCounterMustRise() {
        byte[] fileKey = key();
        String uid = wristband(fileKey);
        SunMirror tag = new SunMirror(metaKey, fileKey);

        String first = tag.url("https://tags.example/t", new PiccData(uid, 1), new byte[0]);
        VigilClient.Response accepted = scan(clinician, first);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("uid").asText()).isEqualTo(uid);
        assertThat(accepted.json().get("counter").asInt()).isEqualTo(1);
        assertThat(accepted.json().get("kind").asText()).isEqualTo("wristband");
        assertThat(accepted.json().get("patient").asText()).isEqualTo(patient);

        refusedWith(scan(clinician, first), 403, "VIGIL-1703");
        assertThat(scan(clinician, tag.url("https://tags.example/t", new PiccData(uid, 7), new byte[0])).status())
                .isEqualTo(200);
        refusedWith(scan(clinician, tag.url("https://tags.example/t", new PiccData(uid, 5), new byte[0])), 403,
                "VIGIL-1703");
        refusedWith(scan(clinician, tag.plainUrl("https://tags.example/t", new PiccData(uid, 7))), 403, "VIGIL-1703");
        assertThat(scan(clinician, tag.plainUrl("https://tags.example/t", new PiccData(uid, 8))).status()).isEqualTo(200);
    }

    @Test
    void cloneOrForgery_wrongFileKeyOrAlteredMac_refusedAsMacMismatch() {
        String uid = wristband(key());
        SunMirror clone = new SunMirror(metaKey, key());
        refusedWith(scan(clinician, clone.url("https://tags.example/t", new PiccData(uid, 1), new byte[0])), 403,
                "VIGIL-1702");
        refusedWith(scan(clinician, clone.plainUrl("https://tags.example/t", new PiccData(uid, 2))), 403, "VIGIL-1702");
    }

    @Test
    void unknownUid_unreadableAndMalformed_eachTheirCode() {
        SunMirror foreign = new SunMirror(metaKey, key());
        refusedWith(scan(clinician, foreign.url("https://tags.example/t", new PiccData(uid(), 1), new byte[0])), 404,
                "VIGIL-1704");
        refusedWith(scan(clinician, unreadableUnderEveryProfile()), 422, "VIGIL-1701");
        refusedWith(scan(clinician, "https://tags.example/t?picc_data=00&cmac=00"), 400, "VIGIL-1700");
    }

    @Test
    void revokedTag_refusedEvenWithAValidTap() {
        byte[] fileKey = key();
        String uid = wristband(fileKey);
        VigilClient.Response revoked = admin.post("/api/v1/tags/" + uid + "/revoke", Map.of());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        refusedWith(scan(clinician, new SunMirror(metaKey, fileKey).url("https://t/", new PiccData(uid, 1),
                new byte[0])), 403, "VIGIL-1705");
    }

    @Test
    void repeatedRefusals_auditedLoggedAndAlertOnThePatient() {
        byte[] fileKey = key();
        String uid = wristband(fileKey);
        SunMirror tag = new SunMirror(metaKey, fileKey);
        String replayed = tag.url("https://t/", new PiccData(uid, 10), new byte[0]);
        assertThat(scan(clinician, replayed).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            refusedWith(scan(clinician, replayed), 403, "VIGIL-1703");
        }

        JsonNode alert = await().atMost(Duration.ofSeconds(10)).until(() -> alerts(), a -> !a.isEmpty()).getFirst();
        assertThat(alert.get("rule").asText()).isEqualTo("tag-scan-refused");
        assertThat(alert.get("measurement").asText()).isEqualTo("tag-scan");

        List<AuditRecord> trail = audit.search(patient, null, null, null, 50);
        assertThat(trail).extracting(r -> r.event().action()).contains("tag.scan.accepted", "tag.scan.refused.vigil-1703");
        assertThat(trail).filteredOn(r -> r.event().action().equals("tag.scan.refused.vigil-1703"))
                .anySatisfy(r -> assertThat(r.event().severity().code()).isEqualTo("high"));

        JsonNode log = admin.get("/api/v1/tag-scans?uid=" + uid).json();
        assertThat(log).hasSize(4);
        assertThat(log.get(3).get("accepted").asBoolean()).isTrue();
        assertThat(log.get(0).get("code").asText()).isEqualTo("VIGIL-1703");

        assertThat(scan(clinician, tag.url("https://t/", new PiccData(uid, 11), new byte[0])).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts().getFirst().get("state").asText().equals("resolved"));
    }

    @Test
    void an12196Vector_withMasterKeyProfileAndEncryptedFileData() {
        Map<String, Object> zeroProfile = Map.of("id", "factory-" + UUID.randomUUID().toString().substring(0, 6),
                "metaReadKey", "00000000000000000000000000000000", "fileReadKey", "00000000000000000000000000000000");
        assertThat(admin.post("/api/v1/tag-profiles", zeroProfile).status()).isEqualTo(201);
        asset("04958CAA5C5E80", (String) zeroProfile.get("id"), null);
        VigilClient.Response tap = scan(clinician, "https://my424dna.com/?picc_data=FD91EC264309878BE6345CBE53BADF40"
                + "&enc=CEE9A53E3E463EF1F459635736738962&cmac=ECC1E7F6C6C73BF6");
        assertThat(tap.status()).as(tap.body()).isEqualTo(200);
        assertThat(tap.json().get("counter").asInt()).isEqualTo(8);
        assertThat(tap.json().get("fileData").asText()).isEqualTo("78787878787878787878787878787878");

        byte[] master = key();
        String derived = "derived-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("/api/v1/tag-profiles", Map.of("id", derived, "metaReadKey", HEX.formatHex(metaKey),
                "masterKey", HEX.formatHex(master))).status()).isEqualTo(201);
        String uid = uid();
        asset(uid, derived, null);
        SunMirror tag = new SunMirror(metaKey, DiversifiedKey.fileReadKey(master, uid));
        VigilClient.Response byDerivedKey = scan(clinician, tag.url("https://t/", new PiccData(uid, 1), new byte[0]));
        assertThat(byDerivedKey.status()).as(byDerivedKey.body()).isEqualTo(200);
        assertThat(byDerivedKey.json().get("asset").asText()).isEqualTo("pump-" + uid);
    }

    @Test
    void keys_neverReturnedNorStoredInTheClear_andAdminOnly() {
        byte[] fileKey = key();
        String uid = wristband(fileKey);
        String shown = admin.get("/api/v1/tags/" + uid).body() + admin.get("/api/v1/tags").body();
        assertThat(shown).doesNotContainIgnoringCase(HEX.formatHex(fileKey)).doesNotContainIgnoringCase(HEX.formatHex(metaKey))
                .doesNotContain("Key");
        String stored = jdbc.queryForObject("SELECT meta_read_key_sealed FROM tag_profile WHERE id = ?", String.class, profile)
                + jdbc.queryForObject("SELECT file_read_key_sealed FROM tag WHERE uid = ?", String.class, uid);
        assertThat(stored).doesNotContainIgnoringCase(HEX.formatHex(metaKey)).doesNotContainIgnoringCase(HEX.formatHex(fileKey))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(fileKey));
        assertThat(clinician.get("/api/v1/tags").status()).isEqualTo(403);
        assertThat(clinician.post("/api/v1/tag-profiles", Map.of("id", "x", "metaReadKey", HEX.formatHex(key()))).status())
                .isEqualTo(403);
        assertThat(caregiver.post("/api/v1/tags/scan", Map.of("url", "?e=00&c=00")).status()).isEqualTo(403);
        VigilClient.Response badKey = admin.post("/api/v1/tag-profiles", Map.of("id", "short", "metaReadKey", "0011"));
        refusedWith(badKey, 400, "VIGIL-1201");
    }

    /**
     * A tap from another batch: its PICC data must not happen to decrypt to a well-formed tag byte under any key
     * registered here (a chance of about 1 in 256 per key), or the answer is rightly "unknown tag" instead.
     */
    private static String unreadableUnderEveryProfile() {
        while (true) {
            String url = new SunMirror(key(), key()).url("https://tags.example/t", new PiccData(uid(), 1), new byte[0]);
            io.vigil.codec.sun.SunUrl parsed = ((io.vigil.codec.sun.SunResult.Ok<io.vigil.codec.sun.SunUrl>)
                    io.vigil.codec.sun.SunUrl.parse(url)).value();
            if (META_KEYS.stream().allMatch(k -> io.vigil.codec.sun.SunVerifier.readPicc(parsed, k)
                    instanceof io.vigil.codec.sun.SunResult.Refused)) {
                return url;
            }
        }
    }

    private List<JsonNode> alerts() {
        List<JsonNode> found = new java.util.ArrayList<>();
        clinician.get("/api/v1/alerts?patient=" + patient).json().forEach(found::add);
        return found.stream().filter(a -> a.get("rule").asText().equals("tag-scan-refused")).toList();
    }

    String wristband(byte[] fileKey) {
        String uid = uid();
        VigilClient.Response created = admin.post("/api/v1/tags", Map.of("uid", uid, "profile", profile,
                "fileReadKey", HEX.formatHex(fileKey), "kind", "wristband", "patient", patient));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return uid;
    }

    void asset(String uid, String inProfile, String homeZone) {
        Map<String, Object> body = new HashMap<>(Map.of("uid", uid, "profile", inProfile, "kind", "asset",
                "asset", "pump-" + uid, "assetType", "infusion-pump"));
        if (homeZone != null) {
            body.put("homeZone", homeZone);
        }
        VigilClient.Response created = admin.post("/api/v1/tags", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    static VigilClient.Response scan(VigilClient client, String url) {
        return client.post("/api/v1/tags/scan", Map.of("url", url));
    }

    static void refusedWith(VigilClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }
}
