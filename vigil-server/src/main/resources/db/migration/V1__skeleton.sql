-- Vigil's first schema: patients, devices, assignments, observations, dead letters.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE patient (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    mrn         VARCHAR(64)  NOT NULL,
    given_name  VARCHAR(200),
    family_name VARCHAR(200),
    birth_date  DATE,
    sex         VARCHAR(16),
    care_unit   VARCHAR(64),
    bed         VARCHAR(32),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT patient_mrn_unique UNIQUE (mrn)
);
CREATE INDEX patient_unit_idx ON patient (care_unit);

CREATE TABLE device (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    device_type  VARCHAR(64)  NOT NULL,
    manufacturer VARCHAR(200),
    model        VARCHAR(200),
    serial       VARCHAR(200),
    status       VARCHAR(16)  NOT NULL,
    secret_hash  VARCHAR(128) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE device_assignment (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,
    device_id  VARCHAR(64) NOT NULL REFERENCES device (id),
    patient_id VARCHAR(64) NOT NULL REFERENCES patient (id),
    starts_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX device_assignment_device_idx ON device_assignment (device_id, starts_at);
CREATE INDEX device_assignment_patient_idx ON device_assignment (patient_id);

-- One row per FHIR Observation. Quantity values in the type's canonical UCUM unit; panels keep their
-- components in observation_component. message_id (the device's optional "id") makes retries idempotent.
CREATE TABLE observation (
    id           BIGINT      NOT NULL PRIMARY KEY,
    device_id    VARCHAR(64) NOT NULL,
    patient_id   VARCHAR(64),
    type_code    VARCHAR(32) NOT NULL,
    effective_at TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    time_source  CHAR(1)     NOT NULL,
    value_num    DOUBLE PRECISION,
    value_code   VARCHAR(16),
    message_id   VARCHAR(128),
    CONSTRAINT observation_message_unique UNIQUE (device_id, message_id, type_code)
);
CREATE INDEX observation_patient_type_time_idx ON observation (patient_id, type_code, effective_at);
CREATE INDEX observation_device_time_idx ON observation (device_id, effective_at);
CREATE INDEX observation_time_idx ON observation (effective_at);

CREATE TABLE observation_component (
    observation_id BIGINT      NOT NULL REFERENCES observation (id),
    type_code      VARCHAR(32) NOT NULL,
    value_num      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (observation_id, type_code)
);

-- Every refused payload, with why. Nothing a device sends disappears.
CREATE TABLE dead_letter (
    id          BIGINT       NOT NULL PRIMARY KEY,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    device_id   VARCHAR(64),
    transport   VARCHAR(16)  NOT NULL,
    topic       VARCHAR(256),
    error_code  VARCHAR(16)  NOT NULL,
    reason      VARCHAR(1000) NOT NULL,
    field       VARCHAR(256),
    payload     BYTEA
);
CREATE INDEX dead_letter_time_idx ON dead_letter (received_at);
