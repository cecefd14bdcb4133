-- V012 bank file downloads (SQLite): who downloaded which payout batch's bank file (pain.001 XML or CSV: accounts and
-- CCIs), when, under which name and SHA-256. Generated from the model with `schema-script`, then kept as is.

CREATE TABLE "bank_file_downloads" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_bank_file_downloads" PRIMARY KEY AUTOINCREMENT,
    "batch_id" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "downloaded_utc" TEXT NOT NULL,
    CONSTRAINT "fk_bank_file_downloads_payout_batches_batch_id" FOREIGN KEY ("batch_id") REFERENCES "payout_batches" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_bank_file_downloads_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_bank_file_downloads_batch_id" ON "bank_file_downloads" ("batch_id");

CREATE INDEX "ix_bank_file_downloads_user_id" ON "bank_file_downloads" ("user_id");
