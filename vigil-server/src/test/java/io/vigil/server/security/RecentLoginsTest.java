package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

class RecentLoginsTest {
    private final AtomicInteger checks = new AtomicInteger();
    private final Map<String, UserDetails> stored = new ConcurrentHashMap<>(Map.of(
            "admin", account("admin", "hash-1", true, "ROLE_ADMIN")));
    private final UserDetailsService accounts = name -> {
        UserDetails found = stored.get(name);
        if (found == null) {
            throw new UsernameNotFoundException(name);
        }
        return found;
    };
    private final AuthenticationProvider verifier = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication attempt) {
            checks.incrementAndGet();
            if (!"right".equals(attempt.getCredentials())) {
                throw new BadCredentialsException("bad");
            }
            return UsernamePasswordAuthenticationToken.authenticated(attempt.getName(), null, AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
        }

        @Override
        public boolean supports(Class<?> type) {
            return true;
        }
    };

    @Test
    void repeatedRightPassword_isCheckedOnce_withinTheWindow() {
        RecentLogins logins = new RecentLogins(verifier, accounts, fixed("2026-11-25T10:00:00Z"), Duration.ofMinutes(5));
        for (int i = 0; i < 10; i++) {
            assertThat(logins.authenticate(attempt("admin", "right")).isAuthenticated()).isTrue();
        }
        assertThat(checks).hasValue(1);
    }

    @Test
    void wrongPassword_isAlwaysChecked_andNeverRemembered() {
        RecentLogins logins = new RecentLogins(verifier, accounts, fixed("2026-11-25T10:00:00Z"), Duration.ofMinutes(5));
        logins.authenticate(attempt("admin", "right"));
        assertThatThrownBy(() -> logins.authenticate(attempt("admin", "wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> logins.authenticate(attempt("admin", "wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> logins.authenticate(attempt("clinician", "right2"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(4);
    }

    @Test
    void afterTheWindow_thePasswordIsCheckedAgain() {
        RecentLogins early = new RecentLogins(verifier, accounts, fixed("2026-11-25T10:00:00Z"), Duration.ofMinutes(5));
        early.authenticate(attempt("admin", "right"));
        assertThat(checks).hasValue(1);
        RecentLogins logins = new RecentLogins(verifier, accounts, new Clock() {
            private Instant now = Instant.parse("2026-11-25T10:00:00Z");

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant current = now;
                now = now.plus(Duration.ofMinutes(6));
                return current;
            }
        }, Duration.ofMinutes(5));
        logins.authenticate(attempt("admin", "right"));
        logins.authenticate(attempt("admin", "right"));
        assertThat(checks).hasValue(3);
    }

    private static UsernamePasswordAuthenticationToken attempt(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private static Clock fixed(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void changedPassword_disabledAccount_orNewRoles_areCheckedAgain() {
        RecentLogins logins = new RecentLogins(verifier, accounts, fixed("2026-11-25T10:00:00Z"), Duration.ofMinutes(5));
        logins.authenticate(attempt("admin", "right"));
        logins.authenticate(attempt("admin", "right"));
        assertThat(checks).hasValue(1);
        stored.put("admin", account("admin", "hash-2", true, "ROLE_ADMIN"));
        logins.authenticate(attempt("admin", "right"));
        assertThat(checks).hasValue(2);
        stored.put("admin", account("admin", "hash-2", true, "ROLE_CLINICIAN"));
        logins.authenticate(attempt("admin", "right"));
        assertThat(checks).hasValue(3);
        stored.put("admin", account("admin", "hash-2", false, "ROLE_CLINICIAN"));
        logins.authenticate(attempt("admin", "right"));
        assertThat(checks).hasValue(4);
    }

    private static UserDetails account(String name, String hash, boolean enabled, String role) {
        return User.withUsername(name).password(hash).disabled(!enabled).authorities(role).build();
    }
}
