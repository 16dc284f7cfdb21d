package io.vigil.server.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/**
 * Serve mode refuses unsafe settings before anything starts, naming each setting to fix: HTTP without TLS,
 * no database URL (the embedded H2 is for the demo), a missing or weak admin password, the embedded MQTT broker
 * without TLS (or with device certificates asked for but no CA to check them), demo settings, and an HL7 MLLP
 * listener open beyond loopback to any sender, and an identity provider whose signing keys would be fetched over
 * plain HTTP.
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

    /**
     * Whether HTTP is served over TLS: Vigil's PEM certificate ({@code vigil.tls.certificate}), or Spring Boot's own
     * {@code server.ssl.*} with key material (an SSL bundle, a PEM certificate or a key store).
     */
    public static boolean https(PropertyResolver env) {
        if (set(env, "vigil.tls.certificate")) {
            return true;
        }
        boolean keyMaterial = set(env, "server.ssl.bundle") || set(env, "server.ssl.certificate") || set(env, "server.ssl.key-store");
        return keyMaterial && env.getProperty("server.ssl.enabled", Boolean.class, true);
    }

    static List<String> problems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        if (!https(env)) {
            problems.add("HTTP without TLS: set VIGIL_TLS_CERTIFICATE and VIGIL_TLS_PRIVATE_KEY (PEM files), "
                    + "or Spring Boot's server.ssl.bundle / server.ssl.certificate / server.ssl.key-store");
        }
        if (set(env, "vigil.tls.certificate") && !set(env, "vigil.tls.private-key")) {
            problems.add("a certificate without its key: set VIGIL_TLS_PRIVATE_KEY (PEM) next to VIGIL_TLS_CERTIFICATE");
        }
        if (env.getProperty("VIGIL_DB_URL", "").isBlank()) {
            problems.add("no database: set VIGIL_DB_URL (e.g. jdbc:postgresql://127.0.0.1:5432/vigil), VIGIL_DB_USER and VIGIL_DB_PASSWORD");
        }
        String admin = env.getProperty("vigil.admin-password", "");
        if (admin.length() < 12 || WEAK.contains(admin.toLowerCase(Locale.ROOT))) {
            problems.add("admin password missing or weak: set VIGIL_ADMIN_PASSWORD to at least 12 characters that are not a default");
        }
        if (!set(env, "vigil.tags.key-encryption-key")) {
            problems.add("no key to seal tag keys: set VIGIL_TAGS_KEY_ENCRYPTION_KEY to base64 of 32 random bytes"
                    + " (e.g. openssl rand -base64 32)");
        }
        problems.addAll(mqttProblems(env));
        for (String setting : demoSettings(env)) {
            problems.add("demo setting " + setting + " is set: serve mode has no demo ward and no demo users; remove it");
        }
        if (env.getProperty("vigil.hl7.enabled", Boolean.class, true)
                && !List.of("127.0.0.1", "localhost", "::1").contains(env.getProperty("vigil.hl7.host", "127.0.0.1"))
                && Binder.get(env).bind("vigil.hl7.allowed-senders", Bindable.listOf(String.class)).orElse(List.of()).isEmpty()) {
            problems.add("HL7 MLLP has no authentication: keep vigil.hl7.host on loopback (behind a TLS tunnel), or set VIGIL_HL7_ALLOWED_SENDERS to the interface engines' addresses");
        }
        if (env.getProperty("vigil.edge.enabled", Boolean.class, false)
                && !env.getProperty("vigil.edge.upstream.url", "").startsWith("https:")) {
            problems.add("an edge gateway forwarding to its upstream over plain HTTP: set VIGIL_EDGE_UPSTREAM_URL to an "
                    + "https:// URL (readings and the gateway's password travel on it)");
        }
        String keys = identityProviderKeysUrl(env);
        if (keys.startsWith("http:")) {
            problems.add("the identity provider's signing keys over plain HTTP (" + keys + "): use https for "
                    + "vigil.security.oidc.jwk-set-uri / issuer-uri, or a PEM key in vigil.security.oidc.public-key-location");
        }
        return problems;
    }

    /** The URL the signing keys are fetched from in OIDC mode: the JWKS, else the issuer's discovery; empty if none. */
    private static String identityProviderKeysUrl(ConfigurableEnvironment env) {
        if (!env.getProperty("vigil.security.oidc.enabled", Boolean.class, false)
                || !env.getProperty("vigil.security.oidc.public-key-location", "").isBlank()) {
            return "";
        }
        String jwks = env.getProperty("vigil.security.oidc.jwk-set-uri", "");
        return (jwks.isBlank() ? env.getProperty("vigil.security.oidc.issuer-uri", "") : jwks).strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> mqttProblems(PropertyResolver env) {
        if (!env.getProperty("vigil.mqtt.enabled", Boolean.class, true)) {
            return List.of();
        }
        if (!set(env, "vigil.tls.certificate")) {
            return List.of("the embedded MQTT broker without TLS: set VIGIL_TLS_CERTIFICATE and VIGIL_TLS_PRIVATE_KEY "
                    + "(MQTT over TLS on VIGIL_MQTT_TLS_PORT, default 8883), or VIGIL_MQTT_ENABLED=false and use HTTPS ingest");
        }
        String clientAuth = env.getProperty("vigil.mqtt.tls.client-auth", "none").toLowerCase(Locale.ROOT);
        if (!"none".equals(clientAuth) && !set(env, "vigil.mqtt.tls.client-ca")) {
            return List.of("device certificates without a CA: vigil.mqtt.tls.client-auth=" + clientAuth
                    + " needs VIGIL_MQTT_TLS_CLIENT_CA (PEM of the CA that signs device certificates)");
        }
        return List.of();
    }

    /** Every {@code vigil.demo.*} property and {@code VIGIL_DEMO_*} variable, by the name it was given. */
    private static Set<String> demoSettings(ConfigurableEnvironment env) {
        Set<String> found = new TreeSet<>();
        for (PropertySource<?> source : env.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    String canonical = name.toLowerCase(Locale.ROOT).replace('_', '.');
                    if (canonical.startsWith("vigil.demo.")) {
                        found.add(name);
                    }
                }
            }
        }
        return found;
    }

    private static boolean set(PropertyResolver env, String key) {
        return !env.getProperty(key, "").isBlank();
    }
}
