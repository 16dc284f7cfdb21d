package io.vigil.server.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The people who log in with a password (Argon2id hashes only) and their roles, in the database. */
@Repository
public class UserStore implements UserDetailsService {
    /** A user as the API shows it: never the hash. */
    public record Account(String username, String displayName, Set<Role> roles, boolean enabled, boolean hasPassword) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    UserStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        record Row(String hash, boolean enabled) {}
        Row row = jdbc.query("SELECT password_hash, enabled FROM app_user WHERE username = ?",
                        (rs, n) -> new Row(rs.getString(1), rs.getBoolean(2)), username).stream().findFirst()
                .filter(r -> r.hash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("no password login for this user"));
        return User.withUsername(username).password(row.hash()).disabled(!row.enabled())
                .authorities(rolesOf(username).stream().map(Role::authority).toArray(String[]::new)).build();
    }

    public Optional<Account> find(String username) {
        return jdbc.query("SELECT username, display_name, enabled, password_hash FROM app_user WHERE username = ?",
                (rs, n) -> new Account(rs.getString(1), rs.getString(2), rolesOf(username), rs.getBoolean(3),
                        rs.getString(4) != null), username).stream().findFirst();
    }

    public List<Account> all() {
        return jdbc.queryForList("SELECT username FROM app_user ORDER BY username", String.class).stream()
                .map(name -> find(name).orElseThrow()).toList();
    }

    public boolean exists(String username) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, username) > 0;
    }

    /** Creates the user; false when the name is taken. */
    @Transactional
    public boolean create(String username, String displayName, String passwordHash, Set<Role> roles) {
        if (exists(username)) {
            return false;
        }
        jdbc.update("INSERT INTO app_user (username, display_name, password_hash, enabled, created_at) VALUES (?, ?, ?, ?, ?)",
                username, displayName, passwordHash, true, Timestamp.from(clock.instant()));
        replaceRoles(username, roles);
        return true;
    }

    /** Creates the user or sets its password hash and roles, enabling it (demo users, the bootstrap admin). */
    @Transactional
    public void provision(String username, String passwordHash, Set<Role> roles) {
        if (!create(username, null, passwordHash, roles)) {
            jdbc.update("UPDATE app_user SET password_hash = ?, enabled = ? WHERE username = ?", passwordHash, true, username);
            replaceRoles(username, roles);
        }
    }

    @Transactional
    public void update(String username, String displayName, String passwordHash, Set<Role> roles, Boolean enabled) {
        if (displayName != null) {
            jdbc.update("UPDATE app_user SET display_name = ? WHERE username = ?", displayName, username);
        }
        if (passwordHash != null) {
            jdbc.update("UPDATE app_user SET password_hash = ? WHERE username = ?", passwordHash, username);
        }
        if (enabled != null) {
            jdbc.update("UPDATE app_user SET enabled = ? WHERE username = ?", enabled, username);
        }
        if (roles != null) {
            replaceRoles(username, roles);
        }
    }

    /** Whether the user holds this role (and is enabled). */
    public boolean holds(String username, Role role) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM app_user u JOIN app_user_role r ON r.username = u.username "
                + "WHERE u.username = ? AND r.role = ? AND u.enabled = TRUE", Integer.class, username, role.key()) > 0;
    }

    private void replaceRoles(String username, Set<Role> roles) {
        jdbc.update("DELETE FROM app_user_role WHERE username = ?", username);
        for (Role role : roles) {
            jdbc.update("INSERT INTO app_user_role (username, role) VALUES (?, ?)", username, role.key());
        }
    }

    private Set<Role> rolesOf(String username) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.queryForList("SELECT role FROM app_user_role WHERE username = ?", String.class, username)
                .forEach(key -> roles.add(Role.fromKey(key)));
        return new TreeSet<>(roles);
    }
}
