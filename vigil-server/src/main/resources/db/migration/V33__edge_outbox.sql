-- Edge gateway (vigil edge): the store-and-forward outbox, written in the same transaction as the readings it
-- forwards (so an acknowledged reading is always queued), and the gaps an edge records and its upstream receives.
-- Portable SQL: H2 (2.x) and PostgreSQL (15+).

-- One row per stored reading not yet forwarded. lane 0 = a reading an alert was raised on (goes first),
-- 1 = every other reading (recent ones go before back-fill; see EdgeOutbox). reading = the forwarded JSON.
CREATE TABLE edge_outbox (
    observation_id BIGINT        NOT NULL PRIMARY KEY,
    lane           SMALLINT      NOT NULL,
    patient_id     VARCHAR(64),
    type_code      VARCHAR(32)   NOT NULL,
    effective_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    reading        VARCHAR(4000) NOT NULL
);
CREATE INDEX edge_outbox_lane_time_idx ON edge_outbox (lane, effective_at, observation_id);
CREATE INDEX edge_outbox_patient_idx ON edge_outbox (patient_id, type_code, effective_at);

-- A time range without (timely) data, and why: the uplink was down (gateway-wide, patient_id null; ends_at null
-- while it lasts), readings were dropped because the outbox was full, or the upstream refused them.
-- On the edge, reported says whether the upstream has been told; on the upstream, gateway names the edge.
CREATE TABLE edge_gap (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    gateway     VARCHAR(100) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    patient_id  VARCHAR(64),
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE,
    readings    BIGINT       DEFAULT 0 NOT NULL,
    reason      VARCHAR(500) NOT NULL,
    reported    BOOLEAN      DEFAULT FALSE NOT NULL,
    CONSTRAINT edge_gap_kind_known CHECK (kind IN ('uplink-down', 'dropped', 'refused'))
);
CREATE INDEX edge_gap_patient_idx ON edge_gap (patient_id, starts_at);
CREATE INDEX edge_gap_gateway_idx ON edge_gap (gateway, starts_at);
