package io.vigil.server.medication;

import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.patient.PatientStore;
import io.vigil.server.web.WebPage;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The adherence calendar ({@code /adherence/{patientId}?month=yyyy-MM}): per medication, each day of the month taken
 * on time, late, missed or not scheduled, with the month's figures. For the clinicians who see the patient (linked
 * from the chart) and the caregivers who follow them (linked from /care). Days are UTC days unless the schedule names
 * its zone. Not for clinical use.
 */
@Controller
class AdherencePageController implements WebPage {
    private final AdherenceReports reports;
    private final PatientStore patients;
    private final PatientAccess access;
    private final Clock clock;

    AdherencePageController(AdherenceReports reports, PatientStore patients, PatientAccess access, Clock clock) {
        this.reports = reports;
        this.patients = patients;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/adherence/{patientId}")
    String calendar(@PathVariable String patientId, @RequestParam(required = false) String month, Model model,
                    jakarta.servlet.http.HttpServletRequest request) {
        access.requireVisible(patientId);
        request.setAttribute(io.vigil.server.audit.RequestAudit.PATIENT_ATTRIBUTE, patientId);
        PatientRecord patient = patients.find(patientId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ApiErrors.NOT_FOUND, "No such patient"));
        YearMonth shown;
        try {
            shown = month == null || month.isBlank() ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.MONTH_INVALID, "month is yyyy-MM", "month");
        }
        Instant from = shown.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = shown.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        AdherenceReports.Report report = reports.of(patientId, from, to);
        model.addAttribute("patientId", patientId);
        model.addAttribute("patientName", patient.displayName());
        model.addAttribute("month", shown.toString());
        model.addAttribute("previous", shown.minusMonths(1).toString());
        model.addAttribute("next", shown.plusMonths(1).toString());
        model.addAttribute("report", report);
        model.addAttribute("medications", report.medications().stream().map(m -> AdherenceCalendar.of(shown, m)).toList());
        return "adherence";
    }
}
