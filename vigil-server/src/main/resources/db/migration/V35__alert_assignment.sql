-- Who holds an alert (issue #6): a clinician assigns an open alert to a named member of the care team, or takes it.
-- One row per assigned alert; unassigning deletes it, reassigning replaces it. The alert's transitions
-- (alert_transition) keep who assigned it to whom and when. The row stays after the alert is resolved (who held it).
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE alert_assignment (
    alert_id    VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES alert (id),
    assignee    VARCHAR(100) NOT NULL,
    assigned_by VARCHAR(100) NOT NULL,
    assigned_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX alert_assignment_assignee ON alert_assignment (assignee);
