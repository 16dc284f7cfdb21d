-- Scale-out (issue #7): raising an alert is idempotent across nodes. In Kafka mode a reading is analysed at least
-- once: a node that dies before committing its consumer offsets leaves those readings to the node that takes over
-- its partitions, which analyses them again. raise_key = patient_id || '/' || rule_id || '/' || the raising
-- condition's time (epoch microseconds): the same condition raised by the same reading again is refused by the
-- database, whichever node tries, so it is raised once. NULL for alerts opened before this migration.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

ALTER TABLE alert ADD COLUMN raise_key VARCHAR(200);
ALTER TABLE alert ADD CONSTRAINT alert_raised_once UNIQUE (raise_key);
