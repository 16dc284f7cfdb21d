package io.vigil.server.web;

import io.vigil.server.audit.RequestAudit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The ward page's data for scripts and the page itself: {@code GET /api/v1/ward?unit=} (the snapshot) and
 * {@code GET /api/v1/stream/ward?unit=} (server-sent events: {@code ward} snapshot, then {@code vitals} and
 * {@code unattributed} updates). {@code unit} defaults to {@code ward-a} (or {@code all} for a caller who may not
 * open it); {@code all} shows every patient the caller may see. Only the caller's units may be opened — any other
 * answers 404 — and every tile and update is limited to the caller's patients.
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
    WardView ward(@RequestParam(name = "unit", required = false) String unit, Authentication caller,
                  HttpServletRequest request) {
        WardViewer viewer = board.viewer(caller);
        String shown = WardBoard.unitFor(viewer, unit);
        request.setAttribute(RequestAudit.UNIT_ATTRIBUTE, shown);
        return board.view(shown, viewer);
    }

    // No 'produces': a refusal (429, 400) must still be answered as problem+json.
    @GetMapping("/stream/ward")
    SseEmitter stream(@RequestParam(name = "unit", required = false) String unit, Authentication caller,
                      HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String shown = WardBoard.unitFor(board.viewer(caller), unit);
        request.setAttribute(RequestAudit.UNIT_ATTRIBUTE, shown);
        return stream.open(caller, session == null ? null : session.getId(), shown);
    }
}
