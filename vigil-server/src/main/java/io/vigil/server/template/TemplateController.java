package io.vigil.server.template;

import io.vigil.codec.ErrorCode;
import io.vigil.codec.template.MappingTemplate;
import io.vigil.codec.template.TemplateCompilation;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.api.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mapping templates for administrators: {@code GET /api/v1/templates}, {@code GET|PUT|DELETE /api/v1/templates/{name}}.
 * A PUT body is the template itself; it is validated before it is stored, and an invalid one is answered 400 with
 * the line, column and reason. Every call is audited by the request audit (action {@code template.update} …,
 * resource id = the template's name).
 */
@RestController
@RequestMapping("/api/v1/templates")
class TemplateController {

    /** Largest template body accepted. */
    static final int MAX_BODY = 64 * 1024;

    record Summary(String name, String origin, String description, String source, String updatedBy, Instant updatedAt) {
        static Summary of(MappingTemplates.Entry entry) {
            MappingTemplate template = entry.template();
            return new Summary(template.name(), entry.origin().label(), template.description(), template.source(),
                    entry.updatedBy(), entry.updatedAt());
        }
    }

    private final MappingTemplates templates;

    TemplateController(MappingTemplates templates) {
        this.templates = templates;
    }

    @GetMapping
    List<Summary> list() {
        return templates.all().stream().map(Summary::of).toList();
    }

    /** The template's text as it was loaded. */
    @GetMapping("/{id}")
    ResponseEntity<byte[]> read(@PathVariable("id") String name) {
        MappingTemplates.Entry entry = templates.entry(name).orElseThrow(() -> ApiException.notFound("Template"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(entry.text());
    }

    @PutMapping("/{id}")
    ResponseEntity<?> store(@PathVariable("id") String name, HttpServletRequest request, Principal user) throws IOException {
        if (!MappingTemplate.validName(name)) {
            throw ApiException.invalid("name", "A template name has 1 to 64 characters from a-z, 0-9, '.', '_' and '-',"
                    + " starting with a letter or digit");
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.TEMPLATE_INVALID.code(),
                    "A template has at most " + MAX_BODY + " bytes");
        }
        return switch (templates.put(name, body, user.getName())) {
            case MappingTemplates.Change.Stored stored -> stored.created()
                    ? ResponseEntity.created(URI.create("/api/v1/templates/" + name)).body(Summary.of(stored.entry()))
                    : ResponseEntity.ok(Summary.of(stored.entry()));
            case MappingTemplates.Change.Refused refused -> refusal(refused.refusal());
            case MappingTemplates.Change.ReadOnly readOnly -> throw readOnly(name, readOnly.origin());
        };
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable("id") String name, Principal user) {
        TemplateOrigin origin = templates.delete(name, user.getName()).orElseThrow(() -> ApiException.notFound("Template"));
        if (origin != TemplateOrigin.API) {
            throw readOnly(name, origin);
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ProblemDetail> refusal(TemplateCompilation.Refused refused) {
        ResponseEntity<ProblemDetail> problem = ProblemHandler.problem(HttpStatus.BAD_REQUEST,
                ErrorCode.TEMPLATE_INVALID.code(), refused.describe(), null);
        problem.getBody().setProperty("line", refused.line());
        problem.getBody().setProperty("column", refused.column());
        problem.getBody().setProperty("reason", refused.reason());
        return problem;
    }

    private static ApiException readOnly(String name, TemplateOrigin origin) {
        String where = origin == TemplateOrigin.SHIPPED ? "ships with Vigil"
                : "is a file in the templates folder; change the file and restart";
        return new ApiException(HttpStatus.CONFLICT, ApiErrors.TEMPLATE_READ_ONLY,
                "Template " + name + " " + where + "; store yours under another name");
    }
}
