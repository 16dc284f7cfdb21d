-- Who may see which patient. People log in as users with one or more roles; clinicians (and integration service
-- accounts) see the patients of the care units their care teams cover; caregivers see only the patients shared
-- with them; a clinician may open any other patient for a while by breaking the glass, with a reason.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE app_user (
    username      VARCHAR(100) NOT NULL PRIMARY KEY,
    display_name  VARCHAR(200),
    -- Argon2id; NULL for people who log in only through the hospital's identity provider
    password_hash VARCHAR(200),
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE app_user_role (
    username VARCHAR(100) NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    role     VARCHAR(16)  NOT NULL,
    PRIMARY KEY (username, role),
    CONSTRAINT app_user_role_known CHECK (role IN ('admin', 'clinician', 'caregiver', 'integration'))
);

CREATE TABLE care_team (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The care units (patient.care_unit) a team looks after.
CREATE TABLE care_team_unit (
    care_team_id VARCHAR(64) NOT NULL REFERENCES care_team (id) ON DELETE CASCADE,
    unit         VARCHAR(64) NOT NULL,
    PRIMARY KEY (care_team_id, unit)
);

CREATE TABLE care_team_member (
    care_team_id VARCHAR(64)  NOT NULL REFERENCES care_team (id) ON DELETE CASCADE,
    username     VARCHAR(100) NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    PRIMARY KEY (care_team_id, username)
);
CREATE INDEX care_team_member_user_idx ON care_team_member (username);

-- A patient shared with a caregiver (read-only), by whom and when.
CREATE TABLE patient_share (
    patient_id VARCHAR(64)  NOT NULL REFERENCES patient (id),
    username   VARCHAR(100) NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    shared_by  VARCHAR(100) NOT NULL,
    shared_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (patient_id, username)
);
CREATE INDEX patient_share_user_idx ON patient_share (username);

-- Emergency access outside the caller's care teams: time-limited, with the reason given.
CREATE TABLE break_glass (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    username   VARCHAR(100) NOT NULL,
    patient_id VARCHAR(64)  NOT NULL REFERENCES patient (id),
    reason     VARCHAR(500) NOT NULL,
    opened_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX break_glass_user_idx ON break_glass (username, expires_at);
