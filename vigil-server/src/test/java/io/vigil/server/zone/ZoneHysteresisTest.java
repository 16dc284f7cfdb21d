package io.vigil.server.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.zone.ZoneHysteresis.Read;
import io.vigil.server.zone.ZoneHysteresis.Whereabouts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneHysteresisTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final ZoneHysteresis hysteresis = new ZoneHysteresis(Duration.ofSeconds(15), 6);

    @Test
    void firstRead_placesTheTagAtOnce() {
        Whereabouts w = hysteresis.next(null, read("room-1", -60, 0));
        assertThat(w.zone()).isEqualTo("room-1");
        assertThat(w.since()).isEqualTo(T0);
    }

    @Test
    void tagBetweenTwoRooms_heardByBoth_doesNotFlap() {
        Whereabouts w = hysteresis.next(null, read("room-1", -62, 0));
        List<String> zones = new ArrayList<>();
        for (int s = 1; s <= 120; s++) {
            // Alternate reads, the neighbour sometimes a little stronger.
            w = hysteresis.next(w, s % 2 == 0 ? read("room-2", s % 4 == 0 ? -58 : -63, s) : read("room-1", -62, s));
            zones.add(w.zone());
        }
        assertThat(zones).containsOnly("room-1");
    }

    @Test
    void tagCarriedAway_movesAfterTheDwell_withTheTimeItLeft() {
        Whereabouts w = hysteresis.next(null, read("room-1", -55, 0));
        w = hysteresis.next(w, read("room-2", -50, 20));
        w = hysteresis.next(w, read("room-1", -80, 25)); // old reader hears it faintly: no reset
        w = hysteresis.next(w, read("room-2", -48, 30));
        assertThat(w.zone()).isEqualTo("room-1");
        w = hysteresis.next(w, read("room-2", -49, 35));
        assertThat(w.zone()).isEqualTo("room-2");
        assertThat(w.since()).isEqualTo(T0.plusSeconds(20));
        assertThat(w.lastSeen()).isEqualTo(T0.plusSeconds(35));
    }

    @Test
    void strongReadOfTheCurrentZone_resetsTheCandidate() {
        Whereabouts w = hysteresis.next(null, read("room-1", -55, 0));
        w = hysteresis.next(w, read("room-2", -50, 10));
        w = hysteresis.next(w, read("room-1", -54, 20));
        w = hysteresis.next(w, read("room-2", -50, 30));
        assertThat(w.zone()).isEqualTo("room-1");
        w = hysteresis.next(w, read("room-2", -50, 44));
        assertThat(w.zone()).isEqualTo("room-1");
        w = hysteresis.next(w, read("room-2", -50, 45));
        assertThat(w.zone()).isEqualTo("room-2");
    }

    @Test
    void exitPortal_movesAtOnce_andLateReadsAreIgnored() {
        Whereabouts w = hysteresis.next(null, read("ward", -55, 0));
        w = hysteresis.next(w, new Read("exit-door", -70, T0.plusSeconds(5), true));
        assertThat(w.zone()).isEqualTo("exit-door");
        assertThat(hysteresis.next(w, read("ward", -40, 3))).isEqualTo(w);
    }

    @Test
    void readsWithoutRssi_stillMoveAfterTheDwell() {
        Whereabouts w = hysteresis.next(null, read("room-1", null, 0));
        w = hysteresis.next(w, read("room-2", null, 1));
        w = hysteresis.next(w, read("room-2", null, 16));
        assertThat(w.zone()).isEqualTo("room-2");
    }

    private static Read read(String zone, Integer rssi, int second) {
        return new Read(zone, rssi, T0.plusSeconds(second), false);
    }
}
