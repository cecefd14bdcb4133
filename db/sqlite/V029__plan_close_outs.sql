-- A funded plan's close-out (liquidación): the final report, the totals accounted for, the refund of what was not
-- (amount, day, bank operation) and the rating. Once per plan; a closed plan takes no more records.
CREATE TABLE "plan_close_outs" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_plan_close_outs" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "final_report_id" INTEGER NOT NULL,
    "paid" TEXT NOT NULL,
    "accounted_project" TEXT NOT NULL,
    "accounted_counterpart" TEXT NOT NULL,
    "refund" TEXT NOT NULL,
    "refunded_on" TEXT NULL,
    "refund_reference" TEXT NULL,
    "rating" INTEGER NOT NULL,
    "closed_on" TEXT NOT NULL,
    "closed_by_user_id" INTEGER NOT NULL,
    "closed_utc" TEXT NOT NULL,
    CONSTRAINT "fk_plan_close_outs_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_plan_close_outs_progress_reports_final_report_id" FOREIGN KEY ("final_report_id") REFERENCES "progress_reports" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_plan_close_outs_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_plan_close_outs_users_closed_by_user_id" FOREIGN KEY ("closed_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_plan_close_outs_closed_by_user_id" ON "plan_close_outs" ("closed_by_user_id");

CREATE UNIQUE INDEX "ix_plan_close_outs_entry_id" ON "plan_close_outs" ("entry_id");

CREATE INDEX "ix_plan_close_outs_final_report_id" ON "plan_close_outs" ("final_report_id");

CREATE INDEX "ix_plan_close_outs_round_id" ON "plan_close_outs" ("round_id");
