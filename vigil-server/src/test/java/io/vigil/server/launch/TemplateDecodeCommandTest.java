package io.vigil.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateDecodeCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC);
    /** Nightscout's API v3 output example (lib/api3/doc/formats.md), first entry. */
    private static final String NIGHTSCOUT = """
            {"status": 200, "result": [{"type": "sgv", "sgv": "171", "dateString": "2014-07-19T02:44:15.000-07:00",
              "date": 1405763055000, "device": "dexcom", "direction": "Flat", "identifier": "5c5a2404e0196f4d3d9a718a"}]}""";

    @TempDir
    Path folder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shippedTemplate_fromStdin_printsMeasurementsWithCodesAndDeviceTime() {
        assertThat(run("nightscout-entries", "-", NIGHTSCOUT)).isZero();
        assertThat(text(out)).contains("message 5c5a2404e0196f4d3d9a718a")
                .contains("cgm-glucose 171 mg/dL  2014-07-19T09:44:15Z (device)  LOINC 99504-3");
    }

    @Test
    void folderTemplate_andPayloadFile_map() throws IOException {
        Files.writeString(folder.resolve("pulse.json"), "{\"mappings\": [{\"values\": [{\"type\": \"heart-rate\", \"value\": \"$.p\"}]}]}");
        Path payload = Files.writeString(folder.resolve("payload.txt"), "{\"p\": 64}");
        assertThat(run("pulse", payload.toString(), "")).isZero();
        assertThat(text(out)).contains("heart-rate 64 /min  2026-11-25T10:15:30Z (received)");
    }

    @Test
    void invalidTemplateFile_printsCodeLineAndReason_exit1() throws IOException {
        Path template = Files.writeString(folder.resolve("weight.json"), """
                {"mappings": [
                  {"values": [{"type": "body-weight", "value": "$.w", "unit": "mm[Hg]"}]}]}""");
        assertThat(run(template.toString(), "-", "{\"w\": 70}")).isEqualTo(1);
        assertThat(text(err)).startsWith("VIGIL-1040 TEMPLATE_INVALID: template weight is refused at line 2, column")
                .contains("mm[Hg]");
    }

    @Test
    void payloadTheTemplateCannotMap_printsCodeAndField_exit1() {
        assertThat(run("nightscout-entries", "-", "[{\"type\": \"sgv\", \"sgv\": 9000, \"date\": 1405763055000}]")).isEqualTo(1);
        assertThat(text(err)).startsWith("VIGIL-1004 IMPLAUSIBLE_VALUE $[*] #1 cgm-glucose");
    }

    @Test
    void unknownTemplate_exit1() {
        assertThat(run("no-such", "-", "{}")).isEqualTo(1);
        assertThat(text(err)).startsWith("VIGIL-1041 TEMPLATE_UNKNOWN").contains("withings-measures");
    }

    private int run(String template, String source, String stdin) {
        return TemplateDecodeCommand.run(template, source, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK, folder,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
