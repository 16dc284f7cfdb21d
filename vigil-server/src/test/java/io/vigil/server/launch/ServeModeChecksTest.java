package io.vigil.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ServeModeChecksTest {

    @Test
    void problems_withNothingConfigured_nameEverySettingToFix() {
        assertThat(ServeModeChecks.problems(new MockEnvironment()))
                .anySatisfy(p -> assertThat(p).contains("server.ssl.enabled"))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_DB_URL"))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_ADMIN_PASSWORD"))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_MQTT_ENABLED"));
    }

    @Test
    void problems_withSafeSettings_none() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("server.ssl.enabled", "true")
                .withProperty("VIGIL_DB_URL", "jdbc:postgresql://127.0.0.1:5432/vigil")
                .withProperty("vigil.admin-password", "correct horse battery staple")
                .withProperty("vigil.mqtt.enabled", "false");
        assertThat(ServeModeChecks.problems(env)).isEmpty();
    }

    @Test
    void problems_mllpBeyondLoopbackWithoutAllowList_refused() {
        assertThat(ServeModeChecks.problems(new MockEnvironment().withProperty("vigil.hl7.host", "0.0.0.0")))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_HL7_ALLOWED_SENDERS"));
        assertThat(ServeModeChecks.problems(new MockEnvironment().withProperty("vigil.hl7.host", "0.0.0.0")
                .withProperty("vigil.hl7.allowed-senders[0]", "10.0.0.5")))
                .noneSatisfy(p -> assertThat(p).contains("HL7"));
        assertThat(ServeModeChecks.problems(new MockEnvironment())).noneSatisfy(p -> assertThat(p).contains("HL7"));
    }

    @Test
    void problems_defaultOrShortAdminPassword_refused() {
        assertThat(ServeModeChecks.problems(new MockEnvironment().withProperty("vigil.admin-password", "changeme")))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_ADMIN_PASSWORD"));
        assertThat(ServeModeChecks.problems(new MockEnvironment().withProperty("vigil.admin-password", "short1")))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_ADMIN_PASSWORD"));
    }

    @Test
    void serveCommand_withUnsafeSettings_exitsWith3AndNamesTheSettings() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(VigilCommand.run(new String[] {"serve"})).isEqualTo(3);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Vigil will not start").contains("server.ssl.enabled");
    }
}
