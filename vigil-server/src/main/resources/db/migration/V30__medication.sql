-- Medication schedules (FHIR MedicationRequest with dosage timing), the commands that push them to a patient's
-- dispenser, and the dispenser's events (loaded, dose-due … tamper, command-ack). Portable SQL: H2 (2.x) and
-- PostgreSQL (15+).

CREATE TABLE medication_schedule (
    id                   VARCHAR(64)  NOT NULL PRIMARY KEY,
    patient_id           VARCHAR(64)  NOT NULL REFERENCES patient (id),
    dispenser_id         VARCHAR(64),
    medication_system    VARCHAR(200),
    medication_code      VARCHAR(64),
    medication_text      VARCHAR(200) NOT NULL,
    frequency            INTEGER      NOT NULL,
    period               INTEGER      NOT NULL,
    period_unit          VARCHAR(4)   NOT NULL,
    times_of_day         VARCHAR(200),
    as_needed            BOOLEAN      NOT NULL,
    dose_text            VARCHAR(200),
    zone                 VARCHAR(64)  NOT NULL,
    starts_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at              TIMESTAMP WITH TIME ZONE,
    status               VARCHAR(16)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by           VARCHAR(100) NOT NULL,
    missed_checked_until TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT medication_schedule_unit_known CHECK (period_unit IN ('h', 'd', 'wk')),
    CONSTRAINT medication_schedule_frequency CHECK (frequency BETWEEN 1 AND 24 AND period BETWEEN 1 AND 31)
);
CREATE INDEX medication_schedule_patient_idx ON medication_schedule (patient_id);

CREATE TABLE dispenser_command (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    device_id       VARCHAR(64)   NOT NULL,
    schedule_id     VARCHAR(64)   REFERENCES medication_schedule (id),
    command_type    VARCHAR(32)   NOT NULL,
    payload         VARCHAR(4000) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sent_at    TIMESTAMP WITH TIME ZONE,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    result          VARCHAR(200),
    CONSTRAINT dispenser_command_status_known CHECK (status IN ('pending', 'acknowledged', 'rejected', 'expired'))
);
CREATE INDEX dispenser_command_device_idx ON dispenser_command (device_id, created_at);
CREATE INDEX dispenser_command_status_idx ON dispenser_command (status);

CREATE TABLE dispenser_event (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    device_id   VARCHAR(64)  NOT NULL,
    event_id    VARCHAR(64)  NOT NULL,
    event_type  VARCHAR(32)  NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    patient_id  VARCHAR(64),
    schedule_id VARCHAR(64),
    due_at      TIMESTAMP WITH TIME ZONE,
    slot        VARCHAR(32),
    command_id  VARCHAR(64),
    detail      VARCHAR(200),
    CONSTRAINT dispenser_event_once UNIQUE (device_id, event_id)
);
CREATE INDEX dispenser_event_patient_idx ON dispenser_event (patient_id, occurred_at);
