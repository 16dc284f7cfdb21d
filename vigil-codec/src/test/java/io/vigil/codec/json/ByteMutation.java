package io.vigil.codec.json;

import java.util.Random;

/** One random edit of a byte array: a bit flip, an interesting byte written or inserted, a deletion, a repeat. */
public final class ByteMutation {

    /** Bytes that change JSON structure or UTF-8 validity, and digits that change values. */
    private static final byte[] INTERESTING = {'{', '}', '[', ']', '"', ':', ',', '\\', '-', '.', 'e', 'E', '+',
            '0', '1', '5', '9', ' ', '\n', 0, 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC3, (byte) 0xE0,
            (byte) 0xED, (byte) 0xF0, (byte) 0xF4, (byte) 0xFE, (byte) 0xFF, 'n', 't', 'u'};

    private ByteMutation() {
    }

    public static byte[] apply(byte[] input, Random random) {
        if (input.length == 0) {
            return new byte[] {pick(random)};
        }
        int at = random.nextInt(input.length);
        return switch (random.nextInt(5)) {
            case 0 -> {
                byte[] out = input.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                yield out;
            }
            case 1 -> {
                byte[] out = input.clone();
                out[at] = pick(random);
                yield out;
            }
            case 2 -> insert(input, at, new byte[] {pick(random)});
            case 3 -> delete(input, at, 1 + random.nextInt(Math.min(8, input.length - at)));
            default -> {
                int length = 1 + random.nextInt(Math.min(16, input.length - at));
                byte[] span = new byte[length];
                System.arraycopy(input, at, span, 0, length);
                yield insert(input, random.nextInt(input.length + 1), span);
            }
        };
    }

    private static byte pick(Random random) {
        return INTERESTING[random.nextInt(INTERESTING.length)];
    }

    private static byte[] insert(byte[] input, int at, byte[] span) {
        byte[] out = new byte[input.length + span.length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(span, 0, out, at, span.length);
        System.arraycopy(input, at, out, at + span.length, input.length - at);
        return out;
    }

    private static byte[] delete(byte[] input, int at, int length) {
        byte[] out = new byte[input.length - length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(input, at + length, out, at, input.length - at - length);
        return out;
    }
}
