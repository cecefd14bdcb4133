-- V036 receipt files (PostgreSQL): a funded plan's receipt may carry the voucher's photo or PDF, and a counterpart
-- deposit its bank statement: the file's name as uploaded, its content type, size and SHA-256 (the file is stored by it),
-- who attached it and when. Null until one is attached; replaced only until a later tranche is approved on the record.

ALTER TABLE plan_receipts
    ADD COLUMN file_name character varying(200),
    ADD COLUMN file_content_type character varying(32),
    ADD COLUMN file_size bigint,
    ADD COLUMN file_sha256 character varying(64),
    ADD COLUMN file_uploaded_by_user_id integer,
    ADD COLUMN file_uploaded_utc timestamp with time zone;

ALTER TABLE counterpart_deposits
    ADD COLUMN file_name character varying(200),
    ADD COLUMN file_content_type character varying(32),
    ADD COLUMN file_size bigint,
    ADD COLUMN file_sha256 character varying(64),
    ADD COLUMN file_uploaded_by_user_id integer,
    ADD COLUMN file_uploaded_utc timestamp with time zone;
