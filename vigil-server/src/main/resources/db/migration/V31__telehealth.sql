-- Telehealth sessions (FHIR Encounter, class VR): a remote clinician's session with a patient, started and stopped,
-- with notes. A stopped session's duration is kept as monitoring time (source 'telehealth') for the RPM report.
-- Portable SQL: H2 (2.x) and PostgreSQL (15+).

CREATE TABLE telehealth_session (
    id         VARCHAR(64)   NOT NULL PRIMARY KEY,
    patient_id VARCHAR(64)   NOT NULL REFERENCES patient (id),
    clinician  VARCHAR(100)  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE,
    notes      VARCHAR(4000)
);
CREATE INDEX telehealth_session_patient_idx ON telehealth_session (patient_id, started_at);

ALTER TABLE monitoring_time ALTER COLUMN source SET DATA TYPE VARCHAR(16);
ALTER TABLE monitoring_time DROP CONSTRAINT monitoring_time_source_known;
ALTER TABLE monitoring_time ADD CONSTRAINT monitoring_time_source_known CHECK (source IN ('chart', 'manual', 'telehealth'));
