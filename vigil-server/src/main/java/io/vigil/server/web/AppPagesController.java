package io.vigil.server.web;

import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import io.vigil.server.patient.PatientStore;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The pages whose content their JavaScript module loads from the REST APIs (each API call checks access and is
 * audited): the alert inbox ({@code /alerts}, clinicians), the caregiver view ({@code /care}, caregivers: the
 * patients shared with them) and the administration screens ({@code /admin/…}, administrators: no clinical data).
 */
@Controller
class AppPagesController implements WebPage {
    static final List<String> ADMIN_SCREENS = List.of("devices", "patients", "users", "dead-letters");

    private final PatientStore patients;
    private final PatientAccess access;

    AppPagesController(PatientStore patients, PatientAccess access) {
        this.patients = patients;
        this.access = access;
    }

    @GetMapping("/alerts")
    String alerts() {
        return "alerts";
    }

    @GetMapping("/care")
    String care(Authentication user, Model model) {
        List<PatientRecord> shared = patients.inScope(access.scopeOf(user), null);
        model.addAttribute("people", shared.stream()
                .map(p -> new CaredFor(p.id(), p.displayName())).toList());
        return "care";
    }

    /** A person a caregiver follows: only the id (for the data calls) and the name. */
    record CaredFor(String id, String name) {}

    @GetMapping("/admin")
    String admin() {
        return "redirect:/admin/devices";
    }

    @GetMapping("/admin/{screen}")
    String adminScreen(@PathVariable String screen, Model model) {
        if (!ADMIN_SCREENS.contains(screen)) {
            throw ApiException.notFound("Page");
        }
        model.addAttribute("screen", screen);
        model.addAttribute("screens", ADMIN_SCREENS);
        return "admin";
    }

}
