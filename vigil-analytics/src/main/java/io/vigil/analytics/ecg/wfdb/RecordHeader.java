package io.vigil.analytics.ecg.wfdb;

import java.util.List;

/** The record line and signal lines of a WFDB {@code .hea} header. */
public record RecordHeader(String name, double sampleRate, long samplesPerSignal, List<SignalSpec> signals) {

    public RecordHeader {
        signals = List.copyOf(signals);
    }

    /** Index of the signal with this lead name (e.g. {@code MLII}), or -1. */
    public int signalIndex(String lead) {
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i).description().equalsIgnoreCase(lead)) {
                return i;
            }
        }
        return -1;
    }
}
