package io.vigil.server.web;

import io.vigil.server.api.ApiException;
import io.vigil.server.audit.RequestAudit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The web app's pages: the live ward page at {@code /} and the login page. The unit picker offers only the caller's
 * units (and {@code all}); the tiles only the patients they may see.
 */
@Controller
class WardPageController implements WebPage {
    private final WardBoard board;

    WardPageController(WardBoard board) {
        this.board = board;
    }

    @GetMapping("/")
    String ward(@RequestParam(name = "unit", required = false) String unit, Authentication user, Model model,
                HttpServletRequest request) {
        WardViewer viewer = board.viewer(user);
        WardView view = board.view(WardBoard.unitFor(viewer, unit), viewer);
        request.setAttribute(RequestAudit.UNIT_ATTRIBUTE, view.unit());
        List<String> units = new ArrayList<>(viewer.units());
        units.add(WardBoard.ALL);
        model.addAttribute("view", view);
        model.addAttribute("units", units);
        model.addAttribute("user", user.getName());
        model.addAttribute("vitalOrder", String.join(" ", WardVital.types()));
        model.addAttribute("ages", new ReadingAge(Instant.parse(view.serverTime())));
        return "ward";
    }

    /**
     * A unit the caller may not open (answered like one that does not exist) or cannot be a unit: the page's error
     * page with the status, not the API's problem+json.
     */
    @ExceptionHandler(ApiException.class)
    String refused(ApiException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        return "error";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
