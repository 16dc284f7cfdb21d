package io.vigil.server.rpm;

import java.time.YearMonth;
import java.util.List;

/** The RPM worklist as CSV (RFC 4180: quoted where needed, CRLF line ends), one row per patient. */
final class RpmReport {
    static final String HEADER = "month,patient_id,mrn,name,unit,monitoring_minutes,days_with_readings,meets_required_days,"
            + "open_alerts,high_alerts,alerts_last_7_days,last_reading,missing_data";

    private RpmReport() {
    }

    static String csv(List<RpmPatient> rows, YearMonth month, int requiredDays) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (RpmPatient r : rows) {
            out.append(String.join(",", month.toString(), field(r.patient()), field(r.mrn()), field(r.name()),
                    field(r.unit()), Long.toString(r.monitoredMinutes()), Integer.toString(r.daysWithReadings()),
                    Boolean.toString(r.daysWithReadings() >= requiredDays), Integer.toString(r.openAlerts()),
                    Integer.toString(r.highAlerts()), Integer.toString(r.recentAlerts()),
                    r.lastReading() == null ? "" : r.lastReading().toString(), Boolean.toString(r.missingData())))
                    .append("\r\n");
        }
        return out.toString();
    }

    /** A CSV field, quoted if it holds a comma, quote or line break; a leading formula character is neutralised. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
