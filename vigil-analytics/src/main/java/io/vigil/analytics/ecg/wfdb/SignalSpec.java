package io.vigil.analytics.ecg.wfdb;

/**
 * One signal line of a WFDB header: storage, scaling ({@code mV = (adc - baseline) / gain}) and checks.
 *
 * @param firstValue value of the first sample, for checking the unpacking
 * @param checksum   16-bit sum of all samples of the signal, signed
 */
public record SignalSpec(String fileName, int format, double gain, int baseline, int adcResolution,
                         int adcZero, int firstValue, int checksum, String description) {

    /** Physical value (usually mV) of a raw ADC sample. */
    public double physical(int adc) {
        return (adc - baseline) / gain;
    }
}
