package io.vigil.server.tag;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tag profiles and tags (administrators; keys go in, never come out) and scans of tapped tags
 * ({@code POST /api/v1/tags/scan}: clinicians and administrators with a handheld; readers use their own endpoint).
 */
@RestController
@RequestMapping("/api/v1")
class TagController {

    record ScanRequest(String url, String reader) {}

    private final TagRegistry registry;
    private final TagScans scans;
    private final TagStore store;
    private final PatientAccess access;

    TagController(TagRegistry registry, TagScans scans, TagStore store, PatientAccess access) {
        this.registry = registry;
        this.scans = scans;
        this.store = store;
        this.access = access;
    }

    @PostMapping("/tag-profiles")
    ResponseEntity<Map<String, Object>> registerProfile(@RequestBody TagRegistry.ProfileRequest body) {
        registry.registerProfile(body);
        return ResponseEntity.created(URI.create("/api/v1/tag-profiles/" + body.id())).body(Map.of("id", body.id()));
    }

    @PostMapping("/tags")
    ResponseEntity<Tag> registerTag(@RequestBody TagRegistry.TagRequest body) {
        Tag tag = registry.registerTag(body);
        return ResponseEntity.created(URI.create("/api/v1/tags/" + tag.uid())).body(tag);
    }

    @GetMapping("/tags")
    List<Tag> tags() {
        return registry.tags();
    }

    @GetMapping("/tags/{uid}")
    Tag tag(@PathVariable String uid) {
        return registry.find(TagRegistry.uid(uid)).orElseThrow(() -> ApiException.notFound("Tag"));
    }

    @PostMapping("/tags/{uid}/revoke")
    Tag revoke(@PathVariable String uid) {
        registry.revoke(uid);
        return tag(uid);
    }

    /** The scan log, newest first: accepted and refused scans with their codes. */
    @GetMapping("/tag-scans")
    List<TagScan> scanLog(@RequestParam(required = false) String uid,
                                @RequestParam(defaultValue = "100") int limit) {
        return store.scans(uid == null ? null : TagRegistry.uid(uid), Math.clamp(limit, 1, 1000));
    }

    @PostMapping("/tags/scan")
    Map<String, Object> scan(@RequestBody ScanRequest body, Authentication caller, HttpServletRequest request) {
        TagScans.Scanner scanner = new TagScans.Scanner(caller.getName(), role(caller), request.getRemoteAddr(),
                body.reader(), "POST /api/v1/tags/scan");
        return switch (scans.scan(body.url(), scanner)) {
            case ScanOutcome.Accepted accepted -> answer(accepted, caller);
            case ScanOutcome.Refused refused -> throw new ApiException(refused.status(), refused.code(), refused.message());
        };
    }

    /** Who or what the tag is; a wristband's patient only for a caller who may see that patient's registration. */
    private Map<String, Object> answer(ScanOutcome.Accepted accepted, Authentication caller) {
        Tag tag = accepted.tag();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("scan", accepted.scan().id());
        answer.put("uid", tag.uid());
        answer.put("counter", accepted.counter());
        answer.put("kind", tag.kind());
        if (tag.patient() != null && access.canSeeRegistration(caller, tag.patient())) {
            answer.put("patient", tag.patient());
        }
        if (tag.practitioner() != null) {
            answer.put("practitioner", tag.practitioner());
        }
        if (tag.asset() != null) {
            answer.put("asset", tag.asset());
            answer.put("assetType", tag.assetType());
        }
        if (accepted.fileData().length > 0) {
            answer.put("fileData", HexFormat.of().withUpperCase().formatHex(accepted.fileData()));
        }
        answer.put("time", accepted.scan().time());
        return answer;
    }

    static String role(Authentication caller) {
        return caller.getAuthorities().stream().map(a -> a.getAuthority())
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5).toLowerCase(java.util.Locale.ROOT))
                .findFirst().orElse(null);
    }
}
