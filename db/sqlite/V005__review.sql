-- V005 review (SQLite): sessions of the LRAC and their actas (numbered per local office and year), attendance, the
-- committee's overrides with their reasons, and the awards each approved acta stores (explanations as
-- JSON, the split by funding source in award_funding).
-- Generated from the model with `schema-script`, then kept as is.

CREATE TABLE "actas" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_actas" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "local_office_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "held_utc" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "opened_utc" TEXT NOT NULL,
    "opened_by_user_id" INTEGER NOT NULL,
    "year" INTEGER NULL,
    "number" INTEGER NULL,
    "approved_utc" TEXT NULL,
    "approved_by_user_id" INTEGER NULL,
    "appeals_until_utc" TEXT NULL,
    "voting_members" INTEGER NULL,
    "voting_present" INTEGER NULL,
    "notes_json" TEXT NULL,
    "total" TEXT NULL,
    "budget" TEXT NULL,
    "revision" INTEGER NOT NULL,
    CONSTRAINT "fk_actas_local_offices_local_office_id" FOREIGN KEY ("local_office_id") REFERENCES "local_offices" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_actas_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_actas_users_approved_by_user_id" FOREIGN KEY ("approved_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_actas_users_opened_by_user_id" FOREIGN KEY ("opened_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "acta_attendance" (
    "member_id" INTEGER NOT NULL,
    "acta_id" INTEGER NOT NULL,
    "present" INTEGER NOT NULL,
    CONSTRAINT "pk_acta_attendance" PRIMARY KEY ("acta_id", "member_id"),
    CONSTRAINT "fk_acta_attendance_actas_acta_id" FOREIGN KEY ("acta_id") REFERENCES "actas" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_acta_attendance_lrac_members_member_id" FOREIGN KEY ("member_id") REFERENCES "lrac_members" ("id") ON DELETE RESTRICT
);

CREATE TABLE "acta_overrides" (
    "entry_id" INTEGER NOT NULL,
    "acta_id" INTEGER NOT NULL,
    "amount" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "by_user_id" INTEGER NOT NULL,
    "at_utc" TEXT NOT NULL,
    CONSTRAINT "pk_acta_overrides" PRIMARY KEY ("acta_id", "entry_id"),
    CONSTRAINT "fk_acta_overrides_actas_acta_id" FOREIGN KEY ("acta_id") REFERENCES "actas" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_acta_overrides_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_acta_overrides_users_by_user_id" FOREIGN KEY ("by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "awards" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_awards" PRIMARY KEY AUTOINCREMENT,
    "acta_id" INTEGER NOT NULL,
    "round_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "pool_key" TEXT NOT NULL,
    "place" INTEGER NOT NULL,
    "final" TEXT NOT NULL,
    "qualified" INTEGER NOT NULL,
    "computed" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "override_reason" TEXT NULL,
    "explanation_json" TEXT NOT NULL,
    "not_funded_requested" TEXT NULL,
    "not_funded_reason_json" TEXT NULL,
    "current" INTEGER NOT NULL,
    CONSTRAINT "fk_awards_actas_acta_id" FOREIGN KEY ("acta_id") REFERENCES "actas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_awards_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_awards_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT
);

CREATE TABLE "award_funding" (
    "funding_source_id" INTEGER NOT NULL,
    "award_id" INTEGER NOT NULL,
    "amount" TEXT NOT NULL,
    CONSTRAINT "pk_award_funding" PRIMARY KEY ("award_id", "funding_source_id"),
    CONSTRAINT "fk_award_funding_awards_award_id" FOREIGN KEY ("award_id") REFERENCES "awards" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_award_funding_funding_sources_funding_source_id" FOREIGN KEY ("funding_source_id") REFERENCES "funding_sources" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_acta_attendance_member_id" ON "acta_attendance" ("member_id");

CREATE INDEX "ix_acta_overrides_by_user_id" ON "acta_overrides" ("by_user_id");

CREATE INDEX "ix_acta_overrides_entry_id" ON "acta_overrides" ("entry_id");

CREATE INDEX "ix_actas_approved_by_user_id" ON "actas" ("approved_by_user_id");

CREATE UNIQUE INDEX "ix_actas_local_office_id_year_number" ON "actas" ("local_office_id", "year", "number");

CREATE INDEX "ix_actas_opened_by_user_id" ON "actas" ("opened_by_user_id");

CREATE INDEX "ix_actas_round_id" ON "actas" ("round_id");

CREATE INDEX "ix_award_funding_funding_source_id" ON "award_funding" ("funding_source_id");

CREATE UNIQUE INDEX "ix_awards_acta_id_entry_id" ON "awards" ("acta_id", "entry_id");

CREATE INDEX "ix_awards_entry_id" ON "awards" ("entry_id");

CREATE INDEX "ix_awards_round_id_current" ON "awards" ("round_id", "current");
