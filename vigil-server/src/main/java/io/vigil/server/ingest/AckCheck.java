package io.vigil.server.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares an ack log ({@code vigil simulate --ack-log}: {@code <device> TAB <message id> TAB <readings>} per
 * acknowledged message) with the stored observations: every acknowledged message must have all its readings stored,
 * each exactly once (one row per device, message id and measurement type).
 */
final class AckCheck {

    /** What the comparison found; {@code missing} and {@code duplicated} name up to a few examples. */
    record Outcome(long messages, long readings, long readingsStored, long readingsMissing, long readingsDuplicated,
                   List<String> missing, List<String> duplicated, long unreadableLines) {
        boolean intact() {
            return readingsMissing == 0 && readingsDuplicated == 0 && unreadableLines == 0;
        }
    }

    private static final int EXAMPLES = 10;

    private AckCheck() {
    }

    /** Acknowledged messages by device, then message id → readings; a message acknowledged twice counts once. */
    static Map<String, Map<String, Integer>> read(BufferedReader log, long[] unreadable) throws IOException {
        Map<String, Map<String, Integer>> acked = new LinkedHashMap<>();
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3 || !fields[2].matches("\\d{1,6}")) {
                unreadable[0]++; // a line cut short by a kill of the load generator itself
                continue;
            }
            acked.computeIfAbsent(fields[0], d -> new HashMap<>()).merge(fields[1], Integer.parseInt(fields[2]), Math::max);
        }
        return acked;
    }

    static Outcome check(Map<String, Map<String, Integer>> acked, Connection connection, long unreadable)
            throws SQLException {
        long messages = 0;
        long readings = 0;
        long stored = 0;
        long missing = 0;
        long duplicated = 0;
        List<String> missingExamples = new ArrayList<>();
        List<String> duplicatedExamples = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT message_id, type_code, COUNT(*) FROM observation "
                + "WHERE device_id = ? AND message_id IS NOT NULL GROUP BY message_id, type_code")) {
            for (Map.Entry<String, Map<String, Integer>> device : acked.entrySet()) {
                Map<String, int[]> rows = storedRows(query, device.getKey());
                for (Map.Entry<String, Integer> message : device.getValue().entrySet()) {
                    messages++;
                    readings += message.getValue();
                    int[] found = rows.getOrDefault(message.getKey(), new int[2]);
                    int types = found[0];
                    int extra = found[1] - found[0];
                    stored += Math.min(types, message.getValue());
                    if (types < message.getValue()) {
                        missing += message.getValue() - types;
                        example(missingExamples, device.getKey(), message.getKey());
                    }
                    if (extra > 0) {
                        duplicated += extra;
                        example(duplicatedExamples, device.getKey(), message.getKey());
                    }
                }
            }
        }
        return new Outcome(messages, readings, stored, missing, duplicated, missingExamples, duplicatedExamples,
                unreadable);
    }

    /** Message id → {distinct measurement types stored, rows stored}. */
    private static Map<String, int[]> storedRows(PreparedStatement query, String deviceId) throws SQLException {
        Map<String, int[]> rows = new HashMap<>();
        query.setString(1, deviceId);
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                int[] counts = rows.computeIfAbsent(rs.getString(1), m -> new int[2]);
                counts[0]++;
                counts[1] += rs.getInt(3);
            }
        }
        return rows;
    }

    private static void example(List<String> examples, String device, String message) {
        if (examples.size() < EXAMPLES) {
            examples.add(device + " " + message);
        }
    }
}
