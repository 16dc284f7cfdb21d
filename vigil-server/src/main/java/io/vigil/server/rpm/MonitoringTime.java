package io.vigil.server.rpm;

import java.time.Instant;

/**
 * Time a clinician spent on a patient: timed on the open chart ({@code chart}) or entered by hand ({@code manual}), or a
 * telehealth session ({@code telehealth}).
 */
public record MonitoringTime(String id, String patient, String clinician, Instant start, int seconds, String source,
                             String note) {
    static final String CHART = "chart";
    static final String MANUAL = "manual";
    /** A telehealth session's duration (V31). */
    public static final String TELEHEALTH = "telehealth";
}
