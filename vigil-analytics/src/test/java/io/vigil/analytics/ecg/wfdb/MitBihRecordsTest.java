package io.vigil.analytics.ecg.wfdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.ecg.MitBihData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The readers against the MIT-BIH files: PhysioNet checksums, header checks and annotation counts. */
class MitBihRecordsTest {

    @Test
    void files_matchPhysioNetSha256Sums() throws Exception {
        Path folder = MitBihData.folder();
        for (String line : Files.readAllLines(folder.resolve("SHA256SUMS"))) {
            String[] f = line.strip().split("\\s+\\*?");
            if (f.length == 2) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(folder.resolve(f[1])));
                assertThat(HexFormat.of().formatHex(digest)).as(f[1]).isEqualTo(f[0]);
            }
        }
        assertThat(Files.readString(folder.resolve("SHA256SUMS")))
                .contains("b2ea3c250e56e48f4b7b90697832b8ecd1afa1e0bb31f2dcfea4ed6e1075a639  100.dat");
    }

    @Test
    void header_record100_hasPublishedLayout() throws IOException {
        RecordHeader h = HeaderParser.parse(Files.readString(MitBihData.folder().resolve("100.hea"))).orElseThrow();
        assertThat(h.name()).isEqualTo("100");
        assertThat(h.sampleRate()).isEqualTo(360);
        assertThat(h.samplesPerSignal()).isEqualTo(650_000);
        assertThat(h.signals()).extracting(SignalSpec::description).containsExactly("MLII", "V5");
        SignalSpec mlii = h.signals().getFirst();
        assertThat(mlii.format()).isEqualTo(212);
        assertThat(mlii.gain()).isEqualTo(200);
        assertThat(mlii.adcZero()).isEqualTo(1024);
        assertThat(mlii.baseline()).isEqualTo(1024);
        assertThat(mlii.firstValue()).isEqualTo(995);
        assertThat(mlii.checksum()).isEqualTo(-22131);
        assertThat(mlii.physical(1224)).isEqualTo(1.0);
    }

    @Test
    void signals_everyRecord_matchHeaderFirstValuesAndChecksums() {
        Path folder = MitBihData.folder();
        for (String name : records(folder)) {
            WfdbRecord rec = WfdbRecord.read(folder, name).orElseThrow();
            for (int s = 0; s < rec.signals().length; s++) {
                int[] signal = rec.signals()[s];
                SignalSpec spec = rec.header().signals().get(s);
                int sum = 0;
                for (int v : signal) {
                    sum += v;
                }
                assertThat(signal).as(name).hasSize(650_000);
                assertThat(signal[0]).as(name + " first sample").isEqualTo(spec.firstValue());
                assertThat((short) sum).as(name + " checksum").isEqualTo((short) spec.checksum());
            }
        }
    }

    @Test
    void annotations_record100_startWithPublishedTimes() {
        WfdbRecord rec = WfdbRecord.read(MitBihData.folder(), "100").orElseThrow();
        List<Annotation> first = rec.annotations().subList(0, 6);
        assertThat(first).extracting(Annotation::sample).containsExactly(18L, 77L, 370L, 662L, 946L, 1231L);
        assertThat(first).extracting(Annotation::mnemonic).containsExactly("+", "N", "N", "N", "N", "N");
        assertThat(first.getFirst().aux()).isEqualTo("(N");
    }

    @ParameterizedTest(name = "record {0}: {1} beats, {2} artifacts, {3} annotations")
    @CsvSource({
        "100,2273,0,2274", "101,1865,4,1874", "102,2187,0,2192", "103,2084,0,2091", "104,2229,0,2311",
        "105,2572,30,2691", "106,2027,0,2098", "107,2137,0,2140", "108,1763,8,1824", "109,2532,0,2535",
        "111,2124,0,2133", "112,2539,0,2550", "113,1795,0,1796", "114,1879,1,1890", "115,1953,6,1962",
        "116,2412,0,2421", "117,1535,0,1539", "118,2278,0,2301", "119,1987,0,2094", "121,1863,0,1876",
        "122,2476,2,2479", "123,1518,0,1519", "124,1619,0,1634", "219,2154,0,2312", "221,2427,0,2462",
    })
    void annotations_countsMatchDatabaseTable(String name, int beats, int artifacts, int all) {
        WfdbRecord rec = WfdbRecord.read(MitBihData.folder(), name).orElseThrow();
        assertThat(rec.referenceBeats()).hasSize(beats);
        assertThat(rec.annotations().stream().filter(a -> a.code() == AnnotationCode.ARTIFACT)).hasSize(artifacts);
        assertThat(rec.annotations()).hasSize(all);
    }

    @Test
    void annotations_record219_carryAtrialFibrillationRhythmLabels() {
        WfdbRecord rec = WfdbRecord.read(MitBihData.folder(), "219").orElseThrow();
        assertThat(rec.annotations()).anySatisfy(a -> {
            assertThat(a.code()).isEqualTo(AnnotationCode.RHYTHM);
            assertThat(a.aux()).isEqualTo("(AFIB");
        });
    }

    @Test
    void read_truncatedSignalFile_failsInsteadOfThrowing(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path folder = MitBihData.folder();
        Files.copy(folder.resolve("100.hea"), tmp.resolve("100.hea"));
        Files.copy(folder.resolve("100.atr"), tmp.resolve("100.atr"));
        Files.write(tmp.resolve("100.dat"), java.util.Arrays.copyOf(Files.readAllBytes(folder.resolve("100.dat")), 1000));
        assertThat(WfdbRecord.read(tmp, "100")).isInstanceOf(WfdbRead.Failure.class);
    }

    private static List<String> records(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".hea"))
                    .map(f -> f.substring(0, 3)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
