-- Remote-monitoring time: seconds a clinician spent on a patient, either timed while the patient's chart was open
-- and visible (source 'chart', one row per heartbeat of the page) or entered by hand (source 'manual', e.g. a phone
-- call, with a note). Summed per calendar month for the RPM report. Portable SQL: H2 (2.x) and PostgreSQL (15+).

CREATE TABLE monitoring_time (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    patient_id VARCHAR(64)  NOT NULL REFERENCES patient (id),
    clinician  VARCHAR(100) NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seconds    INTEGER      NOT NULL,
    source     VARCHAR(8)   NOT NULL,
    note       VARCHAR(500),
    CONSTRAINT monitoring_time_positive CHECK (seconds > 0 AND seconds <= 14400),
    CONSTRAINT monitoring_time_source_known CHECK (source IN ('chart', 'manual'))
);
CREATE INDEX monitoring_time_patient_idx ON monitoring_time (patient_id, started_at);
