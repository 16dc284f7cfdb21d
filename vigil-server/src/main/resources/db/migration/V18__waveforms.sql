-- Sampled signals (ECG leads, pleth): one row per frame a device sent, its samples compressed losslessly
-- (zig-zag delta varint, vigil-codec SampleDeltas). start_us / end_us are microseconds since 1970-01-01T00:00Z
-- (end = just after the last sample), so a window is read through the (patient, signal, start) index without
-- touching the rest of the record. Kept for vigil.waveform.retention, apart from the vitals.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE waveform_chunk (
    id           BIGINT       NOT NULL PRIMARY KEY,
    device_id    VARCHAR(64)  NOT NULL,
    patient_id   VARCHAR(64),
    signal       VARCHAR(16)  NOT NULL,
    sequence     BIGINT       NOT NULL,
    start_us     BIGINT       NOT NULL,
    end_us       BIGINT       NOT NULL,
    sample_rate  DOUBLE PRECISION NOT NULL,
    sample_count INTEGER      NOT NULL,
    unit         VARCHAR(8)   NOT NULL,
    gain         DOUBLE PRECISION NOT NULL,
    baseline     INTEGER      NOT NULL,
    leads_off    BOOLEAN      NOT NULL,
    samples      BYTEA        NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT waveform_chunk_frame_unique UNIQUE (device_id, signal, sequence, start_us)
);
CREATE INDEX waveform_chunk_patient_idx ON waveform_chunk (patient_id, signal, start_us);
CREATE INDEX waveform_chunk_device_idx ON waveform_chunk (device_id, signal, start_us);
CREATE INDEX waveform_chunk_received_idx ON waveform_chunk (received_at);

-- Breaks in a device's frame stream, recorded as found and never smoothed over: a sequence number that skips
-- (gap) or repeats / goes back (overlap), or a start time before the previous frame's end (overlap) or after
-- it by more than a sample (gap). size_us: the missing or doubled time.
CREATE TABLE waveform_discontinuity (
    id                BIGINT      NOT NULL PRIMARY KEY,
    device_id         VARCHAR(64) NOT NULL,
    patient_id        VARCHAR(64),
    signal            VARCHAR(16) NOT NULL,
    kind              VARCHAR(8)  NOT NULL,
    expected_sequence BIGINT      NOT NULL,
    sequence          BIGINT      NOT NULL,
    at_us             BIGINT      NOT NULL,
    size_us           BIGINT      NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT waveform_discontinuity_kind CHECK (kind IN ('gap', 'overlap'))
);
CREATE INDEX waveform_discontinuity_patient_idx ON waveform_discontinuity (patient_id, signal, at_us);
CREATE INDEX waveform_discontinuity_device_idx ON waveform_discontinuity (device_id, signal, at_us);
