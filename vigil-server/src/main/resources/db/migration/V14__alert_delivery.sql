-- Alert delivery (issue #5): webhooks (also FHIR Subscriptions and caregivers' alert-only subscriptions) and each
-- delivery attempt's state, with the dead letters that ran out of retries.
-- kind: 'webhook' (REST API), 'fhir-subscription' (/fhir/Subscription), 'alert-subscription' (a person following one
-- patient's alerts; url NULL = event stream only). Deliveries are made only for alerts of patients the owner may see.
-- secret signs every body (HMAC-SHA256); it is shown once, when created, and kept here to sign.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE webhook (
    id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    kind         VARCHAR(24)   NOT NULL,
    owner        VARCHAR(100)  NOT NULL,
    url          VARCHAR(2000),
    secret       VARCHAR(100),
    patient_id   VARCHAR(64),
    min_priority VARCHAR(10),
    actions      VARCHAR(200)  NOT NULL,
    payload      VARCHAR(16)   NOT NULL,
    headers      VARCHAR(2000),
    criteria     VARCHAR(500),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    active       BOOLEAN       NOT NULL,
    CONSTRAINT webhook_kind_known CHECK (kind IN ('webhook', 'fhir-subscription', 'alert-subscription')),
    CONSTRAINT webhook_payload_known CHECK (payload IN ('vigil', 'fhir-flag', 'empty'))
);
CREATE INDEX webhook_owner_idx ON webhook (owner, kind);

-- state: pending (due at next_attempt_at), delivered, dead (gave up; a dead letter until replayed), cancelled
-- (its webhook was deleted).
CREATE TABLE webhook_delivery (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    webhook_id      VARCHAR(64)   NOT NULL REFERENCES webhook (id),
    alert_id        VARCHAR(64)   NOT NULL,
    patient_id      VARCHAR(64)   NOT NULL,
    action          VARCHAR(32)   NOT NULL,
    body            VARCHAR(16000) NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(500),
    CONSTRAINT webhook_delivery_state_known CHECK (state IN ('pending', 'delivered', 'dead', 'cancelled'))
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (state, next_attempt_at);
CREATE INDEX webhook_delivery_hook_idx ON webhook_delivery (webhook_id, state);
