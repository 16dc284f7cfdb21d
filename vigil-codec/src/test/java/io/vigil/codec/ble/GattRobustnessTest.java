package io.vigil.codec.ble;

import static io.vigil.codec.ble.GattDecoderTest.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.ErrorCode;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated, mutated and random values: the decoder answers every one with a value, never an exception. */
class GattRobustnessTest {
    private static final List<String> UUIDS = List.of("2A35", "2A36", "2A1C", "2A37", "2A18", "2A9D", "2A9C", "2A5E", "2A5F",
            "2AA7", "2A1D", "2A34");
    private final GattDecoder decoder = new GattDecoder(MeasurementRegistry.standard());

    @Test
    void everyPrefixOfEveryValidValue_failsTruncatedWithAnOffset() {
        int checked = 0;
        for (GattSamples sample : GattSamples.all()) {
            for (int length = 0; length < sample.value().length; length++) {
                DecodeResult<GattReading> result = decode(sample.uuid(), Arrays.copyOf(sample.value(), length));
                if (stillValid(sample, length)) {
                    assertThat(result).as("%s cut to %d", sample, length).isInstanceOf(DecodeResult.Ok.class);
                    continue;
                }
                assertThat(result).as("%s cut to %d", sample, length).isInstanceOf(DecodeResult.Failure.class);
                DecodeError error = ((DecodeResult.Failure<GattReading>) result).error();
                assertThat(error.code()).as("%s cut to %d", sample, length).isEqualTo(ErrorCode.TRUNCATED);
                assertThat(error.offset()).isBetween(0, length);
                assertThat(error.field()).isNotBlank();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(2000);
    }

    @Test
    void twoCgmRecordsInOneValue_areSpacedByTheirOffsets_newestAtReceipt() {
        byte[] value = new FrameBuilder().u8(6).u8(0).sfloat(110, 0).u16(10).u8(6).u8(0).sfloat(115, 0).u16(15).build();
        DecodeResult.Ok<GattReading> ok = (DecodeResult.Ok<GattReading>) decode("2AA7", value);
        assertThat(ok.value().measurements()).extracting(Measurement::time)
                .containsExactly(RECEIVED.minusSeconds(300), RECEIVED);
        assertThat(ok.value().measurements()).extracting(m -> ((MeasuredValue.Quantity) m.value()).value())
                .containsExactly(110.0, 115.0);
        // Cut after the first record: still a whole record.
        assertThat(decode("2AA7", Arrays.copyOf(value, 6))).isInstanceOf(DecodeResult.Ok.class);
    }

    @Test
    void cgm_badCrc_failsWithCrcMismatchAtTheCrc() {
        for (GattSamples sample : GattSamples.all()) {
            if (!sample.uuid().equals("2AA7") || (sample.flags() & 0x100) == 0) {
                continue;
            }
            byte[] value = sample.value().clone();
            value[2] ^= 0x01; // a glucose bit
            DecodeError error = ((DecodeResult.Failure<GattReading>) decode("2AA7", value)).error();
            assertThat(error.code()).isEqualTo(ErrorCode.CRC_MISMATCH);
            assertThat(error.offset()).isEqualTo(value.length - 2);
        }
    }

    @Test
    void mutatedValidValues_neverThrow_andFailuresCarryAnOffsetOrField() {
        Random random = new Random(20261125L);
        List<GattSamples> samples = GattSamples.all();
        for (int i = 0; i < 40_000; i++) {
            GattSamples sample = samples.get(random.nextInt(samples.size()));
            byte[] value = sample.value();
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                value = mutate(value, random);
            }
            checkInvariants(decode(sample.uuid(), value), value);
        }
    }

    @Test
    void randomBytes_neverThrow() {
        Random random = new Random(4242L);
        for (int i = 0; i < 40_000; i++) {
            byte[] value = new byte[random.nextInt(40)];
            random.nextBytes(value);
            checkInvariants(decode(UUIDS.get(random.nextInt(UUIDS.size())), value), value);
        }
    }

    private void checkInvariants(DecodeResult<GattReading> result, byte[] value) {
        switch (result) {
            case DecodeResult.Ok<GattReading> ok ->
                    assertThat(ok.value().measurements()).allMatch(GattRobustnessTest::plausible);
            case DecodeResult.Failure<GattReading> failure -> {
                DecodeError error = failure.error();
                assertThat(error.reason()).doesNotContain("internal error");
                assertThat(error.offset()).isBetween(-1, value.length);
                assertThat(error.offset() >= 0 || error.field() != null).isTrue();
            }
        }
    }

    private static boolean plausible(Measurement m) {
        return switch (m.value()) {
            case MeasuredValue.Quantity q -> m.type().plausible().contains(q.value());
            case MeasuredValue.Panel p -> p.components().stream()
                    .allMatch(c -> c.type().plausible().contains(c.quantity().value()));
            case MeasuredValue.Coded coded -> false;
        };
    }

    private static boolean stillValid(GattSamples sample, int length) {
        return sample.minLength() > 0 && length >= sample.minLength()
                && (length - sample.minLength()) % sample.repeat() == 0;
    }

    private static byte[] mutate(byte[] input, Random random) {
        if (input.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(input.length);
        byte[] out;
        switch (random.nextInt(4)) {
            case 0 -> {
                out = input.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
            }
            case 1 -> {
                out = input.clone();
                out[at] = (byte) new int[] {0x00, 0xFF, 0x07, 0x08, 0x7F, 0x80, 0xF0}[random.nextInt(7)];
            }
            case 2 -> {
                out = Arrays.copyOf(input, input.length + 1);
                System.arraycopy(input, at, out, at + 1, input.length - at);
                out[at] = (byte) random.nextInt(256);
            }
            default -> {
                out = new byte[input.length - 1];
                System.arraycopy(input, 0, out, 0, at);
                System.arraycopy(input, at + 1, out, at, input.length - at - 1);
            }
        }
        return out;
    }

    private DecodeResult<GattReading> decode(String uuid, byte[] value) {
        return decoder.decode(uuid, value, RECEIVED);
    }
}
