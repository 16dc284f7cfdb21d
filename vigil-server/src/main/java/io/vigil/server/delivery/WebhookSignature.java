package io.vigil.server.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook body is signed: {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>}
 * with {@code X-Vigil-Timestamp: <unix seconds>}. A receiver recomputes it with the secret it was shown once, compares
 * in constant time, and refuses timestamps older than a few minutes (a replayed capture).
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    public static final String DELIVERY_HEADER = "X-Vigil-Delivery";
    public static final String EVENT_HEADER = "X-Vigil-Event";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: 32 random bytes, URL-safe Base64, prefixed {@code whsec_}. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The signature header's value for this body sent at this time. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether the header's value is this body's signature (constant-time comparison). */
    public static boolean verify(String secret, long timestamp, String body, String header) {
        return header != null && MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                header.getBytes(StandardCharsets.UTF_8));
    }
}
