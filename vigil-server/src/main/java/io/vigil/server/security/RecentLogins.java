package io.vigil.server.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Scripts send HTTP Basic on every request, and an Argon2id check costs tens of milliseconds by design. This
 * remembers a successful check for a few minutes, keyed by the user and an HMAC of the password under a key
 * that lives only in this process — so a repeated request skips the hash, a wrong password never matches, and
 * no password is kept. A remembered login is used only while the account is unchanged: the (cheap) account lookup
 * is repeated, and a new password, changed roles or a disabled account sends the request to the full check.
 */
final class RecentLogins implements AuthenticationProvider {
    private static final int MAX_ENTRIES = 10_000;

    private record Remembered(Authentication authentication, Instant until, UserDetails account) {}

    private final AuthenticationProvider verifier;
    private final UserDetailsService accounts;
    private final Clock clock;
    private final Duration ttl;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    RecentLogins(AuthenticationProvider verifier, UserDetailsService accounts, Clock clock, Duration ttl) {
        this.verifier = verifier;
        this.accounts = accounts;
        this.clock = clock;
        this.ttl = ttl;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        if (!(attempt.getCredentials() instanceof String password)) {
            return verifier.authenticate(attempt);
        }
        String fingerprint = attempt.getName() + '\u0000' + hmac(password);
        Instant now = clock.instant();
        Remembered known = remembered.get(fingerprint);
        if (known != null && now.isBefore(known.until()) && unchanged(known.account())) {
            return known.authentication();
        }
        Authentication verified = verifier.authenticate(attempt);
        UserDetails account = verified != null && verified.isAuthenticated() ? account(attempt.getName()) : null;
        if (account != null) {
            if (remembered.size() >= MAX_ENTRIES) {
                remembered.values().removeIf(r -> !now.isBefore(r.until()));
            }
            if (remembered.size() < MAX_ENTRIES) {
                remembered.put(fingerprint, new Remembered(verified, now.plus(ttl), account));
            }
        }
        return verified;
    }

    private boolean unchanged(UserDetails before) {
        UserDetails now = account(before.getUsername());
        return now != null && now.isEnabled() && before.isEnabled() && now.getPassword().equals(before.getPassword())
                && now.getAuthorities().equals(before.getAuthorities());
    }

    private UserDetails account(String username) {
        try {
            return accounts.loadUserByUsername(username);
        } catch (UsernameNotFoundException gone) {
            return null;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String hmac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
