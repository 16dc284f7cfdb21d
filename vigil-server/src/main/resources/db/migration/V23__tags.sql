-- Secure NFC tags (NTAG 424 DNA, SUN in AES mode): tag profiles with their SDM keys, registered tags with what they
-- identify, and every scan (accepted or refused). Keys are stored sealed with AES-256-GCM under the key from
-- vigil.tags.key-encryption-key (base64 of nonce ‖ ciphertext ‖ tag); they never leave the server.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE tag_profile (
    id                    VARCHAR(64)  NOT NULL PRIMARY KEY,
    meta_read_key_sealed  VARCHAR(200) NOT NULL,
    -- the default SDM file-read key of the profile's tags, or null
    file_read_key_sealed  VARCHAR(200),
    -- AN10922 master key: a tag without its own key uses CMAC(master, 0x01 ‖ UID), or null
    master_key_sealed     VARCHAR(200),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tag_profile_file_key CHECK (file_read_key_sealed IS NULL OR master_key_sealed IS NULL)
);

CREATE TABLE tag (
    uid                  VARCHAR(14)  NOT NULL PRIMARY KEY,
    profile_id           VARCHAR(64)  NOT NULL REFERENCES tag_profile (id),
    file_read_key_sealed VARCHAR(200),
    kind                 VARCHAR(16)  NOT NULL,
    patient_id           VARCHAR(64)  REFERENCES patient (id),
    practitioner         VARCHAR(100),
    asset_id             VARCHAR(64),
    -- what the asset is (infusion-pump, wheelchair…), for utilisation per type
    asset_type           VARCHAR(64),
    status               VARCHAR(16)  NOT NULL,
    -- the highest read counter accepted so far; a tap at or below it is a replay
    last_counter         INTEGER,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT tag_kind_known CHECK (kind IN ('wristband', 'badge', 'asset')),
    CONSTRAINT tag_status_known CHECK (status IN ('active', 'revoked'))
);
CREATE INDEX tag_patient_idx ON tag (patient_id);
CREATE INDEX tag_asset_idx ON tag (asset_id);

-- Every scan through POST /api/v1/tags/scan or a reader, accepted (code null) or refused (code VIGIL-17xx).
CREATE TABLE tag_scan (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    scanned_at TIMESTAMP WITH TIME ZONE NOT NULL,
    uid        VARCHAR(14),
    counter    INTEGER,
    reader     VARCHAR(64),
    actor      VARCHAR(100) NOT NULL,
    accepted   BOOLEAN      NOT NULL,
    code       VARCHAR(16)
);
CREATE INDEX tag_scan_uid_idx ON tag_scan (uid, scanned_at);
CREATE INDEX tag_scan_time_idx ON tag_scan (scanned_at);
