package io.vigil.server.waveform;

import io.vigil.codec.waveform.SampleDeltas;
import io.vigil.codec.waveform.WaveformSignal;
import io.vigil.server.observation.ObservationIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Waveform frames and the breaks between them. Samples are stored compressed ({@link SampleDeltas}); a window is
 * read through the (patient, signal, start) index, looking back at most one frame length for a frame that
 * reaches into it, so reading ten seconds of a week-long record reads about ten seconds of rows.
 */
@Repository
class WaveformStore {
    private static final RowMapper<Discontinuity> DISCONTINUITY = (rs, n) -> new Discontinuity(rs.getString("kind"),
            rs.getLong("expected_sequence"), rs.getLong("sequence"), StoredChunk.ofMicros(rs.getLong("at_us")),
            Duration.ofNanos(rs.getLong("size_us") * 1000));

    private final JdbcTemplate jdbc;
    private final ObservationIds ids;

    WaveformStore(JdbcTemplate jdbc, ObservationIds ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    long nextId() {
        return ids.next();
    }

    void insert(StoredChunk c, Instant receivedAt) {
        jdbc.update("INSERT INTO waveform_chunk (id, device_id, patient_id, signal, sequence, start_us, end_us, sample_rate,"
                        + " sample_count, unit, gain, baseline, leads_off, samples, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.id(), c.deviceId(), c.patientId(), c.signal().topicName(), c.sequence(), StoredChunk.micros(c.start()),
                StoredChunk.micros(c.end()), c.sampleRate(), c.samples().length, c.unit(), c.gain(), c.baseline(),
                c.leadsOff(), SampleDeltas.encode(c.samples()), Timestamp.from(receivedAt));
    }

    /** Frames of the patient's signal that overlap [from, to), oldest first. */
    List<StoredChunk> window(String patientId, WaveformSignal signal, Instant from, Instant to, Duration maxFrame) {
        return jdbc.query("SELECT * FROM waveform_chunk WHERE patient_id = ? AND signal = ? AND start_us >= ?"
                        + " AND start_us < ? AND end_us > ? ORDER BY start_us, id",
                WaveformStore::chunk, patientId, signal.topicName(), StoredChunk.micros(from.minus(maxFrame)),
                StoredChunk.micros(to), StoredChunk.micros(from));
    }

    /** The device's latest frame of this signal (for continuity checks after a restart). */
    Optional<StoredChunk> latest(String deviceId, WaveformSignal signal) {
        return jdbc.query("SELECT * FROM waveform_chunk WHERE device_id = ? AND signal = ? ORDER BY start_us DESC, id DESC"
                + " FETCH FIRST 1 ROWS ONLY", WaveformStore::chunk, deviceId, signal.topicName()).stream().findFirst();
    }

    boolean exists(String deviceId, WaveformSignal signal, long sequence, Instant start) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM waveform_chunk WHERE device_id = ? AND signal = ?"
                + " AND sequence = ? AND start_us = ?", Integer.class, deviceId, signal.topicName(), sequence,
                StoredChunk.micros(start));
        return n != null && n > 0;
    }

    void record(String deviceId, String patientId, WaveformSignal signal, Discontinuity d, Instant recordedAt) {
        jdbc.update("INSERT INTO waveform_discontinuity (id, device_id, patient_id, signal, kind, expected_sequence,"
                        + " sequence, at_us, size_us, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ids.next(), deviceId, patientId, signal.topicName(), d.kind(), d.expectedSequence(), d.sequence(),
                StoredChunk.micros(d.at()), d.size().toNanos() / 1000, Timestamp.from(recordedAt));
    }

    List<Discontinuity> discontinuities(String patientId, WaveformSignal signal, Instant from, Instant to) {
        return jdbc.query("SELECT * FROM waveform_discontinuity WHERE patient_id = ? AND signal = ? AND at_us >= ?"
                        + " AND at_us < ? ORDER BY at_us, id", DISCONTINUITY, patientId, signal.topicName(),
                StoredChunk.micros(from), StoredChunk.micros(to));
    }

    /** Deletes frames (and breaks) received before {@code cutoff}; answers how many frames went. */
    int purgeBefore(Instant cutoff) {
        jdbc.update("DELETE FROM waveform_discontinuity WHERE recorded_at < ?", Timestamp.from(cutoff));
        return jdbc.update("DELETE FROM waveform_chunk WHERE received_at < ?", Timestamp.from(cutoff));
    }

    private static StoredChunk chunk(ResultSet rs, int row) throws SQLException {
        int count = rs.getInt("sample_count");
        int[] samples = new int[count];
        byte[] bytes = rs.getBytes("samples");
        if (SampleDeltas.decode(bytes, 0, count, samples) != bytes.length) {
            throw new SQLException("waveform chunk " + rs.getLong("id") + " does not hold its " + count + " samples");
        }
        return new StoredChunk(rs.getLong("id"), rs.getString("device_id"), rs.getString("patient_id"),
                WaveformSignal.ofTopicName(rs.getString("signal")).orElseThrow(), rs.getLong("sequence"),
                StoredChunk.ofMicros(rs.getLong("start_us")), rs.getDouble("sample_rate"), rs.getString("unit"),
                rs.getDouble("gain"), rs.getInt("baseline"), rs.getBoolean("leads_off"), samples);
    }
}
