package io.vigil.server.clinical;

import io.vigil.analytics.news2.News2Band;
import io.vigil.analytics.news2.News2Parameter;
import io.vigil.analytics.news2.News2Score;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Each patient's NEWS2 over time, as computed when their readings arrived. Not for clinical use. */
@Repository
public class News2History {
    static final int LONGEST_LIST = 500;

    /**
     * One stored NEWS2.
     *
     * @param subscores parameter key → score, in chart order
     * @param basis     parameter key → observation id
     */
    public record Entry(long id, String patientId, Instant time, int total, boolean complete, String band,
                        String bandAtLeast, boolean singleParameterThree, int scale, Map<String, Integer> subscores,
                        List<String> missing, Map<String, String> basis, String advice) {}

    private static final RowMapper<Entry> ROW = (rs, n) -> new Entry(rs.getLong("id"), rs.getString("patient_id"),
            rs.getTimestamp("computed_at").toInstant(), rs.getInt("total"), rs.getBoolean("complete"),
            rs.getString("band"), rs.getString("band_at_least"), rs.getBoolean("single_three"), rs.getInt("scale"),
            pairs(rs.getString("subscores")).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> Integer.parseInt(e.getValue()), (a, b) -> a, LinkedHashMap::new)),
            rs.getString("missing").isEmpty() ? List.of() : List.of(rs.getString("missing").split(",")),
            pairs(rs.getString("basis")), rs.getString("advice"));

    private final JdbcTemplate jdbc;
    private final AtomicLong lastId;

    News2History(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        Long stored = jdbc.queryForObject("SELECT MAX(id) FROM news2_score", Long.class);
        this.lastId = new AtomicLong(Math.max(stored == null ? 0 : stored, clock.millis() * 1000));
    }

    void append(News2Scores.Assessment assessment) {
        News2Score s = assessment.score();
        jdbc.update("INSERT INTO news2_score (id, patient_id, computed_at, total, complete, band, band_at_least, "
                        + "single_three, scale, subscores, missing, basis, advice) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                lastId.incrementAndGet(), assessment.patientId(), Timestamp.from(s.time()), s.total(), s.complete(),
                s.band().map(News2Band::code).orElse(null), s.bandAtLeast().code(), s.singleParameterThree(),
                s.scale().number(), joined(s.subscores()), s.missing().stream().map(News2Parameter::key)
                        .collect(Collectors.joining(",")), joined(assessment.basis()), s.advice());
    }

    /** The patient's scores between the instants (null = open), newest first, at most {@link #LONGEST_LIST}. */
    public List<Entry> of(String patientId, Instant from, Instant to) {
        return jdbc.query("SELECT * FROM news2_score WHERE patient_id = ? AND computed_at >= ? AND computed_at <= ? "
                        + "ORDER BY computed_at DESC, id DESC FETCH FIRST " + LONGEST_LIST + " ROWS ONLY", ROW, patientId,
                Timestamp.from(from == null ? Instant.EPOCH : from),
                Timestamp.from(to == null ? Instant.parse("9999-12-31T00:00:00Z") : to));
    }

    public java.util.Optional<Entry> find(long id) {
        return jdbc.query("SELECT * FROM news2_score WHERE id = ?", ROW, id).stream().findFirst();
    }

    private static String joined(Map<News2Parameter, ?> byParameter) {
        return byParameter.entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return pairs;
    }
}
