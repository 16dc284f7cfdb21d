package io.vigil.server.note;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clinical notes over REST: {@code /api/v1/patients/{id}/notes}. Read by whoever sees the patient's clinical data,
 * written by clinicians (the security configuration); another patient's notes are answered 404.
 */
@RestController
@RequestMapping("/api/v1/patients/{id}/notes")
class ClinicalNoteController {
    private static final Logger log = LoggerFactory.getLogger(ClinicalNoteController.class);
    static final int LONGEST_NOTE = 4000;

    record NoteBody(String text) {}

    private final ClinicalNoteStore notes;
    private final PatientAccess access;

    ClinicalNoteController(ClinicalNoteStore notes, PatientAccess access) {
        this.notes = notes;
        this.access = access;
    }

    @GetMapping
    List<ClinicalNote> list(@PathVariable String id) {
        access.requireVisible(id);
        return notes.forPatient(id);
    }

    @PostMapping
    ResponseEntity<ClinicalNote> write(@PathVariable String id, @RequestBody(required = false) NoteBody body, Principal author) {
        access.requireVisible(id);
        String text = body == null || body.text() == null ? "" : body.text().strip();
        if (text.isEmpty() || text.length() > LONGEST_NOTE) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.NOTE_INVALID,
                    "A note has 1 to " + LONGEST_NOTE + " characters", "text");
        }
        ClinicalNote note = notes.add(id, author.getName(), text);
        log.info("event=note.written patient={} note={} by={}", id, note.id(), author.getName());
        return ResponseEntity.created(URI.create("/api/v1/patients/" + id + "/notes/" + note.id())).body(note);
    }
}
