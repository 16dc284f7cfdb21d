-- A clinician's per-patient limit: it replaces the default rule of the same id (heart-rate-high, spo2-low, …)
-- for that patient until deleted. Threshold and hysteresis in the measurement's canonical unit; duration in
-- seconds (how long a breach must hold before it raises). set_by / set_at: who chose it, when.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE limit_override (
    patient_id VARCHAR(64)      NOT NULL REFERENCES patient (id),
    rule_id    VARCHAR(64)      NOT NULL,
    threshold  DOUBLE PRECISION NOT NULL,
    hysteresis DOUBLE PRECISION NOT NULL,
    duration_s BIGINT           NOT NULL,
    priority   VARCHAR(10)      NOT NULL,
    set_by     VARCHAR(100)     NOT NULL,
    set_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (patient_id, rule_id),
    CONSTRAINT limit_override_priority_known CHECK (priority IN ('high', 'medium', 'low')),
    CONSTRAINT limit_override_non_negative CHECK (hysteresis >= 0 AND duration_s >= 0)
);
