package io.vigil.server.ingest;

import io.vigil.model.ObservationRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Something written in the same transaction as the readings it is given (the edge gateway's outbox): it commits
 * with them or not at all, so an acknowledged reading always has it. Called on the writer's thread, once per
 * commit, with the readings stored for the first time (not the duplicates of a retried message).
 */
public interface SameTransaction {

    /** A freshly stored reading and the device's message id, when it sent one. */
    record Fresh(ObservationRecord record, String messageId) {}

    void write(Connection connection, List<Fresh> fresh) throws SQLException;
}
