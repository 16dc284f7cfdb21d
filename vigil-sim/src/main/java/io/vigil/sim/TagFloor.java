package io.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A simulated floor of tagged things and fixed readers: each tagged item (an asset's BLE/RFID tag, a staff badge)
 * follows its route of zones, staying {@code dwell} at each stop, and at every step the reader of its zone hears it
 * strongly while a reader of a neighbouring stop sometimes hears it faintly — what a real floor gives, and what the
 * server's hysteresis must not flap on. Pure: times come in, reads come out, noise is seeded.
 */
public final class TagFloor {

    /** A fixed reader covering one zone. */
    public record Reader(String id, String secret, String zone) {
        public Reader {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(zone, "zone");
        }
    }

    /**
     * A tagged thing on the move.
     *
     * @param uid   the tag's UID (14 hex digits), sent as the read's {@code tag}
     * @param route the zones it visits in turn (a single zone: it stays); the route repeats
     * @param dwell how long it stays at each stop
     */
    public record TaggedItem(String uid, List<String> route, Duration dwell) {
        public TaggedItem {
            route = List.copyOf(route);
            if (route.isEmpty() || dwell.isZero() || dwell.isNegative()) {
                throw new IllegalArgumentException("a route has at least one zone and a positive dwell");
            }
        }

        /** Where the item is at {@code elapsed} since the floor started. */
        String zoneAt(Duration elapsed) {
            long stop = Math.max(0, elapsed.toMillis()) / dwell.toMillis();
            return route.get((int) (stop % route.size()));
        }

        /** A route that stays in {@code zone} until {@code after}, then moves to {@code next} for good. */
        public static TaggedItem leaving(String uid, String zone, Duration after, String next) {
            return new TaggedItem(uid, java.util.stream.Stream.concat(java.util.stream.Stream.of(zone),
                    java.util.stream.Stream.generate(() -> next).limit(10_000)).toList(), after);
        }
    }

    /** One read to publish on {@code vigil/v1/readers/{reader}/reads}. */
    public record Read(Reader reader, String uid, int rssi, Instant time) {
        public String json() {
            return "{\"tag\":\"" + uid + "\",\"rssi\":" + rssi + ",\"time\":\"" + time + "\"}";
        }
    }

    private final List<Reader> readers;
    private final Map<String, Reader> readerOfZone;
    private final List<TaggedItem> items;
    private final Instant start;
    private final SplittableRandom random;

    public TagFloor(List<Reader> readers, List<TaggedItem> items, Instant start, long seed) {
        this.readers = List.copyOf(readers);
        this.readerOfZone = readers.stream().collect(java.util.stream.Collectors.toMap(Reader::zone, r -> r, (a, b) -> a));
        this.items = List.copyOf(items);
        this.start = start;
        this.random = new SplittableRandom(seed);
    }

    public List<Reader> readers() {
        return readers;
    }

    /** The reads of one step at {@code now}: each item heard by its zone's reader, now and then by a neighbour's. */
    public synchronized List<Read> step(Instant now) {
        Duration elapsed = Duration.between(start, now);
        List<Read> reads = new ArrayList<>();
        for (TaggedItem item : items) {
            String zone = item.zoneAt(elapsed);
            Reader reader = readerOfZone.get(zone);
            if (reader != null) {
                reads.add(new Read(reader, item.uid(), -45 - random.nextInt(15), now));
            }
            String neighbour = item.route().get((item.route().indexOf(zone) + 1) % item.route().size());
            Reader faint = readerOfZone.get(neighbour);
            if (faint != null && !neighbour.equals(zone) && random.nextInt(4) == 0) {
                reads.add(new Read(faint, item.uid(), -80 - random.nextInt(10), now));
            }
        }
        return reads;
    }
}
