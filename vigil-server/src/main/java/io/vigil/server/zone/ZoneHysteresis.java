package io.vigil.server.zone;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns a tag's reads into the zone it is in, without flapping between adjacent readers. A tag seen for the first
 * time is where it was read. After that it moves to another zone only when that zone has been read for {@code dwell}
 * with no read of its current zone that comes within {@code rssiMargin} dB of the newcomer's strongest read — a tag
 * between two rooms heard by both readers stays put; a tag carried away, whose old reader hears it only faintly or
 * not at all, moves after the dwell. A read in an exit zone (a door portal) moves it at once: a portal sees a tag
 * pass for a moment, and that moment is what an elopement rule needs. Pure; times come with the reads.
 */
final class ZoneHysteresis {

    /**
     * Where a tag is, and the zone it may be moving to.
     *
     * @param zone           the current zone
     * @param since          when the tag entered it
     * @param lastSeen       the latest read of any zone
     * @param candidate      the zone it is being read in instead, or null
     * @param candidateSince the first read of the candidate since the current zone was last heard strongly
     * @param candidateRssi  the candidate's strongest read so far (dBm; null when the reader gives none)
     */
    record Whereabouts(String zone, Instant since, Instant lastSeen, String candidate, Instant candidateSince,
                       Integer candidateRssi) {
        static Whereabouts at(String zone, Instant time) {
            return new Whereabouts(zone, time, time, null, null, null);
        }

        boolean movedFrom(Whereabouts before) {
            return before == null || !before.zone().equals(zone);
        }
    }

    /** One read: the zone of the reader that heard the tag, the signal strength (null if unknown), the time. */
    record Read(String zone, Integer rssi, Instant time, boolean exit) {}

    private final Duration dwell;
    private final int rssiMargin;

    ZoneHysteresis(Duration dwell, int rssiMargin) {
        this.dwell = dwell;
        this.rssiMargin = rssiMargin;
    }

    Whereabouts next(Whereabouts current, Read read) {
        if (current == null || read.exit()) {
            return current != null && current.zone().equals(read.zone()) ? seen(current, read.time())
                    : Whereabouts.at(read.zone(), read.time());
        }
        if (read.time().isBefore(current.lastSeen())) {
            // A late read (a reader's buffered batch) says nothing about where the tag is now.
            return current;
        }
        if (read.zone().equals(current.zone())) {
            boolean strong = current.candidate() == null || read.rssi() == null || current.candidateRssi() == null
                    || read.rssi() + rssiMargin >= current.candidateRssi();
            return strong ? new Whereabouts(current.zone(), current.since(), read.time(), null, null, null)
                    : seen(current, read.time());
        }
        if (!read.zone().equals(current.candidate())) {
            return new Whereabouts(current.zone(), current.since(), read.time(), read.zone(), read.time(), read.rssi());
        }
        Integer strongest = strongest(current.candidateRssi(), read.rssi());
        if (!read.time().isBefore(current.candidateSince().plus(dwell))) {
            return new Whereabouts(read.zone(), current.candidateSince(), read.time(), null, null, null);
        }
        return new Whereabouts(current.zone(), current.since(), read.time(), current.candidate(),
                current.candidateSince(), strongest);
    }

    /** The stronger of two readings, either of which may be missing (no unboxing of a null). */
    private static Integer strongest(Integer a, Integer b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Integer.valueOf(Math.max(a, b));
    }

    private static Whereabouts seen(Whereabouts current, Instant time) {
        return new Whereabouts(current.zone(), current.since(), time, current.candidate(), current.candidateSince(),
                current.candidateRssi());
    }
}
