package io.vigil.server.rpm;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.web.WebPage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The RPM worklist page ({@code /rpm}) and its CSV export ({@code /rpm/report.csv}): the caller's home caseload
 * ordered by need, with this month's monitoring minutes and days with readings. Clinicians only.
 */
@Controller
class RpmPageController implements WebPage {
    private final RpmWorklist worklist;
    private final PatientAccess access;
    private final RpmProperties properties;
    private final Clock clock;

    RpmPageController(RpmWorklist worklist, PatientAccess access, RpmProperties properties, Clock clock) {
        this.worklist = worklist;
        this.access = access;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/rpm")
    String page(@RequestParam(required = false) String month, Authentication user, Model model) {
        YearMonth shown = MonitoringTimeController.monthOf(month, clock);
        model.addAttribute("rows", worklist.caseload(access.scopeOf(user), shown));
        model.addAttribute("month", shown.toString());
        model.addAttribute("requiredDays", properties.requiredDays());
        model.addAttribute("user", user.getName());
        return "rpm";
    }

    @GetMapping("/rpm/report.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String month, Authentication user) {
        YearMonth shown = MonitoringTimeController.monthOf(month, clock);
        String body = RpmReport.csv(worklist.caseload(access.scopeOf(user), shown), shown, properties.requiredDays());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rpm-" + shown + ".csv\"")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
