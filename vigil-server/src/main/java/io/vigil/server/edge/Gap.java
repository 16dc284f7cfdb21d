package io.vigil.server.edge;

import java.time.Instant;

/**
 * A time range without timely data, and why.
 *
 * @param gateway  the edge gateway it happened at
 * @param kind     {@code uplink-down} (the edge could not reach its upstream: readings were held and back-filled
 *                 later; patient null = every patient at that edge), {@code dropped} (readings discarded to keep
 *                 the outbox within its bound), {@code refused} (the upstream would not store them)
 * @param endsAt   null while it lasts
 * @param readings how many readings it concerns (held for back-fill, dropped, refused)
 */
public record Gap(String id, String gateway, String kind, String patient, Instant startsAt, Instant endsAt,
                  long readings, String reason) {
    static final String UPLINK_DOWN = "uplink-down";
    static final String DROPPED = "dropped";
    static final String REFUSED = "refused";
    static final java.util.Set<String> KINDS = java.util.Set.of(UPLINK_DOWN, DROPPED, REFUSED);
}
