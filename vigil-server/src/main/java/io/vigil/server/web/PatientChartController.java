package io.vigil.server.web;

import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import io.vigil.server.audit.RequestAudit;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.note.ClinicalNoteStore;
import io.vigil.server.patient.PatientStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A patient's chart ({@code /patients/{id}}, clinicians): the header (name, MRN, age, unit, bed, devices with their
 * periods) and the notes are rendered here; trends, the table view, NEWS2 and the glucose report are drawn by
 * {@code js/chart.js} from the REST APIs. A patient the clinician may not see is answered 404, like one that does
 * not exist; every view is audited ({@code page.view} naming the patient).
 */
@Controller
class PatientChartController implements WebPage {
    private final PatientStore patients;
    private final AssignmentStore assignments;
    private final ClinicalNoteStore notes;
    private final PatientAccess access;
    private final Clock clock;

    PatientChartController(PatientStore patients, AssignmentStore assignments, ClinicalNoteStore notes,
                           PatientAccess access, Clock clock) {
        this.patients = patients;
        this.assignments = assignments;
        this.notes = notes;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/patients/{id}")
    String chart(@PathVariable String id, Authentication user, Model model, HttpServletRequest request) {
        if (!access.canSee(user, id)) {
            throw ApiException.notFound("Patient");
        }
        PatientRecord patient = patients.find(id).orElseThrow(() -> ApiException.notFound("Patient"));
        request.setAttribute(RequestAudit.PATIENT_ATTRIBUTE, id);
        model.addAttribute("patient", patient);
        model.addAttribute("name", patient.displayName());
        model.addAttribute("age", ageOf(patient.birthDate(), LocalDate.now(clock.withZone(ZoneOffset.UTC))));
        model.addAttribute("assignments", assignments.forPatient(id).reversed());
        model.addAttribute("notes", notes.forPatient(id));
        model.addAttribute("now", clock.instant());
        return "chart";
    }


    static Integer ageOf(LocalDate birthDate, LocalDate today) {
        return birthDate == null ? null : Period.between(birthDate, today).getYears();
    }
}
