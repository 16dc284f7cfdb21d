package io.vigil.server.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Serve mode refuses unsafe settings before anything starts, naming each setting to fix: HTTP without TLS,
 * no database URL (the embedded H2 is for the demo), a missing or weak admin password, and the embedded
 * MQTT broker without TLS, and an HL7 MLLP listener open beyond loopback to any sender.
 */
public class ServeModeChecks implements EnvironmentPostProcessor {
    private static final Set<String> WEAK = Set.of("admin", "password", "changeme", "vigil", "secret", "123456789012");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"serve".equals(environment.getProperty("vigil.mode"))) {
            return;
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new UnsafeSettingException(String.join("\n  ", problems));
        }
    }

    static List<String> problems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        boolean tls = env.getProperty("server.ssl.enabled", Boolean.class, false) || env.containsProperty("server.ssl.bundle");
        if (!tls) {
            problems.add("HTTP without TLS: set server.ssl.enabled=true with server.ssl.key-store (or server.ssl.bundle) (env SERVER_SSL_ENABLED, SERVER_SSL_KEY_STORE …)");
        }
        if (env.getProperty("VIGIL_DB_URL", "").isBlank()) {
            problems.add("no database: set VIGIL_DB_URL (e.g. jdbc:postgresql://127.0.0.1:5432/vigil), VIGIL_DB_USER and VIGIL_DB_PASSWORD");
        }
        String admin = env.getProperty("vigil.admin-password", "");
        if (admin.length() < 12 || WEAK.contains(admin.toLowerCase(Locale.ROOT))) {
            problems.add("admin password missing or weak: set VIGIL_ADMIN_PASSWORD to at least 12 characters that are not a default");
        }
        boolean mqtt = env.getProperty("vigil.mqtt.enabled", Boolean.class, true);
        if (mqtt) {
            problems.add("the embedded MQTT broker has no TLS listener yet: set VIGIL_MQTT_ENABLED=false and use HTTPS ingest, or an external TLS broker");
        }
        if (env.getProperty("vigil.hl7.enabled", Boolean.class, true)
                && !List.of("127.0.0.1", "localhost", "::1").contains(env.getProperty("vigil.hl7.host", "127.0.0.1"))
                && Binder.get(env).bind("vigil.hl7.allowed-senders", Bindable.listOf(String.class)).orElse(List.of()).isEmpty()) {
            problems.add("HL7 MLLP has no authentication: keep vigil.hl7.host on loopback (behind a TLS tunnel), or set VIGIL_HL7_ALLOWED_SENDERS to the interface engines' addresses");
        }
        return problems;
    }
}
