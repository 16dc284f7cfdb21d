package io.vigil.server.zone;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.tag.Tag;
import io.vigil.server.tag.TagProperties;
import io.vigil.server.tag.TagRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Equipment not seen: once a minute, every asset tag that was located once but has not been read for
 * {@code vigil.tags.not-seen-after} is missing. A missing asset assigned to a patient raises {@code asset-not-seen}
 * (low, technical) on that patient; any missing asset is audited and logged at WARN once, when it goes missing. The
 * next read clears it. A tag never read at all is not missing (it was never placed).
 */
@Component
class AssetWatch implements DisposableBean {
    static final AlertRule NOT_SEEN = new AlertRule("asset-not-seen", "location", AlertPriority.LOW, AlertCategory.TECHNICAL);
    private static final Logger log = LoggerFactory.getLogger(AssetWatch.class);

    private final TagRegistry tags;
    private final ZoneStore zones;
    private final AssignmentStore assignments;
    private final AlertConditions alerts;
    private final AuditTrail audit;
    private final Duration notSeenAfter;
    private final Clock clock;
    /** UID → the patient alerted on (or "" for none). */
    private final ConcurrentHashMap<String, String> missing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("vigil-asset-watch").daemon().unstarted(task));

    AssetWatch(TagRegistry tags, ZoneStore zones, AssignmentStore assignments, AlertConditions alerts, AuditTrail audit,
               TagProperties properties, Clock clock) {
        this.tags = tags;
        this.zones = zones;
        this.assignments = assignments;
        this.alerts = alerts;
        this.audit = audit;
        this.notSeenAfter = properties.notSeenAfter();
        this.clock = clock;
        timer.scheduleWithFixedDelay(this::checkQuietly, 1, 1, TimeUnit.MINUTES);
    }

    /** The UIDs of the assets missing at the last check. */
    Set<String> missing() {
        return Set.copyOf(missing.keySet());
    }

    /** Compares every located asset's last read with {@code now}. */
    synchronized void check(Instant now) {
        Set<String> stillMissing = new HashSet<>();
        for (Tag asset : tags.assets()) {
            Optional<ZoneStore.Location> location = zones.location(asset.uid());
            if (location.isEmpty() || !location.get().lastSeen().isBefore(now.minus(notSeenAfter))) {
                continue;
            }
            stillMissing.add(asset.uid());
            if (!missing.containsKey(asset.uid())) {
                Optional<String> patient = assignments.patientAt(asset.asset(), now);
                patient.ifPresent(p -> alerts.report(new ConditionEvent.Raised(NOT_SEEN, p,
                        Duration.between(location.get().lastSeen(), now).toMinutes(), now)));
                missing.put(asset.uid(), patient.orElse(""));
                log.warn("event=zone.asset_not_seen asset={} type={} lastZone={} lastSeen={}", asset.asset(),
                        asset.assetType(), location.get().zone(), location.get().lastSeen());
                audit.record(new AuditEvent(now, "system", null, "zone.asset-not-seen", "asset", asset.asset(),
                        patient.orElse(null), AuditEvent.Outcome.SUCCESS, null, "asset watch"));
            }
        }
        for (String uid : Set.copyOf(missing.keySet())) {
            if (!stillMissing.contains(uid)) {
                String patient = missing.remove(uid);
                if (patient != null && !patient.isEmpty()) {
                    alerts.report(new ConditionEvent.Cleared(NOT_SEEN, patient, 0, now));
                }
            }
        }
    }

    private void checkQuietly() {
        try {
            check(clock.instant());
        } catch (RuntimeException e) {
            log.error("event=zone.asset_watch_failed type={}", e.getClass().getName());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
