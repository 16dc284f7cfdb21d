package io.vigil.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainWalkTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void intactChain_noBreak_countsEveryRow() {
        ChainWalk walk = walk(chain(4));

        assertThat(walk.firstBreak()).isNull();
        assertThat(walk.events()).isEqualTo(4);
    }

    @Test
    void emptyChain_isIntact() {
        assertThat(walk(List.of()).firstBreak()).isNull();
    }

    @Test
    void editedField_breaksAtThatRow_hashMismatch() {
        List<AuditRecord> rows = chain(4);
        AuditRecord edited = rows.get(2);
        rows.set(2, new AuditRecord(edited.id(), edited.event().withSeverity(AuditEvent.Severity.HIGH),
                edited.previousHash(), edited.hash()));

        ChainWalk walk = walk(rows);

        assertThat(walk.firstBreak().id()).isEqualTo(3);
        assertThat(walk.firstBreak().reason()).isEqualTo(ChainWalk.Reason.HASH_MISMATCH);
        assertThat(walk.events()).isEqualTo(4);
    }

    @Test
    void deletedRow_breaksAtTheNextRow_gapNamingTheMissingId() {
        List<AuditRecord> rows = chain(4);
        rows.remove(1);

        ChainWalk.Break broken = walk(rows).firstBreak();

        assertThat(broken.id()).isEqualTo(3);
        assertThat(broken.reason()).isEqualTo(ChainWalk.Reason.GAP);
        assertThat(broken.describe()).contains("event 2 is missing");
    }

    @Test
    void deletedFirstRow_isAGapToo() {
        List<AuditRecord> rows = chain(3);
        rows.removeFirst();

        assertThat(walk(rows).firstBreak().id()).isEqualTo(2);
    }

    @Test
    void rowReplacedByAWellHashedOne_breaksAtThatRow_previousHashMismatch() {
        List<AuditRecord> rows = chain(3);
        AuditEvent forged = event(9);
        String hash = AuditChain.hash("e".repeat(64), 2, forged);
        rows.set(1, new AuditRecord(2, forged, "e".repeat(64), hash));

        ChainWalk.Break broken = walk(rows).firstBreak();

        assertThat(broken.id()).isEqualTo(2);
        assertThat(broken.reason()).isEqualTo(ChainWalk.Reason.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void legacyRowsWithoutSeverity_thenNewRows_verify() {
        List<AuditRecord> rows = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int id = 1; id <= 4; id++) {
            AuditEvent event = id <= 2 ? event(id).withSeverity(null) : event(id);
            String hash = AuditChain.hash(previous, id, event);
            rows.add(new AuditRecord(id, event, previous, hash));
            previous = hash;
        }

        assertThat(walk(rows).firstBreak()).isNull();
    }

    private static ChainWalk walk(List<AuditRecord> rows) {
        ChainWalk walk = new ChainWalk();
        rows.forEach(walk::next);
        return walk;
    }

    private static List<AuditRecord> chain(int n) {
        List<AuditRecord> rows = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int id = 1; id <= n; id++) {
            AuditEvent event = event(id);
            String hash = AuditChain.hash(previous, id, event);
            rows.add(new AuditRecord(id, event, previous, hash));
            previous = hash;
        }
        return rows;
    }

    private static AuditEvent event(int n) {
        return new AuditEvent(T0.plusSeconds(n), "clinician", "clinician", "patient.read", "patient", "p-" + n, "p-" + n,
                AuditEvent.Outcome.SUCCESS, "127.0.0.1", "GET /api/v1/patients/{id}");
    }
}
