package io.vigil.analytics.ecg;

/**
 * A detected QRS complex.
 *
 * @param sample    sample index of the R wave (fiducial point) in the input stream
 * @param rrSamples interval from the previous detected beat in samples, 0 for the first beat
 * @param heartRate instantaneous heart rate in beats per minute from that interval, 0 for the first beat
 */
public record Beat(long sample, long rrSamples, double heartRate) {
}
