-- The alert workflow (issue #5): category (IEC 60601-1-8), snooze, escalation tier, per-person acknowledgements
-- and each alert's transition history.
-- open_key = patient_id || '/' || rule_id while the alert is open, NULL once resolved: a UNIQUE column that
-- allows many NULLs, so the database itself keeps one open alert per patient and rule (two devices reporting the
-- same condition at once cannot open two). Partial unique indexes would say the same, but H2 has none.
-- opened_at is the server's time of opening (reading times come from devices); escalation counts from it.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

ALTER TABLE alert ADD COLUMN category VARCHAR(16) DEFAULT 'physiological' NOT NULL;
ALTER TABLE alert ADD COLUMN snoozed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE alert ADD COLUMN escalation_tier INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE alert ADD COLUMN opened_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE alert ADD COLUMN open_key VARCHAR(140);
ALTER TABLE alert ADD CONSTRAINT alert_category_known CHECK (category IN ('physiological', 'technical'));
UPDATE alert SET opened_at = raised_at;
UPDATE alert SET open_key = patient_id || '/' || rule_id
    WHERE state <> 'resolved' AND id = (SELECT MAX(a2.id) FROM alert a2 WHERE a2.patient_id = alert.patient_id
                                        AND a2.rule_id = alert.rule_id AND a2.state <> 'resolved');
ALTER TABLE alert ADD CONSTRAINT alert_one_open UNIQUE (open_key);
CREATE INDEX alert_state_idx ON alert (state, opened_at);

-- Each person's acknowledgement of an alert (the first also moves the alert to 'acknowledged').
CREATE TABLE alert_ack (
    alert_id        VARCHAR(64)  NOT NULL REFERENCES alert (id),
    username        VARCHAR(100) NOT NULL,
    reason          VARCHAR(500) NOT NULL,
    acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (alert_id, username)
);

-- What happened to each alert, in order: raised, acknowledged, snoozed, snooze-ended, escalated, resolved.
-- actor is a user name, or 'system' for the condition and the scheduler; id grows with time (one writing node).
CREATE TABLE alert_transition (
    id         BIGINT       NOT NULL PRIMARY KEY,
    alert_id   VARCHAR(64)  NOT NULL REFERENCES alert (id),
    action     VARCHAR(32)  NOT NULL,
    actor      VARCHAR(100) NOT NULL,
    at_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    detail     VARCHAR(500)
);
CREATE INDEX alert_transition_alert_idx ON alert_transition (alert_id, id);
