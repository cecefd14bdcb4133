-- V032 files in the database (PostgreSQL): documents, photos, bank files and packs kept in the database when
-- Storage:Kind is Database (every instance reads what any wrote; pg_dump holds them), under the relative key they
-- would have under Storage:Path, with their content type, size, SHA-256 and when they were stored.

CREATE TABLE stored_files (
    key character varying(200) NOT NULL,
    content bytea NOT NULL,
    content_type character varying(100) NOT NULL,
    size bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    created_utc timestamp with time zone NOT NULL,
    CONSTRAINT pk_stored_files PRIMARY KEY (key)
);
