package io.vigil.server.security;

import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * What a password must be (OWASP ASVS 2.1): at least 12 characters, at most 128, not one of the well-known
 * defaults, and not containing the user name. No composition rules (ASVS 2.1.9).
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final Set<String> KNOWN = Set.of("password1234", "123456789012", "changeme1234", "administrator",
            "passwordpassword", "qwertyuiop12", "vigilvigilvigil", "letmeinletmein", "welcome12345");

    private PasswordPolicy() {
    }

    static void check(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw weak("The password must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (KNOWN.contains(lower) || lower.chars().distinct().count() < 4) {
            throw weak("The password is too easy to guess");
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw weak("The password must not contain the user name");
        }
    }

    private static ApiException weak(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.WEAK_PASSWORD, message, "password");
    }
}
