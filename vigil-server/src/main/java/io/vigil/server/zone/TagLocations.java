package io.vigil.server.zone;

import io.vigil.server.tag.Tag;
import io.vigil.server.tag.TagProperties;
import io.vigil.server.zone.ZoneHysteresis.Whereabouts;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where each tag is: every read is kept, and goes through {@link ZoneHysteresis}; a change of zone is stored (with
 * its movement, the trail) and given to {@link ZoneRules}. The hysteresis state (a candidate zone) lives in memory:
 * after a restart a tag resumes from its stored zone.
 */
@Component
class TagLocations {
    private static final Logger log = LoggerFactory.getLogger(TagLocations.class);

    private final ZoneStore store;
    private final ZoneRules rules;
    private final ZoneHysteresis hysteresis;
    private final Map<String, Whereabouts> whereabouts = new ConcurrentHashMap<>();

    TagLocations(ZoneStore store, ZoneRules rules, TagProperties properties) {
        this.store = store;
        this.rules = rules;
        this.hysteresis = new ZoneHysteresis(properties.location().dwell(), properties.location().rssiMargin());
    }

    /** One read of a registered tag by a reader in {@code zone}. */
    void read(Tag tag, String reader, String zone, Integer rssi, Instant time) {
        store.insertRead(tag.uid(), reader, zone, rssi, time);
        boolean exit = store.zone(zone).map(Zone::exit).orElse(false);
        Whereabouts[] change = new Whereabouts[2];
        whereabouts.compute(tag.uid(), (uid, known) -> {
            Whereabouts before = known != null ? known : store.location(uid)
                    .map(l -> new Whereabouts(l.zone(), l.since(), l.lastSeen(), null, null, null)).orElse(null);
            Whereabouts after = hysteresis.next(before, new ZoneHysteresis.Read(zone, rssi, time, exit));
            change[0] = before;
            change[1] = after;
            if (after.movedFrom(before)) {
                store.moved(uid, after.zone(), after.since(), after.lastSeen());
            } else {
                store.seen(uid, after.lastSeen());
            }
            return after;
        });
        if (change[1].movedFrom(change[0])) {
            log.info("event=zone.tag_moved uid={} kind={} from={} to={}", tag.uid(), tag.kind(),
                    change[0] == null ? "-" : change[0].zone(), change[1].zone());
            rules.entered(tag, change[1].zone(), change[1].since());
        }
    }
}
