-- The NEWS2 SpO2 scale a clinician chose for a patient (absent = scale 1), with who chose it and when.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE news2_scale (
    patient_id VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES patient (id),
    scale      SMALLINT     NOT NULL,
    chosen_by  VARCHAR(100) NOT NULL,
    chosen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT news2_scale_is_1_or_2 CHECK (scale IN (1, 2))
);
