package io.vigil.server.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * FHIR ids for things Vigil names more freely (user names may hold {@code @} and {@code _}, and reach 100
 * characters; FHIR ids are 1–64 of {@code A-Z a-z 0-9 - .}): the name itself when it is a valid FHIR id, otherwise
 * {@code -} and the first 40 hex digits of its SHA-256. Vigil's names start with a letter or digit, so the two forms
 * never meet; the identifier of the resource always carries the name itself.
 */
final class LogicalIds {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private LogicalIds() {
    }

    static String of(String name) {
        if (FHIR_ID.matcher(name).matches()) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "-" + HexFormat.of().formatHex(digest).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
