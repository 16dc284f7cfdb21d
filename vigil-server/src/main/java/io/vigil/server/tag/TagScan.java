package io.vigil.server.tag;

import java.time.Instant;

/**
 * One line of the scan log: a tap through {@code POST /api/v1/tags/scan} or a reader, accepted or refused.
 *
 * @param uid     the UID the tap revealed, or null when it could not be read
 * @param counter the tap's read counter, or null
 * @param reader  the reader that took it, or null for a handheld
 * @param actor   who scanned: a user name or {@code device:<reader id>}
 * @param code    the refusal's code (VIGIL-17xx), or null when accepted
 */
public record TagScan(String id, Instant time, String uid, Integer counter, String reader, String actor,
                      boolean accepted, String code) {}
