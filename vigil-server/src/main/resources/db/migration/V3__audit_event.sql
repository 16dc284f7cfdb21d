-- The audit trail (HIPAA §164.312(b)): one row per access or change, append-only and hash-chained —
-- hash = SHA-256(previous_hash || canonical fields), so editing or removing a row breaks the chain from there on.
-- Ids, never names or MRNs: patient_id is Vigil's patient id. request is the method and path template with
-- the names (not the values) of the query parameters.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE audit_event (
    id             BIGINT       NOT NULL PRIMARY KEY,
    event_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(100) NOT NULL,
    actor_role     VARCHAR(40),
    action         VARCHAR(80)  NOT NULL,
    resource_type  VARCHAR(40),
    resource_id    VARCHAR(100),
    patient_id     VARCHAR(64),
    outcome        VARCHAR(16)  NOT NULL,
    client_address VARCHAR(64),
    request        VARCHAR(300),
    previous_hash  CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL
);
CREATE INDEX audit_event_patient_idx ON audit_event (patient_id, event_time);
CREATE INDEX audit_event_actor_idx ON audit_event (actor, event_time);
CREATE INDEX audit_event_time_idx ON audit_event (event_time);
