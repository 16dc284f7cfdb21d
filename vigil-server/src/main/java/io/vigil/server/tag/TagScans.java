package io.vigil.server.tag;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.codec.sun.PiccData;
import io.vigil.codec.sun.SunRefusal;
import io.vigil.codec.sun.SunResult;
import io.vigil.codec.sun.SunUrl;
import io.vigil.codec.sun.SunVerifier;
import io.vigil.codec.sun.VerifiedTap;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Verifies a tapped tag's SUN URL and decides: accepted (a registered, active tag whose MAC verifies and whose counter
 * is new) or refused — malformed, unreadable, forged/cloned (MAC), replayed (counter), unknown or revoked — each with
 * its own code. Every scan goes to the scan log; every refusal is audited as a security event. Repeated refusals of
 * one tag (or, when no tag is identified, from one caller) within {@code vigil.tags.failure-window} are audited at
 * high severity and, for a patient's wristband, raise a technical alert on that patient. A badge or asset tag has no
 * patient to carry an alert: its attack shows as the high-severity audit event and a WARN log line.
 */
@Component
public class TagScans {
    static final AlertRule REFUSED_SCANS = new AlertRule("tag-scan-refused", "tag-scan", AlertPriority.MEDIUM,
            AlertCategory.TECHNICAL);
    private static final Logger log = LoggerFactory.getLogger(TagScans.class);

    /** Who scanned, from where, through which reader (null for a handheld). */
    public record Scanner(String actor, String role, String clientAddress, String reader, String request) {}

    private final TagRegistry registry;
    private final TagStore store;
    private final AuditTrail audit;
    private final AlertConditions alerts;
    private final TagProperties properties;
    private final Clock clock;

    TagScans(TagRegistry registry, TagStore store, AuditTrail audit, AlertConditions alerts, TagProperties properties,
             Clock clock) {
        this.registry = registry;
        this.store = store;
        this.audit = audit;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
    }

    public ScanOutcome scan(String url, Scanner scanner) {
        Instant now = clock.instant();
        SunUrl sun;
        switch (SunUrl.parse(url)) {
            case SunResult.Refused<SunUrl> r -> {
                return refused(now, scanner, null, null, r.reason().code(), HttpStatus.BAD_REQUEST, r.detail());
            }
            case SunResult.Ok<SunUrl> ok -> sun = ok.value();
        }
        Identified identified = identify(sun);
        if (identified.refusal() != null) {
            SunResult.Refused<PiccData> r = identified.refusal();
            return refused(now, scanner, null, null, r.reason().code(), HttpStatus.UNPROCESSABLE_CONTENT, r.detail());
        }
        PiccData picc = identified.picc();
        if (identified.tag() == null) {
            return refused(now, scanner, picc, null, TagErrors.UNKNOWN_TAG, HttpStatus.NOT_FOUND,
                    "No registered tag has this UID");
        }
        Tag tag = identified.tag().tag();
        byte[] fileKey = registry.fileReadKey(identified.tag());
        SunResult<VerifiedTap> verified = SunVerifier.verify(sun, picc, fileKey);
        Arrays.fill(fileKey, (byte) 0);
        if (verified instanceof SunResult.Refused<VerifiedTap> r) {
            return refused(now, scanner, picc, tag, r.reason().code(), HttpStatus.FORBIDDEN,
                    "The tag's MAC does not verify: a forged or cloned tag");
        }
        if (tag.revoked()) {
            return refused(now, scanner, picc, tag, TagErrors.REVOKED, HttpStatus.FORBIDDEN, "The tag is revoked");
        }
        if (!store.advanceCounter(tag.uid(), picc.counter())) {
            return refused(now, scanner, picc, tag, TagErrors.REPLAY, HttpStatus.FORBIDDEN,
                    "The tag's read counter is not above the last accepted one: a replayed or cloned message");
        }
        TagScan scan = store.recordScan(now, tag.uid(), picc.counter(), scanner.reader(), scanner.actor(), null);
        audit.record(new AuditEvent(now, scanner.actor(), scanner.role(), "tag.scan.accepted", "tag", tag.uid(),
                tag.patient(), AuditEvent.Outcome.SUCCESS, scanner.clientAddress(), scanner.request()));
        if (tag.patient() != null) {
            alerts.report(new ConditionEvent.Cleared(REFUSED_SCANS, tag.patient(), 0, now));
        }
        log.debug("event=tag.scan_accepted uid={} counter={}", tag.uid(), picc.counter());
        return new ScanOutcome.Accepted(tag, picc.counter(), ((SunResult.Ok<VerifiedTap>) verified).value().fileData(),
                scan);
    }

