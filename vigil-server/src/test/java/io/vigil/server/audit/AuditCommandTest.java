package io.vigil.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil audit} before it touches a database: help, usage errors, and a data dir with no database. */
class AuditCommandTest {
    @TempDir
    Path temp;

    @Test
    void help_printsUsage_exitZero() {
        AuditCommandContract.Run run = AuditCommandContract.run(Map.of(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("vigil audit verify").contains("vigil audit export");
    }

    @Test
    void usageErrors_exitTwo_sayingWhatIsWrong() {
        assertThat(AuditCommandContract.run(Map.of()).err()).contains("Say what to do: verify or export.");
        assertThat(AuditCommandContract.run(Map.of(), "check").err()).contains("Unknown audit command 'check'");
        assertThat(AuditCommandContract.run(Map.of(), "verify", "--from", "2020-01-01").err()).contains("belongs to export");
        assertThat(AuditCommandContract.run(Map.of(), "export", "--out").err()).contains("--out needs a value");
        assertThat(AuditCommandContract.run(Map.of(), "export", "--from", "2020-02-01", "--to", "2020-01-01").err())
                .contains("--from must be before --to");
        AuditCommandContract.Run badTime = AuditCommandContract.run(Map.of(), "export", "--from", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("'yesterday' is neither an ISO instant");
        for (String[] args : new String[][] {{}, {"check"}, {"verify", "--from", "2020-01-01"}, {"export", "--out"}}) {
            assertThat(AuditCommandContract.run(Map.of(), args).exitCode()).isEqualTo(2);
        }
    }

    @Test
    void noDatabaseInTheDataDir_exitTwo_andSaysWhere() {
        Path empty = temp.resolve("no-such-data");

        AuditCommandContract.Run run = AuditCommandContract.run(Map.of(), "verify", "--data-dir", empty.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No Vigil database at " + empty.toAbsolutePath());
    }

    @Test
    void unreachableServerDatabase_exitTwo_neverPrintingThePassword() {
        AuditCommandContract.Run run = AuditCommandContract.run(Map.of(
                "VIGIL_DB_URL", "jdbc:postgresql://127.0.0.1:1/vigil?password=hunter2-secret",
                "VIGIL_DB_USER", "vigil", "VIGIL_DB_PASSWORD", "hunter2-secret"), "verify");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Cannot read the audit trail from jdbc:postgresql://127.0.0.1:1/vigil")
                .doesNotContain("hunter2");
    }
}
