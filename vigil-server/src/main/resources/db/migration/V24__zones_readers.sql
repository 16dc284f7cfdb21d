-- Zones (a FHIR Location hierarchy: site → building → unit → room → bed), the readers that cover them, every tag
-- read, and where each tag is now (derived from the reads with hysteresis).
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE zone (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    parent_id  VARCHAR(64)  REFERENCES zone (id),
    -- for a unit: the care unit (patient.care_unit) it houses
    care_unit  VARCHAR(64),
    -- an exit (door, lift lobby): a patient wristband read here raises an alert
    is_exit    BOOLEAN      NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT zone_kind_known CHECK (kind IN ('site', 'building', 'unit', 'room', 'bed', 'area'))
);
CREATE INDEX zone_parent_idx ON zone (parent_id);

-- A reader is a registered device (its id and secret) fixed in one zone.
CREATE TABLE tag_reader (
    id         VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES device (id),
    zone_id    VARCHAR(64) NOT NULL REFERENCES zone (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The zone an asset belongs in; leaving it (for a zone outside it) raises an alert.
ALTER TABLE tag ADD COLUMN home_zone VARCHAR(64) REFERENCES zone (id);

CREATE TABLE tag_read (
    id        VARCHAR(64) NOT NULL PRIMARY KEY,
    uid       VARCHAR(14) NOT NULL,
    reader_id VARCHAR(64) NOT NULL,
    zone_id   VARCHAR(64) NOT NULL,
    rssi      INTEGER,
    read_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tag_read_uid_idx ON tag_read (uid, read_at);

-- Where each tag is now, and each change of zone (the trail).
CREATE TABLE tag_location (
    uid        VARCHAR(14) NOT NULL PRIMARY KEY,
    zone_id    VARCHAR(64) NOT NULL,
    since      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tag_location_zone_idx ON tag_location (zone_id);

CREATE TABLE tag_movement (
    id        VARCHAR(64) NOT NULL PRIMARY KEY,
    uid       VARCHAR(14) NOT NULL,
    zone_id   VARCHAR(64) NOT NULL,
    entered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tag_movement_uid_idx ON tag_movement (uid, entered_at);

-- Positive patient identification at the bedside: a device assigned to a patient by scanning the patient's wristband
-- and then the device, with both scans kept as evidence.
CREATE TABLE bedside_identification (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    patient_id      VARCHAR(64)  NOT NULL REFERENCES patient (id),
    device_id       VARCHAR(64)  NOT NULL REFERENCES device (id),
    assignment_id   VARCHAR(64)  NOT NULL,
    wristband_scan  VARCHAR(64)  NOT NULL REFERENCES tag_scan (id),
    device_scan     VARCHAR(64)  REFERENCES tag_scan (id),
    identified_by   VARCHAR(100) NOT NULL,
    identified_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX bedside_identification_patient_idx ON bedside_identification (patient_id);

-- A reading confirmed as taken for the patient whose wristband was scanned just before it.
CREATE TABLE bedside_confirmation (
    observation_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    patient_id      VARCHAR(64)  NOT NULL REFERENCES patient (id),
    wristband_scan  VARCHAR(64)  NOT NULL REFERENCES tag_scan (id),
    confirmed_by    VARCHAR(100) NOT NULL,
    confirmed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