    private record Identified(PiccData picc, TagStore.SealedTag tag, SunResult.Refused<PiccData> refusal) {}

    /**
     * The UID and counter, and the registered tag: in the plain form as sent; else decrypted with each profile's
     * meta-read key in turn until one yields a UID registered under that profile. Under a wrong key the tag byte is
     * random, so a refusal here cannot tell "another batch" from "counter not mirrored": both answer VIGIL-1701. And a
     * wrong key yields a well-formed tag byte about once in 256 tries — indistinguishable from an unregistered tag of
     * that batch, so such a URL answers VIGIL-1704.
     */
    private Identified identify(SunUrl sun) {
        if (sun.plain()) {
            PiccData picc = sun.plainPicc();
            return new Identified(picc, store.find(picc.uid()).orElse(null), null);
        }
        PiccData unregistered = null;
        for (TagRegistry.ProfileKeys profile : registry.metaReadKeys()) {
            SunResult<PiccData> read = SunVerifier.readPicc(sun, profile.metaReadKey());
            Arrays.fill(profile.metaReadKey(), (byte) 0);
            if (read instanceof SunResult.Ok<PiccData> ok) {
                Optional<TagStore.SealedTag> tag = store.find(ok.value().uid())
                        .filter(t -> t.tag().profile().equals(profile.id()));
                if (tag.isPresent()) {
                    return new Identified(ok.value(), tag.get(), null);
                }
                unregistered = ok.value();
            }
        }
        if (unregistered != null) {
            return new Identified(unregistered, null, null);
        }
        return new Identified(null, null, new SunResult.Refused<>(SunRefusal.PICC_UNREADABLE,
                "the PICC data decrypts to no mirrored UID and counter under any tag profile's meta-read key"));
    }

    private ScanOutcome refused(Instant now, Scanner scanner, PiccData picc, Tag tag, String code, HttpStatus status,
                                String message) {
        // The UID of an unregistered tag is kept too: it shows which foreign tag is being tried.
        String uid = picc == null ? null : picc.uid();
        TagScan scan = store.recordScan(now, uid, picc == null ? null : picc.counter(), scanner.reader(),
                scanner.actor(), code);
        int recent = store.refusedSince(uid, scanner.actor(), now.minus(properties.failureWindow()));
        boolean repeated = recent >= properties.failureThreshold();
        String patient = tag == null ? null : tag.patient();
        AuditEvent event = new AuditEvent(now, scanner.actor(), scanner.role(),
                "tag.scan.refused." + code.toLowerCase(java.util.Locale.ROOT), "tag", uid == null ? "-" : uid, patient,
                AuditEvent.Outcome.DENIED, scanner.clientAddress(), scanner.request());
        audit.record(repeated ? event.withSeverity(AuditEvent.Severity.HIGH) : event);
        log.info("event=tag.scan_refused code={} uid={} reader={} recent={}", code, uid == null ? "-" : uid,
                scanner.reader() == null ? "-" : scanner.reader(), recent);
        if (repeated) {
            log.warn("event=tag.scan_refusals_repeated uid={} actor={} count={} window={}", uid == null ? "-" : uid,
                    scanner.actor(), recent, properties.failureWindow());
            if (patient != null) {
                alerts.report(new ConditionEvent.Raised(REFUSED_SCANS, patient, recent, now));
            }
        }
        return new ScanOutcome.Refused(code, status, message, tag, scan);
    }
}
