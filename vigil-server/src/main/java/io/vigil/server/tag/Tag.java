package io.vigil.server.tag;

/**
 * A registered tag as the API shows it — never its keys.
 *
 * @param uid          the NTAG's 7-byte UID, 14 upper-case hex digits
 * @param kind         {@code wristband} (a patient), {@code badge} (a practitioner), {@code asset} (equipment)
 * @param patient      the patient a wristband identifies, or null
 * @param practitioner the practitioner (user name) a badge identifies, or null
 * @param asset        the asset id an asset tag identifies, or null
 * @param assetType    what kind of equipment the asset is (infusion-pump…), or null
 * @param homeZone     the zone an asset belongs in (alert when it leaves), or null
 * @param lastCounter  the highest SDM read counter accepted so far, or null before the first scan
 */
public record Tag(String uid, String profile, String kind, String patient, String practitioner, String asset,
                  String assetType, String homeZone, String status, Integer lastCounter) {
    static final String ACTIVE = "active";
    static final String REVOKED = "revoked";
    static final String WRISTBAND = "wristband";
    static final String BADGE = "badge";
    static final String ASSET = "asset";

    public boolean revoked() {
        return REVOKED.equals(status);
    }

    /** What the tag identifies, as {@code patient/…}, {@code practitioner/…} or {@code asset/…}. */
    String subject() {
        return patient != null ? "patient/" + patient : practitioner != null ? "practitioner/" + practitioner
                : "asset/" + asset;
    }
}
