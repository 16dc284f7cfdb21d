package io.vigil.server.template;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The templates stored through the admin API (table {@code mapping_template}). */
@Repository
class TemplateStore {

    record Stored(String name, byte[] text, String updatedBy, Instant updatedAt) {}

    private final JdbcTemplate jdbc;

    TemplateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Stored> all() {
        return jdbc.query("SELECT name, body, updated_by, updated_at FROM mapping_template ORDER BY name",
                (rs, n) -> new Stored(rs.getString("name"), rs.getString("body").getBytes(StandardCharsets.UTF_8),
                        rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant()));
    }

    /** Inserts or replaces; true when the name was new. A racing insert of the same name becomes a replace. */
    boolean save(Stored template) {
        String body = new String(template.text(), StandardCharsets.UTF_8);
        Timestamp at = Timestamp.from(template.updatedAt());
        if (update(template, body, at) > 0) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO mapping_template (name, body, updated_by, updated_at) VALUES (?, ?, ?, ?)",
                    template.name(), body, template.updatedBy(), at);
            return true;
        } catch (DuplicateKeyException e) {
            update(template, body, at);
            return false;
        }
    }

    boolean delete(String name) {
        return jdbc.update("DELETE FROM mapping_template WHERE name = ?", name) > 0;
    }

    private int update(Stored template, String body, Timestamp at) {
        return jdbc.update("UPDATE mapping_template SET body = ?, updated_by = ?, updated_at = ? WHERE name = ?",
                body, template.updatedBy(), at, template.name());
    }
}
