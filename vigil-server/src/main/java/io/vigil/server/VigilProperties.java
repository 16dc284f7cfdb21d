package io.vigil.server;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vigil's own settings (prefix {@code vigil}), with their defaults in one place. Every key is listed in
 * docs/configuration.md.
 *
 * @param mode    {@code demo} (embedded, localhost, demo logins) or {@code serve} (production, refuses unsafe settings)
 * @param dataDir where the embedded database and broker keep their files
 * @param tls     the server's certificate and key (PEM) for HTTPS and MQTT over TLS
 * @param mqtt    the embedded MQTT broker
 * @param ingest  the ingest pipeline
 * @param demo    the demo ward
 */
@ConfigurationProperties("vigil")
public record VigilProperties(
        @DefaultValue("demo") String mode,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Tls tls,
        @DefaultValue Mqtt mqtt,
        @DefaultValue Ingest ingest,
        @DefaultValue Demo demo) {

    public boolean isDemo() {
        return "demo".equals(mode);
    }

    /**
     * The server's own TLS identity. When {@code certificate} is set, HTTP is served over TLS and the embedded broker
     * opens its MQTT-over-TLS listener.
     *
     * @param certificate        PEM certificate chain (a file path, {@code file:} or {@code classpath:} location)
     * @param privateKey         PEM private key (PKCS#8, PKCS#1 or SEC1)
     * @param privateKeyPassword the private key's password, when it is encrypted
     */
    public record Tls(String certificate, String privateKey, String privateKeyPassword) {
        public boolean configured() {
            return certificate != null && !certificate.isBlank();
        }
    }

    /**
     * @param enabled whether to start the embedded broker
     * @param host    address to bind (both listeners)
     * @param port    plain MQTT port (0 = any free port)
     * @param plain   whether to open the plain (unencrypted) listener; unset = on in demo mode, off in serve mode
     * @param tls     the MQTT-over-TLS listener (open when {@code vigil.tls.certificate} is set)
     */
    public record Mqtt(@DefaultValue("true") boolean enabled, @DefaultValue("127.0.0.1") String host,
                       @DefaultValue("1883") int port, Boolean plain, @DefaultValue MqttTls tls) {}

    /** Whether a device must, may or may not present a client certificate on the MQTT TLS listener. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    /**
     * @param port       MQTT-over-TLS port (0 = any free port)
     * @param clientAuth whether devices present X.509 client certificates (device id = the certificate's CN)
     * @param clientCa   PEM certificate(s) of the CA that signs device certificates (needed unless client-auth is none)
     */
    public record MqttTls(@DefaultValue("8883") int port, @DefaultValue("none") ClientAuth clientAuth, String clientCa) {}

    /**
     * @param groupCommitWindow  how long the writer waits to gather more readings into one commit
     * @param maxBatch           most observations in one commit
     * @param maxPayloadBytes    largest device payload accepted
     * @param ackTimeout         how long a device waits for its acknowledgement before the broker gives up
     * @param rateLimit          per-device rate limit
     */
    public record Ingest(@DefaultValue("2ms") Duration groupCommitWindow, @DefaultValue("2000") int maxBatch,
                         @DefaultValue("262144") int maxPayloadBytes, @DefaultValue("10s") Duration ackTimeout,
                         @DefaultValue RateLimit rateLimit) {

        public Ingest {
            if (maxPayloadBytes < 1) {
                throw new IllegalArgumentException("vigil.ingest.max-payload-bytes must be at least 1");
            }
        }
    }

    /**
     * A token bucket per device, counted in readings (one value of one measurement type; a payload that fails to
     * decode counts as one).
     *
     * @param readingsPerSecond    sustained readings per second per device; 0 turns the limit off
     * @param burst                readings a device may send at once after a quiet spell
     * @param deadLettersPerMinute rate-limited payloads kept whole per device and minute; the rest are counted
     *                             in one summarising dead letter
     * @param maxDevices           most devices whose allowance is held in memory
     */
    public record RateLimit(@DefaultValue("50") double readingsPerSecond, @DefaultValue("500") int burst,
                            @DefaultValue("10") int deadLettersPerMinute, @DefaultValue("100000") int maxDevices) {

        public RateLimit {
            if (readingsPerSecond < 0 || burst < 1 || deadLettersPerMinute < 0 || maxDevices < 1) {
                throw new IllegalArgumentException("vigil.ingest.rate-limit: readings-per-second must not be negative, "
                        + "burst and max-devices at least 1, dead-letters-per-minute not negative");
            }
        }

        public boolean enabled() {
            return readingsPerSecond > 0;
        }
    }

    /**
     * @param enabled  whether to provision the demo ward (demo mode only)
     * @param password the demo users' password; generated when empty
     * @param beds     beds of the simulated ward
     * @param simulate whether to run the in-process simulator
     * @param interval time between a bedside monitor's readings
     * @param speed    simulated physiology time per real time (10: a 30-minute deterioration plays in 3 minutes)
     */
    public record Demo(@DefaultValue("true") boolean enabled, @DefaultValue("") String password, @DefaultValue("12") int beds,
                       @DefaultValue("true") boolean simulate, @DefaultValue("2s") Duration interval, @DefaultValue("10") double speed) {}
}
