package io.vigil.server.security;

import io.vigil.server.VigilProperties;
import io.vigil.server.access.CareTeam;
import io.vigil.server.access.CareTeamStore;
import io.vigil.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The people who log in, kept in the database ({@link UserStore}). At start:
 * <ul>
 *   <li>demo mode: {@code admin}, {@code clinician} (on the care teams of {@code ward-a} and {@code home}) and
 *       {@code caregiver} (the demo ward shares one patient with them), all with the demo password;</li>
 *   <li>serve mode: {@code admin} with {@code VIGIL_ADMIN_PASSWORD} when it is set (the serve-mode checks refuse a
 *       missing or weak one); everyone else is created through {@code /api/v1/users}.</li>
 * </ul>
 * Passwords are held only as Argon2id hashes.
 */
@Configuration(proxyBeanMethods = false)
class UserAccounts {
    static final String DEMO_CLINICIAN = "clinician";
    static final Set<CareTeam> DEMO_TEAMS = Set.of(
            new CareTeam("ward-a-team", "Ward A nursing and medical team", Set.of("ward-a"), Set.of(DEMO_CLINICIAN)),
            new CareTeam("home-team", "Remote monitoring team", Set.of("home"), Set.of(DEMO_CLINICIAN)));

    @Bean
    ProvisionedUsers provisionedUsers(UserStore users, CareTeamStore teams, VigilProperties properties, PasswordEncoder encoder,
                                      @Value("${vigil.admin-password:}") String adminPassword) {
        if (properties.isDemo()) {
            if (properties.demo().password().isBlank()) {
                throw new IllegalStateException("vigil.demo.password is empty: start the demo with ./vigil demo, which sets one");
            }
            String hash = encoder.encode(properties.demo().password());
            users.provision("admin", hash, Set.of(Role.ADMIN));
            users.provision(DEMO_CLINICIAN, hash, Set.of(Role.CLINICIAN));
            users.provision("caregiver", hash, Set.of(Role.CAREGIVER));
            DEMO_TEAMS.forEach(teams::save);
        } else if (!adminPassword.isBlank()) {
            users.provision("admin", encoder.encode(adminPassword), Set.of(Role.ADMIN));
        }
        return new ProvisionedUsers();
    }

    /**
     * Argon2id verifies passwords; a successful check is remembered briefly so scripted Basic auth stays fast; the
     * throttle around both refuses locked names and throttled addresses before either is asked.
     */
    @Bean
    AuthenticationProvider authenticationProvider(UserStore users, PasswordEncoder encoder, Clock clock, ProvisionedUsers provisioned,
                                                  FailedLogins failures, AuditTrail audit) {
        DaoAuthenticationProvider verifier = new DaoAuthenticationProvider(users);
        verifier.setPasswordEncoder(encoder);
        return new LoginThrottle(new RecentLogins(verifier, users, clock, Duration.ofMinutes(5)), failures, audit, clock);
    }

    /** Marks that the start-up accounts exist before anyone can log in. */
    record ProvisionedUsers() {}
}
