package io.vigil.server.access;

import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Care teams: the units each covers and the people on it. */
@Repository
public class CareTeamStore {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CareTeamStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates the team or replaces its name, units and members. */
    @Transactional
    public CareTeam save(CareTeam team) {
        boolean exists = jdbc.queryForObject("SELECT COUNT(*) FROM care_team WHERE id = ?", Integer.class, team.id()) > 0;
        if (exists) {
            jdbc.update("UPDATE care_team SET name = ? WHERE id = ?", team.name(), team.id());
            jdbc.update("DELETE FROM care_team_unit WHERE care_team_id = ?", team.id());
            jdbc.update("DELETE FROM care_team_member WHERE care_team_id = ?", team.id());
        } else {
            jdbc.update("INSERT INTO care_team (id, name, created_at) VALUES (?, ?, ?)", team.id(), team.name(),
                    Timestamp.from(clock.instant()));
        }
        for (String unit : team.units()) {
            jdbc.update("INSERT INTO care_team_unit (care_team_id, unit) VALUES (?, ?)", team.id(), unit);
        }
        try {
            for (String member : team.members()) {
                jdbc.update("INSERT INTO care_team_member (care_team_id, username) VALUES (?, ?)", team.id(), member);
            }
        } catch (DataIntegrityViolationException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.UNKNOWN_USER, "A member is not a known user", "members");
        }
        return team;
    }

    public Optional<CareTeam> find(String id) {
        return jdbc.query("SELECT id, name FROM care_team WHERE id = ?", (rs, n) -> rs.getString("name"), id).stream()
                .findFirst().map(name -> new CareTeam(id, name, unitsOfTeam(id), membersOf(id)));
    }

    public List<CareTeam> all() {
        return jdbc.queryForList("SELECT id FROM care_team ORDER BY id", String.class).stream()
                .map(id -> find(id).orElseThrow()).toList();
    }

    @Transactional
    public boolean delete(String id) {
        return jdbc.update("DELETE FROM care_team WHERE id = ?", id) > 0;
    }

    /** The units covered by the teams this user is on. */
    public Set<String> unitsOf(String username) {
        return new TreeSet<>(jdbc.queryForList("SELECT DISTINCT u.unit FROM care_team_member m "
                + "JOIN care_team_unit u ON u.care_team_id = m.care_team_id WHERE m.username = ?", String.class, username));
    }

    /** The teams this user is on. */
    public List<String> teamsOf(String username) {
        return jdbc.queryForList("SELECT care_team_id FROM care_team_member WHERE username = ? ORDER BY care_team_id",
                String.class, username);
    }

    private Set<String> unitsOfTeam(String id) {
        return new TreeSet<>(jdbc.queryForList("SELECT unit FROM care_team_unit WHERE care_team_id = ?", String.class, id));
    }

    private Set<String> membersOf(String id) {
        return new TreeSet<>(jdbc.queryForList("SELECT username FROM care_team_member WHERE care_team_id = ?", String.class, id));
    }
}
