package io.vigil.fhir;

import java.time.Instant;
import java.util.Objects;

/**
 * A strip of a sampled signal (e.g. ten seconds of ECG lead II) to serve as an Observation with SampledData.
 * Physical value = (sample − baseline) / gain, in {@code unit} (UCUM).
 *
 * @param id        logical id of the Observation (stable for the same patient, signal and strip start)
 * @param patientId the patient, or null when the device was not assigned
 * @param mdcCode   the signal's IEEE 11073-10101 code, e.g. 131330 (MDC_ECG_ELEC_POTL_II)
 * @param mdcName   its reference id, e.g. {@code MDC_ECG_ELEC_POTL_II}
 * @param leadsOff  per sample: the device reported its electrodes off (served as "E")
 */
public record WaveformStrip(String id, String patientId, String deviceId, int mdcCode, String mdcName, Instant start,
                            double sampleRate, String unit, double gain, int baseline, int[] samples,
                            boolean[] leadsOff) {
    public WaveformStrip {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        if (samples.length != leadsOff.length || !(sampleRate > 0) || !(gain > 0)) {
            throw new IllegalArgumentException("a strip needs a positive rate and gain and a leads-off flag per sample");
        }
    }
}
