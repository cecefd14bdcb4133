-- V023 data exports (SQLite): who exported which table (participants, score sheets, awards, payouts, follow-up
-- visits, indicators) as CSV or XLSX, with which filters, whether the file held DNIs, and when.

CREATE TABLE "data_exports" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_exports" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "includes_dni" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "exported_utc" TEXT NOT NULL,
    CONSTRAINT "fk_data_exports_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_data_exports_user_id" ON "data_exports" ("user_id");
