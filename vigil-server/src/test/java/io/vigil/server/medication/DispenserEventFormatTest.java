package io.vigil.server.medication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DispenserEventFormatTest {
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final String TAKEN = "{\"id\": \"e-1\", \"type\": \"dose-taken\", \"time\": \"2026-11-26T08:03:00Z\","
            + " \"schedule\": \"ms-1\", \"dueAt\": \"2026-11-26T08:00:00+00:00\", \"slot\": \"A3\"}";

    private static DispenserEventFormat.Parsed parse(String json) {
        return DispenserEventFormat.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void oneEvent_isRead() {
        DispenserEventFormat.Parsed.Ok ok = (DispenserEventFormat.Parsed.Ok) parse(TAKEN);
        DispenserEventFormat.Incoming e = ok.events().getFirst();
        assertThat(e.type()).isEqualTo(DispenserEventType.DOSE_TAKEN);
        assertThat(e.dueAt()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
        assertThat(e.slot()).isEqualTo("A3");
    }

    @Test
    void refusals_nameTheField() {
        assertThat(parse("not json")).isEqualTo(new DispenserEventFormat.Parsed.Refused("The payload is not JSON", null));
        assertThat(((DispenserEventFormat.Parsed.Refused) parse(TAKEN.replace("dose-taken", "dose-eaten"))).field()).isEqualTo("type");
        assertThat(((DispenserEventFormat.Parsed.Refused) parse(TAKEN.replace("2026-11-26T08:03:00Z", "2026-11-27T08:03:00Z")))
                .field()).as("in the future").isEqualTo("time");
        assertThat(((DispenserEventFormat.Parsed.Refused) parse("[" + TAKEN + ", {\"id\": \"e-2\", \"type\": \"command-ack\","
                + " \"time\": \"2026-11-26T08:00:00Z\"}]")).field()).isEqualTo("[1].commandId");
        assertThat(parse("[]")).isInstanceOf(DispenserEventFormat.Parsed.Refused.class);
        assertThat(parse("42")).isInstanceOf(DispenserEventFormat.Parsed.Refused.class);
    }

    @Test
    void mutatedBytes_neverThrow() {
        Random random = new Random(10);
        byte[] original = TAKEN.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5_000; i++) {
            byte[] mutated = original.clone();
            for (int j = 0; j < 1 + random.nextInt(4); j++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(mutated.length + 1);
            assertThat(DispenserEventFormat.parse(java.util.Arrays.copyOf(mutated, length), NOW)).isNotNull();
        }
    }
}
