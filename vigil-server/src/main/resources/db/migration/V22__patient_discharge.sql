-- When a patient was discharged (null: admitted). A discharged patient keeps their unit, so the unit's clinicians
-- still see their record, but leaves the central station and the RPM caseload; admitting them again clears it.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

ALTER TABLE patient ADD COLUMN discharged_at TIMESTAMP WITH TIME ZONE;
