-- A funded plan after its contract: receipts (supplier RUC, voucher type and number once only, amount, who paid, component),
-- counterpart deposits and progress reports with the LRAC's approval. A later tranche's conditions are computed from them.
CREATE TABLE "plan_receipts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_plan_receipts" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "issued_on" TEXT NOT NULL,
    "supplier_ruc" TEXT NOT NULL,
    "document_type" TEXT NOT NULL,
    "document_number" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "paid_by" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "recorded_by_user_id" INTEGER NOT NULL,
    "recorded_utc" TEXT NOT NULL,
    CONSTRAINT "fk_plan_receipts_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_plan_receipts_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_plan_receipts_users_recorded_by_user_id" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_plan_receipts_entry_id" ON "plan_receipts" ("entry_id");

CREATE INDEX "ix_plan_receipts_recorded_by_user_id" ON "plan_receipts" ("recorded_by_user_id");

CREATE INDEX "ix_plan_receipts_round_id" ON "plan_receipts" ("round_id");

CREATE UNIQUE INDEX "ix_plan_receipts_supplier_ruc_document_type_document_number" ON "plan_receipts" ("supplier_ruc", "document_type", "document_number");

CREATE TABLE "counterpart_deposits" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_counterpart_deposits" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "deposited_on" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "bank_reference" TEXT NOT NULL,
    "recorded_by_user_id" INTEGER NOT NULL,
    "recorded_utc" TEXT NOT NULL,
    CONSTRAINT "fk_counterpart_deposits_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_counterpart_deposits_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_counterpart_deposits_users_recorded_by_user_id" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_counterpart_deposits_entry_id" ON "counterpart_deposits" ("entry_id");

CREATE INDEX "ix_counterpart_deposits_recorded_by_user_id" ON "counterpart_deposits" ("recorded_by_user_id");

CREATE INDEX "ix_counterpart_deposits_round_id" ON "counterpart_deposits" ("round_id");

CREATE TABLE "progress_reports" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_progress_reports" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "received_on" TEXT NOT NULL,
    "narrative" TEXT NOT NULL,
    "progress_json" TEXT NOT NULL,
    "recorded_by_user_id" INTEGER NOT NULL,
    "recorded_utc" TEXT NOT NULL,
    "approval_acta" TEXT NULL,
    "approved_on" TEXT NULL,
    "approval_recorded_by_user_id" INTEGER NULL,
    CONSTRAINT "fk_progress_reports_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_progress_reports_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_progress_reports_users_approval_recorded_by_user_id" FOREIGN KEY ("approval_recorded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_progress_reports_users_recorded_by_user_id" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_progress_reports_approval_recorded_by_user_id" ON "progress_reports" ("approval_recorded_by_user_id");

CREATE INDEX "ix_progress_reports_entry_id" ON "progress_reports" ("entry_id");

CREATE INDEX "ix_progress_reports_recorded_by_user_id" ON "progress_reports" ("recorded_by_user_id");

CREATE INDEX "ix_progress_reports_round_id" ON "progress_reports" ("round_id");
