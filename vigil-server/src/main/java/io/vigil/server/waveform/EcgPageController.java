package io.vigil.server.waveform;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /patients/{id}/ecg}: a live scrolling ECG strip and a review of any past window with the detected beats
 * marked (templates/ecg.html, static/js/ecg.js). The page holds no clinical data itself: its script reads the
 * waveform API, which checks access and is audited. A patient the caller may not see is "not found".
 */
@Controller
class EcgPageController {
    private final PatientAccess access;

    EcgPageController(PatientAccess access) {
        this.access = access;
    }

    @GetMapping("/patients/{id}/ecg")
    String ecg(@PathVariable String id, @RequestParam(name = "signal", defaultValue = "ecg-ii") String signal,
               Authentication user, Model model) {
        access.requireVisible(id);
        if (WaveformStrips.signal(signal).isEmpty()) {
            throw ApiException.notFound("signal");
        }
        model.addAttribute("patient", id);
        model.addAttribute("signal", signal);
        model.addAttribute("user", user.getName());
        return "ecg";
    }

    @ExceptionHandler(ApiException.class)
    String refused(ApiException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        return "error";
    }
}
