-- V021 logframe targets (SQLite): the programme's target (meta) per indicator and year, set by project officers and the
-- monitoring officer; the logframe report sets them beside what was executed. Changes are audited like any entity.

CREATE TABLE "logframe_targets" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_logframe_targets" PRIMARY KEY AUTOINCREMENT,
    "indicator" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "updated_utc" TEXT NOT NULL,
    "updated_by_user_id" INTEGER NOT NULL,
    CONSTRAINT "fk_logframe_targets_users_updated_by_user_id" FOREIGN KEY ("updated_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_logframe_targets_indicator_year" ON "logframe_targets" ("indicator", "year");
CREATE INDEX "ix_logframe_targets_updated_by_user_id" ON "logframe_targets" ("updated_by_user_id");
