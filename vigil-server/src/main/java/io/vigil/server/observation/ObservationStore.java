package io.vigil.server.observation;

import io.vigil.model.BodySite;
import io.vigil.model.Measurement;
import io.vigil.model.MeasuredValue;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import io.vigil.model.ValueKind;
import io.vigil.server.access.PatientScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads stored observations back as {@link ObservationRecord}s: by id, by search, and the latest per type. */
@Repository
public class ObservationStore {
    private static final String COLUMNS = "o.id, o.device_id, o.patient_id, o.type_code, o.effective_at, o.received_at, "
            + "o.time_source, o.value_num, o.value_code, o.note, o.clock_offset_ms, o.body_site";

    private static final PatientScope.Condition EVERY_ROW = new PatientScope.Condition("1 = 1", List.of());

    private final JdbcTemplate jdbc;
    private final MeasurementRegistry registry;

    ObservationStore(JdbcTemplate jdbc, MeasurementRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    public Optional<ObservationRecord> find(String id) {
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        List<Row> rows = jdbc.query("SELECT " + COLUMNS + " FROM observation o WHERE o.id = ?", this::row, key);
        return withComponents(rows).stream().findFirst();
    }

    public List<ObservationRecord> search(ObservationQuery query) {
        return search(query, EVERY_ROW);
    }

    /**
     * The query's page among the rows that also meet {@code visible}, an SQL condition over the observation row
     * (alias {@code o}) such as the caller's patient scope: applied before paging, so pages and counts agree.
     */
    public List<ObservationRecord> search(ObservationQuery query, PatientScope.Condition visible) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM observation o" + where(query, visible, args)
                + " ORDER BY o.effective_at " + (query.newestFirst() ? "DESC" : "ASC") + ", o.id " + (query.newestFirst() ? "DESC" : "ASC")
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        args.add(query.offset());
        args.add(query.limit());
        return withComponents(jdbc.query(sql, this::row, args.toArray()));
    }

    public int count(ObservationQuery query) {
        return count(query, EVERY_ROW);
    }

