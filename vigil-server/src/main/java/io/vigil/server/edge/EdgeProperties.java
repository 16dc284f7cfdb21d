package io.vigil.server.edge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The edge gateway's settings (prefix {@code vigil.edge}; {@code vigil edge} turns it on). Every key is listed in
 * docs/configuration.md.
 *
 * @param enabled      whether this Vigil is an edge gateway: it queues every stored reading and forwards it upstream
 * @param upstream     the upstream Vigil and the gateway account this edge logs in with there
 * @param batchSize    most readings in one forwarded request
 * @param forwardEvery how often the forwarder looks for queued readings (and retries a down uplink)
 * @param recent       readings measured within this long before now go before older ones (back-fill)
 * @param maxQueued    most readings held in the outbox; beyond it the oldest back-fill is dropped (never a reading
 *                     an alert was raised on), counted and reported as a gap
 * @param rosterEvery  how often the device roster (devices, secrets' hashes, assignments, patients) is fetched
 * @param timeout      connect and request timeout towards the upstream
 */
@ConfigurationProperties("vigil.edge")
public record EdgeProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue Upstream upstream,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1s") Duration forwardEvery,
        @DefaultValue("10m") Duration recent,
        @DefaultValue("1000000") long maxQueued,
        @DefaultValue("30s") Duration rosterEvery,
        @DefaultValue("10s") Duration timeout) {

    /**
     * @param url      the upstream Vigil's base URL, e.g. {@code https://vigil.example.org}
     * @param user     the upstream account (role integration) this edge forwards as; also the gateway's name
     * @param password its password
     */
    public record Upstream(String url, String user, String password) {}

    public EdgeProperties {
        if (enabled) {
            require("vigil.edge.upstream.url", upstream.url());
            require("vigil.edge.upstream.user", upstream.user());
            require("vigil.edge.upstream.password", upstream.password());
        }
        if (batchSize < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("vigil.edge.batch-size and vigil.edge.max-queued must be at least 1");
        }
    }

    private static void require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must be set when vigil.edge.enabled is true");
        }
    }

    /** The gateway's name: its upstream account. */
    public String gateway() {
        return upstream.user();
    }
}
