-- V004 judging (SQLite): each round's LRAC members (with their user account, affiliation,
-- role and which parts they score), conflicts of interest declared per entry, and score sheets (one per
-- juror, entry and rubric part; points as a JSON array; revision as the concurrency token).
-- Generated from the model with `schema-script`, then kept as is.

CREATE TABLE "lrac_members" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_lrac_members" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "full_name" TEXT NOT NULL,
    "dni" TEXT NOT NULL,
    "affiliation" TEXT NOT NULL,
    "community_id" INTEGER NULL,
    "organization_id" INTEGER NULL,
    "affiliation_name" TEXT NULL,
    "role" TEXT NOT NULL,
    "field_juror" INTEGER NOT NULL,
    "public_juror" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    "added_utc" TEXT NOT NULL,
    CONSTRAINT "fk_lrac_members_communities_community_id" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_lrac_members_organizations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_lrac_members_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_lrac_members_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "lrac_declared_conflicts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_lrac_declared_conflicts" PRIMARY KEY AUTOINCREMENT,
    "member_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "declared_by_user_id" INTEGER NOT NULL,
    "declared_utc" TEXT NOT NULL,
    CONSTRAINT "fk_lrac_declared_conflicts_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_lrac_declared_conflicts_lrac_members_member_id" FOREIGN KEY ("member_id") REFERENCES "lrac_members" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_lrac_declared_conflicts_users_declared_by_user_id" FOREIGN KEY ("declared_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "score_sheets" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_score_sheets" PRIMARY KEY AUTOINCREMENT,
    "entry_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "part_index" INTEGER NOT NULL,
    "comments" TEXT NULL,
    "state" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "last_save_id" TEXT NULL,
    "typed_by_officer_id" INTEGER NULL,
    "submitted_utc" TEXT NULL,
    "reopened" INTEGER NOT NULL,
    "reopen_reason" TEXT NULL,
    "achieved" TEXT NOT NULL,
    "points" TEXT NOT NULL,
    CONSTRAINT "fk_score_sheets_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_score_sheets_lrac_members_member_id" FOREIGN KEY ("member_id") REFERENCES "lrac_members" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_score_sheets_users_typed_by_officer_id" FOREIGN KEY ("typed_by_officer_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_lrac_declared_conflicts_declared_by_user_id" ON "lrac_declared_conflicts" ("declared_by_user_id");

CREATE INDEX "ix_lrac_declared_conflicts_entry_id" ON "lrac_declared_conflicts" ("entry_id");

CREATE UNIQUE INDEX "ix_lrac_declared_conflicts_member_id_entry_id" ON "lrac_declared_conflicts" ("member_id", "entry_id");

CREATE INDEX "ix_lrac_members_community_id" ON "lrac_members" ("community_id");

CREATE INDEX "ix_lrac_members_organization_id" ON "lrac_members" ("organization_id");

CREATE UNIQUE INDEX "ix_lrac_members_round_id_dni" ON "lrac_members" ("round_id", "dni");

CREATE UNIQUE INDEX "ix_lrac_members_round_id_user_id" ON "lrac_members" ("round_id", "user_id");

CREATE INDEX "ix_lrac_members_user_id" ON "lrac_members" ("user_id");

CREATE UNIQUE INDEX "ix_score_sheets_entry_id_member_id_part_index" ON "score_sheets" ("entry_id", "member_id", "part_index");

CREATE INDEX "ix_score_sheets_member_id" ON "score_sheets" ("member_id");

CREATE INDEX "ix_score_sheets_typed_by_officer_id" ON "score_sheets" ("typed_by_officer_id");
