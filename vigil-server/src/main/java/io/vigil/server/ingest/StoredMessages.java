package io.vigil.server.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds which of a batch's device messages were stored before, by (device, message id). */
final class StoredMessages {
    private StoredMessages() {
    }

    /** Idempotency key → stored observation id, for the keyed observations in the list that are already stored. */
    static Map<String, String> find(Connection connection, List<PendingObservation> observations) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        Set<List<String>> messages = new LinkedHashSet<>();
        for (PendingObservation observation : observations) {
            if (observation.messageId() != null) {
                messages.add(List.of(observation.record().deviceId(), observation.messageId()));
            }
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, type_code FROM observation WHERE device_id = ? AND message_id = ?")) {
            for (List<String> message : messages) {
                query.setString(1, message.get(0));
                query.setString(2, message.get(1));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        stored.put(PendingObservation.key(message.get(0), message.get(1), rs.getString(2)),
                                Long.toString(rs.getLong(1)));
                    }
                }
            }
        }
        return stored;
    }
}
