package io.vigil.server.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** One stored event as one line of NDJSON: every field, the hashes included, absent ones as null. */
final class AuditJsonLine {

    private AuditJsonLine() {
    }

    static String of(AuditRecord record) {
        AuditEvent e = record.event();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", record.id());
        line.put("time", e.time().toString());
        line.put("actor", e.actor());
        line.put("role", e.role());
        line.put("action", e.action());
        line.put("resourceType", e.resourceType());
        line.put("resourceId", e.resourceId());
        line.put("patient", e.patientId());
        line.put("outcome", e.outcome().code());
        line.put("severity", e.severity() == null ? null : e.severity().code());
        line.put("clientAddress", e.clientAddress());
        line.put("request", e.request());
        line.put("previousHash", record.previousHash());
        line.put("hash", record.hash());
        return JsonMapper.shared().writeValueAsString(line);
    }
}
