package io.vigil.server.security;

import io.vigil.server.VigilProperties;
import io.vigil.server.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people who log in. Demo mode: {@code admin}, {@code clinician}, {@code caregiver} with the demo password.
 * Serve mode: {@code admin} with {@code VIGIL_ADMIN_PASSWORD} (the serve-mode checks refuse a missing or weak one).
 * Passwords are held only as Argon2id hashes.
 */
@Configuration(proxyBeanMethods = false)
class UserAccounts {

    @Bean
    InMemoryUserDetailsManager users(VigilProperties properties, PasswordEncoder encoder,
                                     @Value("${vigil.admin-password:}") String adminPassword) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (properties.isDemo()) {
            if (properties.demo().password().isBlank()) {
                throw new IllegalStateException("vigil.demo.password is empty: start the demo with ./vigil demo, which sets one");
            }
            String hash = encoder.encode(properties.demo().password());
            users.createUser(user("admin", hash, SecurityConfiguration.ADMIN));
            users.createUser(user("clinician", hash, SecurityConfiguration.CLINICIAN));
            users.createUser(user("caregiver", hash, SecurityConfiguration.CAREGIVER));
        } else if (!adminPassword.isBlank()) {
            users.createUser(user("admin", encoder.encode(adminPassword), SecurityConfiguration.ADMIN));
        }
        return users;
    }

    /**
     * Argon2id verifies passwords; a successful check is remembered briefly so scripted Basic auth stays fast; the
     * throttle around both refuses locked names and throttled addresses before either is asked.
     */
    @Bean
    AuthenticationProvider authenticationProvider(InMemoryUserDetailsManager users, PasswordEncoder encoder, Clock clock,
                                                  FailedLogins failures, AuditTrail audit) {
        DaoAuthenticationProvider verifier = new DaoAuthenticationProvider(users);
        verifier.setPasswordEncoder(encoder);
        return new LoginThrottle(new RecentLogins(verifier, clock, Duration.ofMinutes(5)), failures, audit, clock);
    }

    private static UserDetails user(String name, String hash, String role) {
        return User.withUsername(name).password(hash).roles(role).build();
    }
}
