package io.vigil.server.ingest;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/dead-letters}: refused payloads, newest first. */
@RestController
class DeadLetterController {
    private final DeadLetterStore store;

    DeadLetterController(DeadLetterStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/dead-letters")
    List<DeadLetter> list(@RequestParam(required = false) String device,
                          @RequestParam(defaultValue = "100") int limit) {
        return store.recent(device, Math.clamp(limit, 1, 1000));
    }
}
