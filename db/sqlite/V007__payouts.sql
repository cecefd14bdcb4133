-- V007 payouts (SQLite): payouts (one per award or tranche, unique end-to-end id, four-eyes approval, the account as
-- approved), their split by funding source, later tranches' conditions, and the batches sent to the bank.
-- Generated from the model with `schema-script`, then kept as is.

CREATE TABLE "payout_batches" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_payout_batches" PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL,
    "execute_at_utc" TEXT NOT NULL,
    "debtor_name" TEXT NOT NULL,
    "debtor_account" TEXT NOT NULL,
    "debtor_bic" TEXT NULL,
    "payout_count" INTEGER NOT NULL,
    "total" TEXT NOT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "created_utc" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "last_error" TEXT NULL,
    "last_attempt_utc" TEXT NULL,
    "next_attempt_utc" TEXT NULL,
    "executed_utc" TEXT NULL,
    "executed_by" TEXT NULL,
    "xml_sha256" TEXT NULL,
    "csv_sha256" TEXT NULL,
    "revision" INTEGER NOT NULL,
    CONSTRAINT "fk_payout_batches_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "payouts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_payouts" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "award_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "entry_number" INTEGER NOT NULL,
    "beneficiary_name" TEXT NOT NULL,
    "tranche" INTEGER NOT NULL,
    "tranche_count" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "end_to_end_id" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "created_utc" TEXT NOT NULL,
    "approved_by_user_id" INTEGER NULL,
    "approved_utc" TEXT NULL,
    "bank_account_id" INTEGER NULL,
    "bank_name" TEXT NULL,
    "account_number" TEXT NULL,
    "cci" TEXT NULL,
    "creditor_name" TEXT NULL,
    "batch_id" INTEGER NULL,
    "sent_utc" TEXT NULL,
    "paid_on" TEXT NULL,
    "paid_recorded_utc" TEXT NULL,
    "reference" TEXT NULL,
    "received_by" TEXT NULL,
    "thumb_printed" INTEGER NULL,
    "paid_recorded_by_user_id" INTEGER NULL,
    "failure_reason" TEXT NULL,
    "failed_utc" TEXT NULL,
    "reissue_of_id" INTEGER NULL,
    "revision" INTEGER NOT NULL,
    CONSTRAINT "fk_payouts_awards_award_id" FOREIGN KEY ("award_id") REFERENCES "awards" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payouts_bank_accounts_bank_account_id" FOREIGN KEY ("bank_account_id") REFERENCES "bank_accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payouts_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payouts_payout_batches_batch_id" FOREIGN KEY ("batch_id") REFERENCES "payout_batches" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payouts_payouts_reissue_of_id" FOREIGN KEY ("reissue_of_id") REFERENCES "payouts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payouts_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payouts_users_approved_by_user_id" FOREIGN KEY ("approved_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payouts_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payouts_users_paid_recorded_by_user_id" FOREIGN KEY ("paid_recorded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "payout_conditions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_payout_conditions" PRIMARY KEY AUTOINCREMENT,
    "payout_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NULL,
    "accounted" TEXT NULL,
    "recorded_by_user_id" INTEGER NOT NULL,
    "recorded_utc" TEXT NOT NULL,
    CONSTRAINT "fk_payout_conditions_payouts_payout_id" FOREIGN KEY ("payout_id") REFERENCES "payouts" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_payout_conditions_users_recorded_by_user_id" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "payout_shares" (
    "payout_id" INTEGER NOT NULL,
    "funding_source_id" INTEGER NOT NULL,
    "amount" TEXT NOT NULL,
    CONSTRAINT "pk_payout_shares" PRIMARY KEY ("payout_id", "funding_source_id"),
    CONSTRAINT "fk_payout_shares_funding_sources_funding_source_id" FOREIGN KEY ("funding_source_id") REFERENCES "funding_sources" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payout_shares_payouts_payout_id" FOREIGN KEY ("payout_id") REFERENCES "payouts" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_payout_batches_created_by_user_id" ON "payout_batches" ("created_by_user_id");

CREATE INDEX "ix_payout_batches_state" ON "payout_batches" ("state");

CREATE UNIQUE INDEX "ix_payout_conditions_payout_id_kind" ON "payout_conditions" ("payout_id", "kind");

CREATE INDEX "ix_payout_conditions_recorded_by_user_id" ON "payout_conditions" ("recorded_by_user_id");

CREATE INDEX "ix_payout_shares_funding_source_id" ON "payout_shares" ("funding_source_id");

CREATE INDEX "ix_payouts_approved_by_user_id" ON "payouts" ("approved_by_user_id");

CREATE UNIQUE INDEX "ix_payouts_award_id_tranche_version" ON "payouts" ("award_id", "tranche", "version");

CREATE INDEX "ix_payouts_bank_account_id" ON "payouts" ("bank_account_id");

CREATE INDEX "ix_payouts_batch_id_state" ON "payouts" ("batch_id", "state");

CREATE INDEX "ix_payouts_created_by_user_id" ON "payouts" ("created_by_user_id");

CREATE UNIQUE INDEX "ix_payouts_end_to_end_id" ON "payouts" ("end_to_end_id");

CREATE INDEX "ix_payouts_entry_id" ON "payouts" ("entry_id");

CREATE INDEX "ix_payouts_paid_recorded_by_user_id" ON "payouts" ("paid_recorded_by_user_id");

CREATE UNIQUE INDEX "ix_payouts_reissue_of_id" ON "payouts" ("reissue_of_id");

CREATE INDEX "ix_payouts_round_id_state" ON "payouts" ("round_id", "state");
