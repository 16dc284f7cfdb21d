package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckLogTest {

    @TempDir
    Path dir;

    @Test
    void acknowledged_writesOneLinePerMessage_andAppendsAcrossRuns() throws Exception {
        Path file = dir.resolve("acks.tsv");
        try (AckLog log = AckLog.appendingTo(file)) {
            log.acknowledged("bp-1", List.of(new DeviceMessageStream.Sent("bp-1-a-0", 3),
                    new DeviceMessageStream.Sent("bp-1-a-1", 1)));
        }
        try (AckLog log = AckLog.appendingTo(file)) {
            log.acknowledged("bp-2", List.of(new DeviceMessageStream.Sent("bp-2-b-0", 2)));
        }

        assertThat(Files.readAllLines(file)).containsExactly("bp-1\tbp-1-a-0\t3", "bp-1\tbp-1-a-1\t1",
                "bp-2\tbp-2-b-0\t2");
    }
}
