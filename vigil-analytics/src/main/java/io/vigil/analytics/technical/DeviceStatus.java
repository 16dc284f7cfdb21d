package io.vigil.analytics.technical;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a reading's device notes (the status flags the codecs keep as text) say about the sensor: whether it
 * was off the patient, and whether the signal was poor. The phrases are the codecs' names of the Bluetooth SIG
 * status bits (Heart Rate sensor-contact bits, PLX device-and-sensor status, PLX measurement status, CGM
 * quality). CGM notes may carry a record prefix ("record 2: quality 40 %").
 */
record DeviceStatus(boolean sensorOff, boolean poorSignal, String reason) {
    private static final Set<String> SENSOR_OFF = Set.of("sensor contact not detected", "sensor unconnected to user",
            "sensor displaced", "sensor disconnected");
    private static final Set<String> POOR_SIGNAL = Set.of("inadequate signal detected", "poor signal detected",
            "low perfusion detected", "erratic signal detected", "nonpulsatile signal detected",
            "questionable pulse detected", "sensor interference detected", "signal processing irregularity detected",
            "questionable measurement detected", "invalid measurement detected");
    private static final Pattern PULSE_AMPLITUDE = Pattern.compile("pulse amplitude index (-?[0-9]+(?:\\.[0-9]+)?) %");
    private static final Pattern CGM_QUALITY = Pattern.compile("(?:^|: )quality (-?[0-9]+(?:\\.[0-9]+)?) %");

    static DeviceStatus of(List<String> notes, TechnicalRules rules) {
        boolean off = false;
        String poor = null;
        for (String note : notes) {
            String flag = note.contains(": ") && !note.startsWith("SpO2PR") ? note.substring(note.lastIndexOf(": ") + 2) : note;
            if (SENSOR_OFF.contains(flag)) {
                off = true;
            } else if (POOR_SIGNAL.contains(flag)) {
                poor = flag;
            } else if (note.startsWith("pulse amplitude index ")
                    && below(PULSE_AMPLITUDE.matcher(note), rules.minPulseAmplitudeIndex())) {
                poor = "pulse amplitude index below " + rules.minPulseAmplitudeIndex() + " %";
            } else if (note.contains("quality ") && below(CGM_QUALITY.matcher(note), rules.minCgmQuality())) {
                poor = "CGM quality below " + rules.minCgmQuality() + " %";
            }
        }
        return new DeviceStatus(off, poor != null, poor);
    }

    private static boolean below(Matcher matcher, double minimum) {
        return matcher.find() && Double.parseDouble(matcher.group(1)) < minimum;
    }
}
