package io.vigil.server.clinical;

import io.vigil.analytics.news2.SpO2Scale;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The NEWS2 SpO2 scale per patient: scale 1 unless a clinician chose scale 2. Each choice is announced as a
 * {@link News2ScaleChosen} event (the patient's limits follow it from their next reading).
 */
@Repository
public class News2ScaleStore {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    News2ScaleStore(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public SpO2Scale scaleOf(String patientId) {
        return jdbc.query("SELECT scale FROM news2_scale WHERE patient_id = ?", (rs, n) -> rs.getInt("scale"), patientId)
                .stream().findFirst().map(SpO2Scale::of).orElse(SpO2Scale.SCALE_1);
    }

    /** Records the clinician's choice; portable upsert (update, else insert; a racing insert retries the update). */
    @Transactional
    public void choose(String patientId, SpO2Scale scale, String clinician) {
        Timestamp now = Timestamp.from(clock.instant());
        if (update(patientId, scale, clinician, now) == 0) {
            try {
                jdbc.update("INSERT INTO news2_scale (patient_id, scale, chosen_by, chosen_at) VALUES (?, ?, ?, ?)",
                        patientId, scale.number(), clinician, now);
            } catch (DuplicateKeyException e) {
                update(patientId, scale, clinician, now);
            }
        }
        events.publishEvent(new News2ScaleChosen(patientId, scale));
    }

    private int update(String patientId, SpO2Scale scale, String clinician, Timestamp now) {
        return jdbc.update("UPDATE news2_scale SET scale = ?, chosen_by = ?, chosen_at = ? WHERE patient_id = ?",
                scale.number(), clinician, now, patientId);
    }
}
