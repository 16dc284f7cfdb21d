package io.vigil.server.access;

import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Care teams over REST ({@code /api/v1/care-teams}, administrators only): the units each covers and its members. */
@RestController
@RequestMapping("/api/v1/care-teams")
class CareTeamController {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    record CareTeamBody(String id, String name, Set<String> units, Set<String> members) {}

    private final CareTeamStore teams;

    CareTeamController(CareTeamStore teams) {
        this.teams = teams;
    }

    @PostMapping
    ResponseEntity<CareTeam> create(@RequestBody CareTeamBody body) {
        if (body.id() == null || !ID.matcher(body.id()).matches()) {
            throw ApiException.invalid("id", "The care team id must be 1 to 64 characters of A-Z, a-z, 0-9 and . _ -");
        }
        if (teams.find(body.id()).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT,
                    "A care team with this id exists already", "id");
        }
        CareTeam saved = teams.save(team(body.id(), body));
        return ResponseEntity.created(URI.create("/api/v1/care-teams/" + saved.id())).body(saved);
    }

    @GetMapping
    List<CareTeam> list() {
        return teams.all();
    }

    @GetMapping("/{id}")
    CareTeam show(@PathVariable String id) {
        return teams.find(id).orElseThrow(() -> ApiException.notFound("Care team"));
    }

    /** Replaces the team's name, units and members. */
    @PutMapping("/{id}")
    CareTeam replace(@PathVariable String id, @RequestBody CareTeamBody body) {
        teams.find(id).orElseThrow(() -> ApiException.notFound("Care team"));
        return teams.save(team(id, body));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!teams.delete(id)) {
            throw ApiException.notFound("Care team");
        }
        return ResponseEntity.noContent().build();
    }

    private static CareTeam team(String id, CareTeamBody body) {
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            throw ApiException.invalid("name", "A care team needs a name of at most 200 characters");
        }
        Set<String> units = body.units() == null ? Set.of() : body.units();
        if (units.stream().anyMatch(u -> u == null || u.isBlank() || u.length() > 64)) {
            throw ApiException.invalid("units", "Each unit must be 1 to 64 characters");
        }
        return new CareTeam(id, body.name(), units, body.members() == null ? Set.of() : body.members());
    }
}
