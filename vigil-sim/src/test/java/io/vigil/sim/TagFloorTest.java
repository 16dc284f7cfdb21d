package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagFloorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final List<TagFloor.Reader> readers = List.of(new TagFloor.Reader("r-ward", "s", "ward"),
            new TagFloor.Reader("r-store", "s", "store"));

    @Test
    void leavingItem_heardStronglyInItsZoneUntilItLeaves_thenInTheNext() {
        TagFloor floor = new TagFloor(readers, List.of(TagFloor.TaggedItem.leaving("04AABBCCDDEEFF", "ward",
                Duration.ofMinutes(2), "store")), T0, 7);

        List<TagFloor.Read> before = floor.step(T0.plusSeconds(60));
        assertThat(before).filteredOn(r -> r.rssi() > -70).singleElement()
                .satisfies(r -> assertThat(r.reader().zone()).isEqualTo("ward"));
        List<TagFloor.Read> after = floor.step(T0.plusSeconds(180));
        assertThat(after).filteredOn(r -> r.rssi() > -70).singleElement()
                .satisfies(r -> assertThat(r.reader().zone()).isEqualTo("store"));
        assertThat(after.getFirst().json()).contains("\"tag\":\"04AABBCCDDEEFF\"", "\"time\":\"2026-11-25T10:03:00Z\"");
    }

    @Test
    void routeRepeats_andNeighbourReadsAreFaint() {
        TagFloor floor = new TagFloor(readers, List.of(new TagFloor.TaggedItem("04AABBCCDDEE00", List.of("ward", "store"),
                Duration.ofMinutes(1))), T0, 11);
        for (int s = 0; s < 600; s += 5) {
            String expected = (s / 60) % 2 == 0 ? "ward" : "store";
            List<TagFloor.Read> reads = floor.step(T0.plusSeconds(s));
            assertThat(reads).filteredOn(r -> r.reader().zone().equals(expected)).singleElement()
                    .satisfies(r -> assertThat(r.rssi()).isBetween(-59, -45));
            assertThat(reads).filteredOn(r -> !r.reader().zone().equals(expected))
                    .allSatisfy(r -> assertThat(r.rssi()).isLessThanOrEqualTo(-80));
        }
    }
}
