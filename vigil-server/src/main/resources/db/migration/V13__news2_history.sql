-- Every NEWS2 computed for a patient as their readings arrive (issue #5): the score over time, each with the
-- Observations it was computed from (basis: parameter=observation id, ';'-separated) and its sub-scores
-- (parameter=score). A row is written when the score or its basis changed since the patient's previous row.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE news2_score (
    id            BIGINT       NOT NULL PRIMARY KEY,
    patient_id    VARCHAR(64)  NOT NULL REFERENCES patient (id),
    computed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    total         INTEGER      NOT NULL,
    complete      BOOLEAN      NOT NULL,
    band          VARCHAR(16),
    band_at_least VARCHAR(16)  NOT NULL,
    single_three  BOOLEAN      NOT NULL,
    scale         SMALLINT     NOT NULL,
    subscores     VARCHAR(300) NOT NULL,
    missing       VARCHAR(300) NOT NULL,
    basis         VARCHAR(1000) NOT NULL,
    advice        VARCHAR(1000) NOT NULL
);
CREATE INDEX news2_score_patient_idx ON news2_score (patient_id, computed_at);
