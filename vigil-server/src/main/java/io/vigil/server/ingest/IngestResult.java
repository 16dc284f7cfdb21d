package io.vigil.server.ingest;

import java.util.List;

/** What became of a payload: stored (durably, when this is returned), or refused and kept as a dead letter. */
public sealed interface IngestResult {

    /**
     * @param observationIds ids of the stored observations, in payload order (a retried message answers its
     *                       earlier ids)
     * @param duplicates     how many of them had been stored before (idempotent retries)
     */
    record Accepted(List<String> observationIds, int duplicates) implements IngestResult {}

    /**
     * @param code   stable VIGIL-nnnn code
     * @param reason one sentence for the integrator
     * @param field  where in the payload, or null
     */
    record Rejected(String code, String reason, String field) implements IngestResult {}
}
