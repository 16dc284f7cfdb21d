package io.vigil.codec.waveform;

import java.util.Optional;

/**
 * The sampled signals Vigil takes, by the name a topic or path uses ({@code waveform/ecg-ii}) and their IEEE
 * 11073-10101 code (partition 2, {@code MDC_ECG_ELEC_POTL_*} for the ECG leads). Code = partition × 65536 + term.
 */
public enum WaveformSignal {
    ECG_I("ecg-i", 131329, true),
    ECG_II("ecg-ii", 131330, true),
    ECG_V1("ecg-v1", 131331, true),
    ECG_V2("ecg-v2", 131332, true),
    ECG_V5("ecg-v5", 131335, true),
    ECG_III("ecg-iii", 131389, true),
    ECG_AVR("ecg-avr", 131390, true),
    ECG_AVL("ecg-avl", 131391, true),
    ECG_AVF("ecg-avf", 131392, true),
    /** MDC_PULS_OXIM_PLETH. */
    PLETH("pleth", 150452, false);

    private final String topicName;
    private final int mdcCode;
    private final boolean ecg;

    WaveformSignal(String topicName, int mdcCode, boolean ecg) {
        this.topicName = topicName;
        this.mdcCode = mdcCode;
        this.ecg = ecg;
    }

    /** The name in topics and paths, e.g. {@code ecg-ii}. */
    public String topicName() {
        return topicName;
    }

    /** The IEEE 11073-10101 code in decimal (system {@code urn:iso:std:iso:11073:10101}). */
    public int mdcCode() {
        return mdcCode;
    }

    /** Whether the rhythm analysis (QRS detection) runs on this signal. */
    public boolean ecg() {
        return ecg;
    }

    public static Optional<WaveformSignal> ofTopicName(String name) {
        for (WaveformSignal s : values()) {
            if (s.topicName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Optional<WaveformSignal> ofMdcCode(int code) {
        for (WaveformSignal s : values()) {
            if (s.mdcCode == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
