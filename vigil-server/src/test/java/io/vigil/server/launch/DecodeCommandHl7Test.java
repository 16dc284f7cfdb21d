package io.vigil.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

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

class DecodeCommandHl7Test {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC);
    /** PCD-01 shape of the IHE PCD Technical Framework: MDS row with the EUI-64, an NIBP channel, a pulse oximeter. */
    private static final String ORU = String.join("\n",
            "MSH|^~\\&|MONITOR^ACDE48234567ABCD^EUI-64|WARD-A|||20261125101500+0000||ORU^R01^ORU_R01|MSG-7|P|2.6",
            "PID|||MRN-123^^^VIGIL^MR",
            "OBR|1|||182777000^monitoring of patient^SCT|||20261125101400+0000",
            "OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||ACDE48234567ABCD^EUI-64",
            "OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.1|120|266016^MDC_DIM_MMHG^MDC|||||F",
            "OBX|3|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.1.1.2|80|266016^MDC_DIM_MMHG^MDC|||||F",
            "OBX|4|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|97|262688^MDC_DIM_PERCENT^MDC|||||F",
            "OBX|5|NM|150488^MDC_BLD_PERF_INDEX^MDC|1.2.1.2|0.94|262688^MDC_DIM_PERCENT^MDC|||||F");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void hl7_file_printsDevicePatientIdsReadingsAndNotes() throws IOException {
        Path file = Files.writeString(dir.resolve("oru.hl7"), ORU);
        assertThat(run("--hl7", file.toString())).isZero();
        assertThat(text(out)).contains("message MSG-7 from MONITOR/WARD-A", "device ACDE48234567ABCD")
                .contains("patient id MRN-123 (authority VIGIL, type MR)")
                .contains("OBX[2] 1.1.1.1  blood-pressure (panel)  2026-11-25T10:14:00Z (device)  LOINC 85354-9")
                .contains("  systolic-bp 120 mm[Hg]")
                .contains("OBX[4] 1.2.1.1  spo2 97 %  2026-11-25T10:14:00Z (device)  LOINC 2708-6")
                .contains("note: OBX[5] MDC_BLD_PERF_INDEX: not an MDC metric Vigil stores");
    }

    @Test
    void hl7_wrongUnit_printsCodeAndPosition_exit1() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.hl7"), ORU.replace("97|262688^MDC_DIM_PERCENT", "97|266016^MDC_DIM_MMHG"));
        assertThat(run("--hl7", file.toString())).isEqualTo(1);
        assertThat(text(err)).startsWith("VIGIL-1003 UNSUPPORTED_UNIT OBX[4]-6: ");
    }

    @Test
    void hl7_missingFile_exit2() {
        assertThat(run("--hl7", dir.resolve("nope.hl7").toString())).isEqualTo(2);
    }

    private int run(String... args) {
        return DecodeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
