-- Mapping templates an administrator stored through PUT /api/v1/templates/{name}: the template text as sent,
-- who stored it and when. Shipped templates (classpath) and the templates folder are not kept here.
-- Portable SQL: runs unchanged on H2 (2.x) and PostgreSQL (15+).

CREATE TABLE mapping_template (
    name        VARCHAR(64)    NOT NULL PRIMARY KEY,
    body        VARCHAR(65536) NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
