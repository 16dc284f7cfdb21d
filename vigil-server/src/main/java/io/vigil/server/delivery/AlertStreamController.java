package io.vigil.server.delivery;

import io.vigil.server.access.PatientAccess;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/alerts/stream}: the caller's alert changes as server-sent events ({@link AlertStream}). */
@RestController
class AlertStreamController {
    private final AlertStream stream;
    private final PatientAccess access;

    AlertStreamController(AlertStream stream, PatientAccess access) {
        this.stream = stream;
        this.access = access;
    }

    @GetMapping(path = "/api/v1/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(required = false) String patient, @RequestParam(required = false) String minPriority,
                      @RequestParam(defaultValue = "false") boolean subscribed, Authentication caller) {
        if (patient != null) {
            access.requireVisible(patient);
        }
        return stream.open(caller, new AlertStream.Filter(patient, WebhookController.priority(minPriority), subscribed));
    }
}
