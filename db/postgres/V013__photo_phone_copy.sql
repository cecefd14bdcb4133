-- Baseline photos: the copy served to phones (JPEG, ≤ 1280 px, ≤ 200 KB), stored beside the original and
-- checked against this SHA-256 like it. Null for photos stored before it existed.
ALTER TABLE baseline_photos ADD COLUMN phone_sha256 character varying(64) NULL;
