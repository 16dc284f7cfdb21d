package io.vigil.server.web;

import io.vigil.server.audit.RequestAudit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The ward page's data for scripts and the page itself: {@code GET /api/v1/ward?unit=} (the snapshot) and
 * {@code GET /api/v1/stream/ward?unit=} (server-sent events: {@code ward} snapshot, then {@code vitals} and
 * {@code unattributed} updates). {@code unit} defaults to {@code ward-a}; {@code all} shows every patient.
 */
@RestController
@RequestMapping("/api/v1")
class WardApiController {
    private final WardBoard board;
    private final WardStream stream;

    WardApiController(WardBoard board, WardStream stream) {
        this.board = board;
        this.stream = stream;
    }

    @GetMapping("/ward")
    WardView ward(@RequestParam(name = "unit", required = false) String unit, HttpServletRequest request) {
        String checked = WardBoard.checkedUnit(unit);
        request.setAttribute(RequestAudit.UNIT_ATTRIBUTE, checked);
        return board.view(checked);
    }

    // No 'produces': a refusal (429, 400) must still be answered as problem+json.
    @GetMapping("/stream/ward")
    SseEmitter stream(@RequestParam(name = "unit", required = false) String unit, Principal user, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String checked = WardBoard.checkedUnit(unit);
        request.setAttribute(RequestAudit.UNIT_ATTRIBUTE, checked);
        return stream.open(user.getName(), session == null ? null : session.getId(), checked);
    }
}
