package io.vigil.server.hl7;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HL7 v2 settings (prefix {@code vigil.hl7}); every key is listed in docs/configuration.md.
 *
 * @param enabled        whether to run the MLLP listener (POST /api/v1/hl7 is always there)
 * @param host           address the MLLP listener binds; loopback by default (MLLP has no authentication)
 * @param port           MLLP port (0 = any free port)
 * @param maxFrameBytes  largest MLLP frame accepted; a larger one is refused and the connection closed
 * @param idleTimeout    an MLLP connection silent this long is closed
 * @param maxConnections open MLLP connections at most; one more is closed at once
 * @param allowedSenders IP addresses allowed to connect over MLLP; empty = any (safe only on loopback)
 * @param defaultZone    zone of HL7 times sent without a UTC offset
 * @param outbound       ORU^R01 for new readings to an EHR's MLLP endpoint
 */
@ConfigurationProperties("vigil.hl7")
public record Hl7Properties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("2575") int port,
        @DefaultValue("1048576") int maxFrameBytes,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("64") int maxConnections,
        @DefaultValue List<String> allowedSenders,
        @DefaultValue("UTC") String defaultZone,
        @DefaultValue Outbound outbound) {

    /**
     * @param enabled     whether to send
     * @param host        the receiver (interface engine) host
     * @param port        the receiver's MLLP port
     * @param ackTimeout  how long to wait for the receiver's ACK
     * @param maxAttempts attempts per message before it goes to the dead-letter list
     * @param backoff     wait before the second attempt; doubles after each failure
     */
    public record Outbound(@DefaultValue("false") boolean enabled, @DefaultValue("") String host,
                           @DefaultValue("2575") int port, @DefaultValue("10s") Duration ackTimeout,
                           @DefaultValue("5") int maxAttempts, @DefaultValue("1s") Duration backoff) {}
}
