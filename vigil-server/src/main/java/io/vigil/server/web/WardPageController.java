package io.vigil.server.web;

import io.vigil.server.audit.RequestAudit;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The web app's pages: the live ward page at {@code /} and the login page. */
@Controller
class WardPageController {
    private final WardBoard board;

    WardPageController(WardBoard board) {
        this.board = board;
    }

    @GetMapping("/")
    String ward(@RequestParam(name = "unit", required = false) String unit, Principal user, Model model,
                HttpServletRequest request) {
        WardView view = board.view(WardBoard.checkedUnit(unit));
        request.setAttribute(RequestAudit.UNIT_ATTRIBUTE, view.unit());
        List<String> units = new ArrayList<>(board.units());
        if (!units.contains(view.unit()) && !WardBoard.ALL.equals(view.unit())) {
            units.add(view.unit());
        }
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
