package io.vigil.codec.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vigil.codec.DecodeResult;
import io.vigil.model.MeasuredValue;
import io.vigil.model.MeasurementRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** No input may throw or hang: every prefix and thousands of random edits of real messages decode to a value. */
class Hl7RobustnessTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:16:00Z");
    /** Bytes that change ER7 structure: separators, escape, segment ends, digits, signs, invalid UTF-8. */
    private static final byte[] STRUCTURAL = {'|', '^', '~', '\\', '&', '\r', '\n', 'M', 'S', 'H', 'O', 'B', 'X',
            '0', '9', '-', '+', '.', ' ', 0, (byte) 0xC3, (byte) 0xFF};
    private static final List<String> SAMPLES = List.of(Pcd01Samples.CONTINUA_BP, Pcd01Samples.MINDRAY_VS900, Pcd01Samples.GE_B40,
            Pcd01Samples.VIGIL_MONITOR);

    private final Hl7Decoder decoder = new Hl7Decoder(MeasurementRegistry.standard());

    @Test
    void decode_everyTruncation_returnsAValue() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String sample : SAMPLES) {
                byte[] bytes = Pcd01Samples.bytes(sample);
                for (int length = 0; length <= bytes.length; length++) {
                    checked(Arrays.copyOf(bytes, length));
                }
            }
        });
    }

    @Test
    void decode_randomMutations_returnAValueAndKeepInvariants() {
        Random random = new Random(20261125L);
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            for (int i = 0; i < 6000; i++) {
                byte[] input = Pcd01Samples.bytes(SAMPLES.get(i % SAMPLES.size()));
                for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                    input = mutate(input, random);
                }
                checked(input);
            }
        });
    }

    private void checked(byte[] input) {
        DecodeResult<Hl7Message> result = decoder.decode(input, RECEIVED);
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Ok<Hl7Message> ok) {
            Hl7Message message = ok.value();
            assertThat(message.readings()).isNotEmpty();
            assertThat(message.controlId()).isNotBlank();
            assertThat(message.equipmentId()).isNotBlank();
            message.readings().forEach(reading -> {
                assertThat(reading.measurement().time()).isBeforeOrEqualTo(RECEIVED.plus(Duration.ofMinutes(5)));
                if (reading.measurement().value() instanceof MeasuredValue.Quantity quantity) {
                    assertThat(reading.measurement().type().plausible().contains(quantity.value())).isTrue();
                }
            });
        } else {
            DecodeResult.Failure<Hl7Message> failure = (DecodeResult.Failure<Hl7Message>) result;
            assertThat(failure.error().reason()).isNotBlank();
            assertThat(failure.error().reason()).doesNotContain("internal error");
        }
    }

    private static byte[] mutate(byte[] input, Random random) {
        if (input.length == 0) {
            return new byte[] {STRUCTURAL[random.nextInt(STRUCTURAL.length)]};
        }
        int at = random.nextInt(input.length);
        byte structural = STRUCTURAL[random.nextInt(STRUCTURAL.length)];
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] out = input.clone();
                out[at] = structural;
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[input.length + 1];
                System.arraycopy(input, 0, out, 0, at);
                out[at] = structural;
                System.arraycopy(input, at, out, at + 1, input.length - at);
                yield out;
            }
            case 2 -> {
                int length = Math.min(1 + random.nextInt(12), input.length - at);
                byte[] out = new byte[input.length - length];
                System.arraycopy(input, 0, out, 0, at);
                System.arraycopy(input, at + length, out, at, input.length - at - length);
                yield out;
            }
            default -> {
                byte[] out = input.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                yield out;
            }
        };
    }
}
