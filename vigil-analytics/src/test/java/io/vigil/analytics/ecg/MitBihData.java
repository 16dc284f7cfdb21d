package io.vigil.analytics.ecg;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the MIT-BIH records (system property {@code vigil.mitdb.dir}, set by the pom); skips when absent. */
public final class MitBihData {

    private MitBihData() {
    }

    public static Path folder() {
        String dir = System.getProperty("vigil.mitdb.dir");
        assumeTrue(dir != null && Files.isRegularFile(Path.of(dir, "100.hea")),
                "MIT-BIH records not found at vigil.mitdb.dir=" + dir);
        return Path.of(dir);
    }
}
