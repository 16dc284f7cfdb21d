-- Implantable devices' remote-interrogation summaries (issue #10): one row per report, the figures alerts and the
-- chart use in columns, the whole normalised report as JSON text. source_id is the report's own id (optional):
-- a retry with the same id stores nothing new (UNIQUE allows many NULLs on H2 and PostgreSQL).
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE implant_report (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    source_id       VARCHAR(100),
    device_id       VARCHAR(64)  NOT NULL REFERENCES device (id),
    patient_id      VARCHAR(64)  NOT NULL REFERENCES patient (id),
    kind            VARCHAR(32)  NOT NULL,
    interrogated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    battery_status  VARCHAR(16),
    battery_voltage DOUBLE PRECISION,
    at_eri          BOOLEAN      NOT NULL,
    shocks          INTEGER      NOT NULL,
    atp             INTEGER      NOT NULL,
    af_burden       DOUBLE PRECISION,
    report          VARCHAR(20000) NOT NULL,
    CONSTRAINT implant_report_once UNIQUE (device_id, source_id)
);
CREATE INDEX implant_report_patient ON implant_report (patient_id, interrogated_at);
