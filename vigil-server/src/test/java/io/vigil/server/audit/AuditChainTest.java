package io.vigil.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final AuditEvent READ = new AuditEvent(Instant.parse("2026-11-25T10:15:30.123Z"), "clinician",
            "clinician", "patient.read", "patient", "p-1", "p-1", AuditEvent.Outcome.SUCCESS, "127.0.0.1",
            "GET /api/v1/patients/{id}", null);
    private static final String CANONICAL_FIELDS = "1:7" + "24:2026-11-25T10:15:30.123Z" + "9:clinician" + "9:clinician"
            + "12:patient.read" + "7:patient" + "3:p-1" + "3:p-1" + "7:success" + "9:127.0.0.1"
            + "25:GET /api/v1/patients/{id}";

    @Test
    void hash_eventWithSeverity_coversTheSeverityAfterTheOtherFields() throws Exception {
        String expected = sha256(AuditChain.GENESIS + CANONICAL_FIELDS + "6:medium");

        assertThat(AuditChain.hash(AuditChain.GENESIS, 7, READ.withSeverity(AuditEvent.Severity.MEDIUM))).isEqualTo(expected);
    }

    @Test
    void hash_severityChanged_differs() {
        assertThat(AuditChain.hash(AuditChain.GENESIS, 7, READ.withSeverity(AuditEvent.Severity.LOW)))
                .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 7, READ.withSeverity(AuditEvent.Severity.HIGH)))
                .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 7, READ));
    }

    @Test
    void newEvent_getsTheSeverityOfItsOutcome() {
        AuditEvent refused = new AuditEvent(READ.time(), "caregiver", "caregiver", "audit.search", "audit", null, null,
                AuditEvent.Outcome.DENIED, null, "GET /api/v1/audit");
        AuditEvent read = new AuditEvent(READ.time(), "clinician", "clinician", "patient.read", "patient", "p-1", "p-1",
                AuditEvent.Outcome.SUCCESS, null, "GET /api/v1/patients/{id}");

        assertThat(refused.severity()).isEqualTo(AuditEvent.Severity.MEDIUM);
        assertThat(read.severity()).isEqualTo(AuditEvent.Severity.LOW);
    }

    /** Rows stored before V6 have no severity: their hash is the one they were written with. */
    @Test
    void hash_legacyEventWithoutSeverity_isSha256OfPreviousHashAndLengthPrefixedFields() throws Exception {
        String expected = sha256(AuditChain.GENESIS + CANONICAL_FIELDS);

        assertThat(AuditChain.hash(AuditChain.GENESIS, 7, READ)).isEqualTo(expected);
    }

    @Test
    void hash_fieldsShiftedBetweenNeighbours_differs() {
        AuditEvent shifted = new AuditEvent(READ.time(), "clinicianclinician", null, READ.action(), READ.resourceType(),
                READ.resourceId(), READ.patientId(), READ.outcome(), READ.clientAddress(), READ.request(), null);

        assertThat(AuditChain.hash(AuditChain.GENESIS, 7, shifted)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 7, READ));
    }

    @Test
    void hash_otherPreviousHash_differs() {
        assertThat(AuditChain.hash("f".repeat(64), 7, READ)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 7, READ));
    }

    private static String sha256(String canonical) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
