package io.vigil.server.web;

import io.vigil.server.audit.RequestAudit;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The web app's pages: the live ward page at {@code /} and the login page. The unit picker offers only the caller's
 * units (and {@code all}); the tiles only the patients they may see. A unit the caller may not open is answered
 * with the error page ({@link WebPageRefusals}), like one that does not exist.
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

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
