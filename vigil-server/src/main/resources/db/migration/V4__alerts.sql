-- Alerts raised by limit rules: one row per episode of a rule's condition for a patient, updated by repeated
-- breaches (count, last value and time) and by its transitions (who acknowledged, why, who resolved, when).
-- version is the optimistic lock between the reading listener and people acknowledging or resolving.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE alert (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    patient_id      VARCHAR(64)  NOT NULL REFERENCES patient (id),
    rule_id         VARCHAR(64)  NOT NULL,
    measurement     VARCHAR(64)  NOT NULL,
    priority        VARCHAR(10)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    raised_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    first_value     DOUBLE PRECISION NOT NULL,
    last_value      DOUBLE PRECISION NOT NULL,
    last_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    breaches        INTEGER      NOT NULL,
    acknowledged_by VARCHAR(100),
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    ack_reason      VARCHAR(500),
    resolved_by     VARCHAR(100),
    resolved_at     TIMESTAMP WITH TIME ZONE,
    version         INTEGER      NOT NULL,
    CONSTRAINT alert_priority_known CHECK (priority IN ('high', 'medium', 'low')),
    CONSTRAINT alert_state_known CHECK (state IN ('active', 'acknowledged', 'resolved'))
);

CREATE INDEX alert_patient_rule_state ON alert (patient_id, rule_id, state);
CREATE INDEX alert_raised_at ON alert (raised_at);
