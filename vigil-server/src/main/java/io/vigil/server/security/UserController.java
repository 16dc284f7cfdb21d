package io.vigil.server.security;

import io.vigil.server.access.CareTeamStore;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** User accounts over REST ({@code /api/v1/users}, administrators only). Passwords go in, never come out. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");

    record UserBody(String username, String displayName, String password, List<String> roles, Boolean enabled) {}

    record UserView(String username, String displayName, List<String> roles, boolean enabled, boolean passwordLogin,
                    List<String> careTeams) {}

    private final UserStore users;
    private final CareTeamStore teams;
    private final PasswordEncoder encoder;

    UserController(UserStore users, CareTeamStore teams, PasswordEncoder encoder) {
        this.users = users;
        this.teams = teams;
        this.encoder = encoder;
    }

    @PostMapping
    ResponseEntity<UserView> create(@RequestBody UserBody body) {
        String username = body.username() == null ? "" : body.username();
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.invalid("username", "The user name must be 2 to 100 characters of a-z, 0-9 and . _ @ -, starting with a letter or digit");
        }
        Set<Role> roles = roles(body.roles());
        if (roles.isEmpty()) {
            throw ApiException.invalid("roles", "A user needs at least one role: admin, clinician, caregiver or integration");
        }
        String hash = null;
        if (body.password() != null) {
            PasswordPolicy.check(username, body.password());
            hash = encoder.encode(body.password());
        }
        if (!users.create(username, body.displayName(), hash, roles)) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT, "A user with this name exists already", "username");
        }
        return ResponseEntity.created(URI.create("/api/v1/users/" + username)).body(view(username));
    }

    @GetMapping
    List<UserView> list() {
        return users.all().stream().map(a -> view(a.username())).toList();
    }

    @GetMapping("/{username}")
    UserView show(@PathVariable String username) {
        return view(username);
    }

    /** Changes what the body names: display name, password, roles, enabled. */
    @PatchMapping("/{username}")
    UserView change(@PathVariable String username, @RequestBody UserBody body) {
        if (!users.exists(username)) {
            throw ApiException.notFound("User");
        }
        Set<Role> roles = body.roles() == null ? null : roles(body.roles());
        if (roles != null && roles.isEmpty()) {
            throw ApiException.invalid("roles", "A user needs at least one role");
        }
        String hash = null;
        if (body.password() != null) {
            PasswordPolicy.check(username, body.password());
            hash = encoder.encode(body.password());
        }
        users.update(username, body.displayName(), hash, roles, body.enabled());
        return view(username);
    }

    private UserView view(String username) {
        UserStore.Account account = users.find(username).orElseThrow(() -> ApiException.notFound("User"));
        return new UserView(account.username(), account.displayName(), account.roles().stream().map(Role::key).toList(),
                account.enabled(), account.hasPassword(), teams.teamsOf(username));
    }

    private static Set<Role> roles(List<String> keys) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String key : keys == null ? List.<String>of() : keys) {
            try {
                roles.add(Role.fromKey(key));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("roles", "Unknown role; the roles are admin, clinician, caregiver and integration");
            }
        }
        return roles;
    }
}
