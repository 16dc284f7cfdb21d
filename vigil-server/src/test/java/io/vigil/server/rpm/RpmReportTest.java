package io.vigil.server.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpmReportTest {

    private static RpmPatient patient(String id, String name, int open, int high, int recent, boolean missing, int days) {
        return new RpmPatient(id, name, "MRN-" + id, "home", open, high, recent,
                missing ? null : Instant.parse("2026-11-25T08:00:00Z"), missing, 61 * 60 + 59, days, days >= 16);
    }

    @Test
    void csv_hasOneRowPerPatient_minutesRoundedDown_fieldsQuotedAndFormulasNeutralised() {
        String csv = RpmReport.csv(List.of(patient("p-1", "Lamarr, Hedy", 1, 1, 2, false, 17),
                patient("p-2", "=HYPERLINK(\"x\")", 0, 0, 0, true, 3)), YearMonth.of(2026, 11), 16);
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(RpmReport.HEADER);
        assertThat(lines[1]).isEqualTo("2026-11,p-1,MRN-p-1,\"Lamarr, Hedy\",home,61,17,true,1,1,2,2026-11-25T08:00:00Z,false");
        assertThat(lines[2]).isEqualTo("2026-11,p-2,MRN-p-2,\"'=HYPERLINK(\"\"x\"\")\",home,61,3,false,0,0,0,,true");
    }

    @Test
    void byNeed_highAlertsFirst_thenOpenAlerts_thenMissingData_thenRecentAlerts_thenFewestDays() {
        RpmPatient fewDays = patient("a", "A", 0, 0, 0, false, 2);
        RpmPatient manyDays = patient("b", "B", 0, 0, 0, false, 20);
        RpmPatient recent = patient("c", "C", 0, 0, 3, false, 20);
        RpmPatient missing = patient("d", "D", 0, 0, 0, true, 0);
        RpmPatient open = patient("e", "E", 2, 0, 2, false, 20);
        RpmPatient high = patient("f", "F", 1, 1, 1, false, 20);
        List<RpmPatient> rows = new ArrayList<>(List.of(manyDays, fewDays, recent, missing, open, high));
        rows.sort(RpmWorklist.BY_NEED);
        assertThat(rows).containsExactly(high, open, missing, recent, fewDays, manyDays);
    }
}
