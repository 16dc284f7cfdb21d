package io.vigil.server.implant;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One remote-interrogation summary of an implanted device, as sent (JSON, documented in docs/devices.md): which
 * device, its battery, each lead's impedance, arrhythmia episodes, therapies delivered and AF burden. Units: volts,
 * ohms, volts (capture threshold), millivolts (sensing), seconds, percent.
 */
record ImplantReport(String id, Instant interrogatedAt, Implant device, Battery battery, List<Lead> leads,
                     List<Episode> episodes, Therapies therapies, Double afBurdenPercent) {

    static final Set<String> KINDS = Set.of("pacemaker", "icd", "crt-p", "crt-d", "loop-recorder", "insulin-pump",
            "neurostimulator");
    static final Set<String> BATTERY_STATES = Set.of("ok", "eri", "eol");

    record Implant(String kind, String manufacturer, String model, String serial) {}

    /** {@code status}: ok, eri (elective replacement indicator) or eol (end of life); {@code eri} may say it alone. */
    record Battery(String status, Double voltage, Boolean eri, Integer remainingMonths) {
        boolean atReplacement() {
            return Boolean.TRUE.equals(eri) || "eri".equals(status) || "eol".equals(status);
        }
    }

    /** One lead: its chamber or position (RA, RV, LV, …), impedance in ohms. */
    record Lead(String chamber, Double impedance, Double captureThreshold, Double sensing) {}

    /** An arrhythmia episode: AF, AT, VT, VF, SVT, pause, brady…; the therapy it got (none, atp, shock). */
    record Episode(String type, Instant start, Long durationSeconds, String therapy) {}

    /** Therapies delivered since the last interrogation. */
    record Therapies(Integer shocks, Integer atp) {}

    ImplantReport {
        leads = leads == null ? List.of() : List.copyOf(leads);
        episodes = episodes == null ? List.of() : List.copyOf(episodes);
    }

    int shocks() {
        return therapies == null || therapies.shocks() == null ? 0 : therapies.shocks();
    }

    int atp() {
        return therapies == null || therapies.atp() == null ? 0 : therapies.atp();
    }

    boolean atReplacement() {
        return battery != null && battery.atReplacement();
    }

    static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
