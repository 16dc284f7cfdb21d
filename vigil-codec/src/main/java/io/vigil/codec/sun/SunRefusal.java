package io.vigil.codec.sun;

/**
 * Why a tapped tag's secure dynamic message was refused by the codec. Codes 1700–1709; the server adds its own
 * refusals (unknown, revoked, replayed tag) beside them. The numbers never change meaning.
 */
public enum SunRefusal {
    MALFORMED_URL("VIGIL-1700", "The URL carries no SUN message Vigil reads: a parameter is missing, repeated, not"
            + " hex, or of the wrong length (AES mode: picc_data/e 32 hex digits, cmac/c 16, enc a multiple of 32)"),
    PICC_UNREADABLE("VIGIL-1701", "The encrypted PICC data does not decrypt to a UID and read counter under any"
            + " tag profile's meta-read key (unknown batch, LRP mode, or forged)"),
    MAC_MISMATCH("VIGIL-1702", "The truncated SDM MAC does not match: a forged or cloned tag, or the wrong file-read"
            + " key"),
    UNSUPPORTED_MIRROR("VIGIL-1706", "The tag mirrors no read counter or no 7-byte UID: without a counter a tap"
            + " cannot be told from a replay");

    private final String code;
    private final String description;

    SunRefusal(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
