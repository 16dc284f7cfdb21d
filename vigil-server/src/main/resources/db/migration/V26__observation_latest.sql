-- The newest reading of each patient and measurement type, kept by the ingest writer in the same transaction as
-- the reading: "latest per code" (NEWS2 on every reading, the ward board, FHIR $lastn, the patient summary) is then
-- one primary-key range scan here plus one primary-key lookup per type, whatever the number of day partitions.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).
CREATE TABLE observation_latest (
    patient_id     VARCHAR(64) NOT NULL,
    type_code      VARCHAR(32) NOT NULL,
    effective_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    observation_id BIGINT      NOT NULL,
    PRIMARY KEY (patient_id, type_code)
);

INSERT INTO observation_latest (patient_id, type_code, effective_at, observation_id)
SELECT o.patient_id, o.type_code, o.effective_at, MAX(o.id)
FROM observation o
JOIN (SELECT patient_id, type_code, MAX(effective_at) AS newest FROM observation
      WHERE patient_id IS NOT NULL GROUP BY patient_id, type_code) m
  ON m.patient_id = o.patient_id AND m.type_code = o.type_code AND m.newest = o.effective_at
GROUP BY o.patient_id, o.type_code, o.effective_at;
