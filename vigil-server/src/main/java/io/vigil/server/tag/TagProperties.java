package io.vigil.server.tag;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Secure tags, readers and zones (prefix {@code vigil.tags}); every key is listed in docs/configuration.md.
 *
 * @param keyEncryptionKey   base64 of 32 random bytes: the AES-256-GCM key that seals the SDM keys stored in the
 *                           database. Required in serve mode; demo mode keeps a generated one in its data dir
 * @param failureThreshold   refused scans of one tag (or from one reader/client) within {@code failureWindow} that
 *                           count as an attack: audited as high severity, and an alert for a patient's wristband
 * @param failureWindow      the window over which refused scans are counted
 * @param location           how tag reads become a location
 * @param notSeenAfter       an asset tag not read for this long raises "equipment not seen"
 * @param demoPumpLeavesAfter demo only: when the simulated infusion pump of the first ward bed is wheeled out to the
 *                            equipment store (and its alert raised)
 */
@ConfigurationProperties("vigil.tags")
public record TagProperties(
        String keyEncryptionKey,
        @DefaultValue("3") int failureThreshold,
        @DefaultValue("10m") Duration failureWindow,
        @DefaultValue Location location,
        @DefaultValue("8h") Duration notSeenAfter,
        @DefaultValue("3m") Duration demoPumpLeavesAfter) {

    public TagProperties {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("vigil.tags.failure-threshold must be at least 1");
        }
    }

    /**
     * Hysteresis between zones: a tag changes zone only when the new zone has been read for {@code dwell} with no read
     * of its current zone in that time that is stronger by {@code rssiMargin} — so a tag between two adjacent rooms
     * does not flap.
     *
     * @param dwell      how long the new zone must hold before the tag counts as there
     * @param rssiMargin dB by which a read of the current zone must beat the new one to keep the tag where it is
     */
    public record Location(@DefaultValue("15s") Duration dwell, @DefaultValue("6") int rssiMargin) {}
}
