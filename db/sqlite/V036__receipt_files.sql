-- V036 receipt files (SQLite): a funded plan's receipt may carry the voucher's photo or PDF, and a counterpart deposit
-- its bank statement: the file's name as uploaded, its content type, size and SHA-256 (the file is stored by it), who
-- attached it and when. Null until one is attached; replaced only until a later tranche is approved on the record.

ALTER TABLE "plan_receipts" ADD COLUMN "file_name" TEXT NULL;
ALTER TABLE "plan_receipts" ADD COLUMN "file_content_type" TEXT NULL;
ALTER TABLE "plan_receipts" ADD COLUMN "file_size" INTEGER NULL;
ALTER TABLE "plan_receipts" ADD COLUMN "file_sha256" TEXT NULL;
ALTER TABLE "plan_receipts" ADD COLUMN "file_uploaded_by_user_id" INTEGER NULL;
ALTER TABLE "plan_receipts" ADD COLUMN "file_uploaded_utc" TEXT NULL;

ALTER TABLE "counterpart_deposits" ADD COLUMN "file_name" TEXT NULL;
ALTER TABLE "counterpart_deposits" ADD COLUMN "file_content_type" TEXT NULL;
ALTER TABLE "counterpart_deposits" ADD COLUMN "file_size" INTEGER NULL;
ALTER TABLE "counterpart_deposits" ADD COLUMN "file_sha256" TEXT NULL;
ALTER TABLE "counterpart_deposits" ADD COLUMN "file_uploaded_by_user_id" INTEGER NULL;
ALTER TABLE "counterpart_deposits" ADD COLUMN "file_uploaded_utc" TEXT NULL;
