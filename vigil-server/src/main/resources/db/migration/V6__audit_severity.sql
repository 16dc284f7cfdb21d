-- How much an audit event matters to a reviewer: 'high' (break-glass access), 'medium' (refusals, failed logins,
-- device credential and configuration changes), 'low' (ordinary reads and writes).
--
-- The hash chain and old rows: the column is nullable and rows written before this migration keep NULL. The
-- canonical form an event is hashed over (AuditChain) appends the severity only when it is present, so every old
-- row still hashes to exactly what it was written with and the chain verifies across the upgrade. Every row
-- written after it carries a severity, and the severity is covered by its hash: clearing it on a new row, or
-- giving an old row one, changes the canonical form and breaks the chain at that row.
-- No default and no backfill on purpose: a backfill would change old rows and so break their hashes.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

ALTER TABLE audit_event ADD COLUMN severity VARCHAR(8);
