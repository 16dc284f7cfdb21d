package io.vigil.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.WardFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil audit verify|export} through its real entry point, on the database a running Vigil wrote: events
 * appended by the real {@link AuditTrail}, then one stored row tampered with by SQL — verify must name that row.
 * Each test restores what it tampered with, so the chain is whole again for the next. Subclasses pick H2 or
 * PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
abstract class AuditCommandContract {
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {}

    @Test
    void verify_untamperedChain_isIntact() {
        List<Long> ids = recordEvents(5);

        Run run = audit("verify");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Chain intact.").contains(count() + " events checked");
        assertThat(count()).isGreaterThanOrEqualTo(ids.size());
    }

    @Test
    void verify_fieldChangedInOneRow_failsAtThatRowWithHashMismatch() {
        long id = recordEvents(5).get(2);

        Run run = verifyTampered(id, "actor", "someone-else");

        assertThat(run.out()).contains("Chain BROKEN at event " + id + " (" + time(id) + "): hash-mismatch");
        assertThat(audit("verify").exitCode()).isZero();
    }

    @Test
    void verify_hashChangedInOneRow_failsAtThatRow() {
        long id = recordEvents(5).get(1);

        Run run = verifyTampered(id, "hash", "f".repeat(64));

        assertThat(run.out()).contains("Chain BROKEN at event " + id + " ").contains("hash-mismatch");
    }

    @Test
    void verify_previousHashChangedInOneRow_failsAtThatRowWithPreviousHashMismatch() {
        long id = recordEvents(5).get(3);

        Run run = verifyTampered(id, "previous_hash", "0".repeat(64));

        assertThat(run.out()).contains("Chain BROKEN at event " + id + " ").contains("previous-hash-mismatch");
    }

    @Test
    void verify_severityChangedOnANewRow_failsAtThatRow() {
        long id = recordEvents(3).get(1);

        Run run = verifyTampered(id, "severity", "high");

        assertThat(run.out()).contains("Chain BROKEN at event " + id + " ").contains("hash-mismatch");
    }

    @Test
    void verify_rowDeleted_failsAtTheNextRowNamingTheMissingOne() {
        long id = recordEvents(5).get(2);
        AuditRecord deleted = trail.find(id).orElseThrow();
        jdbc.update("DELETE FROM audit_event WHERE id = ?", id);
        try {
            Run run = audit("verify");

            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            assertThat(run.out()).contains("Chain BROKEN at event " + (id + 1) + " ").contains("gap")
                    .contains("event " + id + " is missing");
        } finally {
            jdbc.update(AuditRows.INSERT, AuditRows.values(deleted.id(), deleted.event(), deleted.previousHash(),
                    deleted.hash()));
        }
        assertThat(audit("verify").exitCode()).isZero();
    }

    @Test
    void verify_restAnswer_agreesWithTheCommand() {
        long id = recordEvents(3).get(0);
        jdbc.update("UPDATE audit_event SET action = 'patient.delete' WHERE id = ?", id);
        try {
            AuditTrail.Verification verification = trail.verify();

            assertThat(verification.brokenAt()).isEqualTo(id);
            assertThat(verification.reason()).isEqualTo("hash-mismatch");
        } finally {
            jdbc.update("UPDATE audit_event SET action = 'patient.read' WHERE id = ?", id);
        }
    }

    @Test
    void export_everyEventAsOneJsonLine_inChainOrder_withHashesThatRecompute() throws IOException {
        recordEvents(4);
        Path file = temp.resolve("audit.ndjson");

        Run run = audit("export", "--out", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize((int) count());
        assertThat(run.err()).contains("Exported " + lines.size() + " audit events");
        String previous = AuditChain.GENESIS;
        long lastId = 0;
        for (String line : lines) {
            JsonNode json = JsonMapper.shared().readTree(line);
            assertThat(json.get("id").asLong()).isGreaterThan(lastId);
            assertThat(json.get("previousHash").asString()).isEqualTo(previous);
            assertThat(json.get("hash").asString()).matches("[0-9a-f]{64}")
                    .isEqualTo(AuditChain.hash(previous, json.get("id").asLong(), event(json)));
            previous = json.get("hash").asString();
            lastId = json.get("id").asLong();
        }
    }

    @Test
    void export_fromTo_onlyEventsInTheWindow_toStandardOutput() {
        String actor = "window-" + UUID.randomUUID().toString().substring(0, 8);
        for (String time : List.of("2020-03-01T09:59:59.999Z", "2020-03-01T10:00:00Z", "2020-03-01T23:59:00Z",
                "2020-03-02T00:00:00Z")) {
            trail.record(new AuditEvent(Instant.parse(time), actor, "clinician", "patient.read", "patient", "p-w",
                    "p-w", AuditEvent.Outcome.SUCCESS, "127.0.0.1", "GET /api/v1/patients/{id}"));
        }
        trail.write();

        Run run = audit("export", "--from", "2020-03-01T10:00:00Z", "--to", "2020-03-01");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> times = run.out().lines().map(line -> JsonMapper.shared().readTree(line))
                .filter(json -> actor.equals(json.get("actor").asString())).map(json -> json.get("time").asString()).toList();
        assertThat(times).containsExactly("2020-03-01T10:00:00Z", "2020-03-01T23:59:00Z");
    }

    /** Sets one column of one row, runs verify (which must fail), and puts the column back. */
    private Run verifyTampered(long id, String column, String value) {
        String original = jdbc.queryForObject("SELECT " + column + " FROM audit_event WHERE id = ?", String.class, id);
        jdbc.update("UPDATE audit_event SET " + column + " = ? WHERE id = ?", value, id);
        try {
            Run run = audit("verify");
            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            return run;
        } finally {
            jdbc.update("UPDATE audit_event SET " + column + " = ? WHERE id = ?", original, id);
        }
    }

    private List<Long> recordEvents(int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            trail.record(new AuditEvent(Instant.now(), "clinician", "clinician", "patient.read", "patient", "p-" + i,
                    "p-" + i, AuditEvent.Outcome.SUCCESS, "127.0.0.1", "GET /api/v1/patients/{id}"));
        }
        trail.write();
        Long last = jdbc.queryForObject("SELECT MAX(id) FROM audit_event", Long.class);
        for (long id = last - n + 1; id <= last; id++) {
            ids.add(id);
        }
        return ids;
    }

    private long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class);
    }

    private Instant time(long id) {
        return trail.find(id).orElseThrow().event().time();
    }

    private static AuditEvent event(JsonNode json) {
        return new AuditEvent(Instant.parse(json.get("time").asString()), text(json, "actor"), text(json, "role"),
                text(json, "action"), text(json, "resourceType"), text(json, "resourceId"), text(json, "patient"),
                AuditEvent.Outcome.of(text(json, "outcome")), text(json, "clientAddress"), text(json, "request"),
                AuditEvent.Severity.of(text(json, "severity")));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private Run audit(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("VIGIL_DB_URL", environment.getProperty("spring.datasource.url"));
        env.put("VIGIL_DB_USER", environment.getProperty("spring.datasource.username"));
        env.put("VIGIL_DB_PASSWORD", environment.getProperty("spring.datasource.password"));
        return run(env, args);
    }

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AuditCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