    /** How many rows match the query and {@code visible} (see {@link #search(ObservationQuery, PatientScope.Condition)}). */
    public int count(ObservationQuery query, PatientScope.Condition visible) {
        List<Object> args = new ArrayList<>();
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM observation o" + where(query, visible, args), Integer.class,
                args.toArray());
        return count == null ? 0 : count;
    }

    /**
     * The newest observation of each measurement type for the patient (or only the given types), in the registry's
     * order: from observation_latest (kept by the ingest writer), then one primary-key lookup per type, pruned to
     * its day partition on PostgreSQL.
     */
    public List<ObservationRecord> latest(String patientId, Collection<String> types) {
        Map<String, Object[]> newest = new HashMap<>();
        jdbc.query("SELECT type_code, effective_at, observation_id FROM observation_latest WHERE patient_id = ?",
                rs -> {
                    newest.put(rs.getString(1), new Object[] {rs.getLong(3), rs.getTimestamp(2)});
                }, patientId);
        List<ObservationRecord> latest = new ArrayList<>();
        for (MeasurementType type : registry.types()) {
            Object[] key = newest.get(type.alias());
            if (key != null && (types.isEmpty() || types.contains(type.alias()))) {
                List<Row> rows = jdbc.query("SELECT " + COLUMNS + " FROM observation o WHERE o.id = ? AND o.effective_at = ?",
                        this::row, key[0], key[1]);
                latest.addAll(withComponents(rows));
            }
        }
        return latest;
    }

    private static String where(ObservationQuery query, PatientScope.Condition visible, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (visible != EVERY_ROW) {
            conditions.add(visible.sql());
            args.addAll(visible.args());
        }
        if (query.patientId() != null) {
            conditions.add("o.patient_id = ?");
            args.add(query.patientId());
        }
        if (query.deviceId() != null) {
            conditions.add("o.device_id = ?");
            args.add(query.deviceId());
        }
        if (!query.types().isEmpty()) {
            conditions.add("o.type_code IN (" + String.join(", ", query.types().stream().map(t -> "?").toList()) + ")");
            args.addAll(query.types());
        }
        if (query.from() != null) {
            conditions.add("o.effective_at " + (query.fromInclusive() ? ">=" : ">") + " ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            conditions.add("o.effective_at " + (query.toInclusive() ? "<=" : "<") + " ?");
            args.add(Timestamp.from(query.to()));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private record Row(long id, String deviceId, String patientId, MeasurementType type, Instant effective,
                       Instant received, TimeSource timeSource, Double value, String code, String note,
                       Duration clockOffset, BodySite bodySite) {}

    private Row row(ResultSet rs, int n) throws SQLException {
        double value = rs.getDouble("value_num");
        Double number = rs.wasNull() ? null : value;
        long offset = rs.getLong("clock_offset_ms");
        Duration clockOffset = rs.wasNull() ? null : Duration.ofMillis(offset);
        return new Row(rs.getLong("id"), rs.getString("device_id"), rs.getString("patient_id"),
                registry.require(rs.getString("type_code")), rs.getTimestamp("effective_at").toInstant(),
                rs.getTimestamp("received_at").toInstant(),
                "D".equals(rs.getString("time_source")) ? TimeSource.DEVICE : TimeSource.RECEIVED,
                number, rs.getString("value_code"), rs.getString("note"), clockOffset,
                BodySite.ofSnomed(rs.getString("body_site")).orElse(null));
    }

    private List<ObservationRecord> withComponents(List<Row> rows) {
        Map<Long, List<MeasuredValue.Component>> components = components(rows);
        List<ObservationRecord> records = new ArrayList<>(rows.size());
        for (Row row : rows) {
            MeasuredValue value = switch (row.type().kind()) {
                case QUANTITY -> new MeasuredValue.Quantity(row.value(), row.type().canonicalUnit());
                case CODED -> new MeasuredValue.Coded(row.type().answer(row.code()).orElseThrow());
                case PANEL -> new MeasuredValue.Panel(components.getOrDefault(row.id(), List.of()).stream()
                        .sorted(Comparator.comparingInt(c -> row.type().components().indexOf(c.type()))).toList());
            };
            records.add(new ObservationRecord(Long.toString(row.id()), row.deviceId(), row.patientId(),
                    new Measurement(row.type(), value, row.effective(), row.timeSource(), row.bodySite()), row.received(),
                    StoredNote.notes(row.note()), row.clockOffset()));
        }
        return records;
    }

    private Map<Long, List<MeasuredValue.Component>> components(List<Row> rows) {
        List<Long> panelIds = rows.stream().filter(r -> r.type().kind() == ValueKind.PANEL).map(Row::id).toList();
        Map<Long, List<MeasuredValue.Component>> byObservation = new HashMap<>();
        if (panelIds.isEmpty()) {
            return byObservation;
        }
        String marks = String.join(", ", panelIds.stream().map(id -> "?").toList());
        // The time bounds let PostgreSQL look only in the day partitions of these rows.
        List<Object> args = new ArrayList<>(panelIds);
        args.add(Timestamp.from(rows.stream().map(Row::effective).min(Comparator.naturalOrder()).orElseThrow()));
        args.add(Timestamp.from(rows.stream().map(Row::effective).max(Comparator.naturalOrder()).orElseThrow()));
        jdbc.query("SELECT observation_id, type_code, value_num FROM observation_component WHERE observation_id IN (" + marks + ")"
                        + " AND effective_at BETWEEN ? AND ?",
                rs -> {
                    MeasurementType type = registry.require(rs.getString(2));
                    byObservation.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new MeasuredValue.Component(type, new MeasuredValue.Quantity(rs.getDouble(3), type.canonicalUnit())));
                }, args.toArray());
        return byObservation;
    }
}
