package io.vigil.codec.sun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Published NTAG 424 DNA SUN vectors in AES mode, all with the factory (all-zero) keys: NXP AN12196 §3.4 (PICC data
 * only; PICC data with SDMENCFileData) and the NFC Developer reference backend (sdm-backend) examples, including its
 * plain-UID form and its deliberately wrong MAC.
 */
class SunVerifierTest {
    static final byte[] ZERO = new byte[16];
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "AN12196 PICC data only | https://example.com/?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086 | 04DE5F1EACC040 | 61 | ''",
        "AN12196 PICC + file data | https://my424dna.com/?picc_data=FD91EC264309878BE6345CBE53BADF40&enc=CEE9A53E3E463EF1F459635736738962&cmac=ECC1E7F6C6C73BF6 | 04958CAA5C5E80 | 8 | 78787878787878787878787878787878",
        "sdm-backend file data, counter 1 | https://my424dna.com/?picc_data=FDE4AFA99B5C820A2C1BB0F1C792D0EB&enc=94592FDE69FA06E8E3B6CA686A22842B&cmac=C48B89C17A233B2C | 04958CAA5C5E80 | 1 | 78787878787878787878787878787878",
        "sdm-backend PICC data, long names | https://sdm.nfcdeveloper.com/tag?picc_data=EF963FF7828658A599F3041510671E88&cmac=94EED9EE65337086 | 04DE5F1EACC040 | 61 | ''",
        "sdm-backend plain UID and counter | https://sdm.nfcdeveloper.com/tagpt?uid=041E3C8A2D6B80&ctr=000006&cmac=4B00064004B0B3D3 | 041E3C8A2D6B80 | 6 | ''",
        "query alone, lower-case hex | e=ef963ff7828658a599f3041510671e88&c=94eed9ee65337086 | 04DE5F1EACC040 | 61 | ''"})
    void verify_publishedVectors(String name, String url, String uid, int counter, String fileData) {
        VerifiedTap tap = verified(url, ZERO, ZERO);

        assertThat(tap.picc()).isEqualTo(new PiccData(uid, counter));
        assertThat(HEX.formatHex(tap.fileData())).isEqualTo(fileData);
    }

    @Test
    void macKey_an12196SessionKeyAndFullMac() {
        PiccData picc = new PiccData("04958CAA5C5E80", 8);
        byte[] key = SunVerifier.macKey(ZERO, picc);
        assertThat(HEX.formatHex(key)).isEqualTo("3ED0920E5E6A0320D823D5987FEAFBB1");
        byte[] full = AesCmac.mac(key, "CEE9A53E3E463EF1F459635736738962&cmac=".getBytes());
        assertThat(HEX.formatHex(full)).isEqualTo("81EC45C175E72FF6FAC61BC7AB3BAEF6");
        assertThat(HEX.formatHex(SunVerifier.truncated(full))).isEqualTo("ECC1E7F6C6C73BF6");
    }

    @Test
    void readPicc_an12196DecryptsToTagUidAndLittleEndianCounter() {
        SunUrl url = parsed("?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086");
        assertThat(SunVerifier.readPicc(url, ZERO)).isEqualTo(SunResult.ok(new PiccData("04DE5F1EACC040", 0x3D)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sdm-backend's wrong MAC | ?uid=041E3C8A2D6B80&ctr=000006&cmac=AB00064004B0B3AB",
        "last MAC bit flipped | ?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337087",
        "first MAC byte changed | ?e=EF963FF7828658A599F3041510671E88&c=00EED9EE65337086",
        "plain counter raised, old MAC (replay with a forged counter) | ?uid=041E3C8A2D6B80&ctr=000007&cmac=4B00064004B0B3D3",
        "plain UID changed, old MAC (clone of another UID) | ?uid=041E3C8A2D6B81&ctr=000006&cmac=4B00064004B0B3D3",
        "file data altered | ?picc_data=FD91EC264309878BE6345CBE53BADF40&enc=CEE9A53E3E463EF1F459635736738963&cmac=ECC1E7F6C6C73BF6",
        "file data in lower case (MAC covers the text as the tag wrote it) | ?picc_data=FD91EC264309878BE6345CBE53BADF40&enc=cee9a53e3e463ef1f459635736738962&cmac=ECC1E7F6C6C73BF6",
        "file data dropped | ?picc_data=FD91EC264309878BE6345CBE53BADF40&cmac=ECC1E7F6C6C73BF6",
        "MAC of another tap | ?picc_data=FDE4AFA99B5C820A2C1BB0F1C792D0EB&enc=94592FDE69FA06E8E3B6CA686A22842B&cmac=ECC1E7F6C6C73BF6"})
    void verify_alteredMessages_refusedWithMacMismatch(String name, String url) {
        SunUrl parsed = parsed(url);
        SunResult<PiccData> picc = SunVerifier.readPicc(parsed, ZERO);
        assertThat(picc).isInstanceOf(SunResult.Ok.class);
        assertThat(SunVerifier.verify(parsed, ((SunResult.Ok<PiccData>) picc).value(), ZERO))
                .isEqualTo(SunResult.refused(SunRefusal.MAC_MISMATCH, "the SDM MAC does not match"));
    }

    @Test
    void verify_wrongFileReadKey_refusedWithMacMismatch() {
        byte[] other = HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F");
        SunUrl url = parsed("?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086");
        PiccData picc = ((SunResult.Ok<PiccData>) SunVerifier.readPicc(url, ZERO)).value();
        assertThat(SunVerifier.verify(url, picc, other)).isInstanceOf(SunResult.Refused.class);
    }

    @Test
    void readPicc_wrongMetaReadKey_refusedAsUnreadable() {
        byte[] other = HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F");
        SunUrl url = parsed("?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086");
        assertThat(SunVerifier.readPicc(url, other)).isInstanceOfSatisfying(SunResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(SunRefusal.PICC_UNREADABLE));
    }

    @Test
    void readPicc_uidWithoutCounterMirrored_refusedAsUnsupported() {
        // C7 with the counter bit cleared: 87 ‖ UID ‖ zeros, encrypted as a tag would.
        byte[] plain = HexFormat.of().parseHex("8704DE5F1EACC040000000DA5CF60941");
        byte[] encrypted = AesCmac.Aes.apply(AesCmac.Aes.cbc(ZERO, javax.crypto.Cipher.ENCRYPT_MODE, new byte[16]), plain);
        SunUrl url = parsed("?e=" + HEX.formatHex(encrypted) + "&c=94EED9EE65337086");
        assertThat(SunVerifier.readPicc(url, ZERO)).isInstanceOfSatisfying(SunResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(SunRefusal.UNSUPPORTED_MIRROR));
    }

    @Test
    void mirror_roundTripsUnderOwnKeys() {
        byte[] meta = HexFormat.of().parseHex("5A1E7C0D93B2468F5A1E7C0D93B2468F");
        byte[] file = DiversifiedKey.fileReadKey(HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF"), "04A1B2C3D4E5F6");
        SunMirror mirror = new SunMirror(meta, file);
        PiccData picc = new PiccData("04A1B2C3D4E5F6", 0xABCDEF);
        byte[] data = "patient:p-0001--".getBytes();

        assertThat(verified(mirror.url("https://t.example/s", picc, data), meta, file).fileData()).isEqualTo(data);
        assertThat(verified(mirror.url("https://t.example/s", picc, new byte[0]), meta, file).picc()).isEqualTo(picc);
        assertThat(verified(mirror.plainUrl("https://t.example/s", picc), meta, file).picc()).isEqualTo(picc);
    }

    static VerifiedTap verified(String url, byte[] meta, byte[] file) {
        SunUrl parsed = parsed(url);
        SunResult<PiccData> picc = SunVerifier.readPicc(parsed, meta);
        assertThat(picc).isInstanceOf(SunResult.Ok.class);
        SunResult<VerifiedTap> tap = SunVerifier.verify(parsed, ((SunResult.Ok<PiccData>) picc).value(), file);
        assertThat(tap).isInstanceOf(SunResult.Ok.class);
        return ((SunResult.Ok<VerifiedTap>) tap).value();
    }

    static SunUrl parsed(String url) {
        SunResult<SunUrl> parsed = SunUrl.parse(url);
        assertThat(parsed).as(url).isInstanceOf(SunResult.Ok.class);
        return ((SunResult.Ok<SunUrl>) parsed).value();
    }
}
