package io.vigil.analytics.ecg.wfdb;

/**
 * WFDB format 212: pairs of 12-bit two's-complement samples packed into 3 bytes, signals interleaved
 * sample by sample.
 */
public final class Format212 {

    private Format212() {
    }

    /**
     * Decodes {@code samplesPerSignal} samples of each of {@code signalCount} interleaved signals
     * ({@code samplesPerSignal} 0 = as many as the bytes hold). Result is indexed [signal][sample].
     */
    public static WfdbRead<int[][]> decode(byte[] data, int signalCount, long samplesPerSignal) {
        if (signalCount <= 0) {
            return WfdbRead.failure("no signals to decode", 0);
        }
        long total = samplesPerSignal > 0 ? samplesPerSignal * signalCount : (data.length / 3L) * 2;
        long bytesNeeded = (total / 2) * 3 + (total % 2 == 1 ? 2 : 0);
        if (data.length < bytesNeeded) {
            return WfdbRead.failure("truncated format-212 data: need " + bytesNeeded + " bytes, have " + data.length,
                    data.length);
        }
        if (total / signalCount > Integer.MAX_VALUE) {
            return WfdbRead.failure("record too long to hold in memory", 0);
        }
        int perSignal = (int) (total / signalCount);
        int[][] out = new int[signalCount][perSignal];
        for (long k = 0; k < (long) perSignal * signalCount; k++) {
            out[(int) (k % signalCount)][(int) (k / signalCount)] = sample(data, k);
        }
        return WfdbRead.ok(out);
    }

    /** The k-th sample of the interleaved stream. */
    static int sample(byte[] data, long k) {
        int base = (int) ((k / 2) * 3);
        int middle = data[base + 1] & 0xFF;
        int value = (k % 2 == 0)
                ? (data[base] & 0xFF) | ((middle & 0x0F) << 8)
                : (data[base + 2] & 0xFF) | ((middle & 0xF0) << 4);
        return value >= 2048 ? value - 4096 : value;
    }
}
