-- Free-text notes clinicians write on a patient's chart: who wrote what, when. Notes are never edited or deleted
-- (a correction is a new note). Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE clinical_note (
    id         VARCHAR(64)   NOT NULL PRIMARY KEY,
    patient_id VARCHAR(64)   NOT NULL REFERENCES patient (id),
    author     VARCHAR(100)  NOT NULL,
    written_at TIMESTAMP WITH TIME ZONE NOT NULL,
    body       VARCHAR(4000) NOT NULL
);
CREATE INDEX clinical_note_patient_idx ON clinical_note (patient_id, written_at);
