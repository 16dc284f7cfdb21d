package io.vigil.codec.waveform;

import java.util.Optional;

/** Units a binary frame may name, by IEEE 11073-10101 dimension code (partition 4), with their UCUM code. */
enum WaveformUnit {
    MILLIVOLT(4274, "mV"),
    MICROVOLT(4275, "uV"),
    DIMENSIONLESS(512, "1");

    private final int mdcCode;
    private final String ucum;

    WaveformUnit(int mdcCode, String ucum) {
        this.mdcCode = mdcCode;
        this.ucum = ucum;
    }

    int mdcCode() {
        return mdcCode;
    }

    String ucum() {
        return ucum;
    }

    static Optional<WaveformUnit> ofMdcCode(int code) {
        for (WaveformUnit u : values()) {
            if (u.mdcCode == code) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    static Optional<WaveformUnit> ofUcum(String ucum) {
        for (WaveformUnit u : values()) {
            if (u.ucum.equals(ucum)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
