package io.vigil.codec.ble;

/**
 * CRC-16/MCRF4XX (polynomial 0x1021 reflected, initial 0xFFFF, no final XOR), the E2E-CRC of the Bluetooth
 * CGM and other medical services. Check value: "123456789" → 0x6F91.
 */
final class Crc16Mcrf4xx {

    private Crc16Mcrf4xx() {
    }

    static int of(byte[] bytes, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
        }
        return crc;
    }
}
