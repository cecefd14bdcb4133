-- V003 rounds (SQLite): contest rounds (setup, themes, scope, categories), versioned rules
-- (rubric + prize schedule as one JSON document per version), dated phase changes and the phase
-- history, entries with their baseline activities and photos (files live outside the database).
-- Generated from the model with `schema-script`, then kept as is.

CREATE TABLE "rounds" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_rounds" PRIMARY KEY AUTOINCREMENT,
    "programme_id" INTEGER NOT NULL,
    "local_office_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "pool_by" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "created_utc" TEXT NOT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    CONSTRAINT "fk_rounds_local_offices_local_office_id" FOREIGN KEY ("local_office_id") REFERENCES "local_offices" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_rounds_programmes_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programmes" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_rounds_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "round_categories" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_round_categories" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "fk_round_categories_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE CASCADE
);

CREATE TABLE "round_phase_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_round_phase_changes" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "at_utc" TEXT NOT NULL,
    "user_id" INTEGER NULL,
    "schedule_id" INTEGER NULL,
    "confirmed" INTEGER NOT NULL,
    CONSTRAINT "fk_round_phase_changes_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_round_phase_changes_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "round_rules_versions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_round_rules_versions" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "rules_json" TEXT NOT NULL,
    "reason" TEXT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "created_utc" TEXT NOT NULL,
    CONSTRAINT "fk_round_rules_versions_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_round_rules_versions_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "round_schedule" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_round_schedule" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "to_phase" TEXT NOT NULL,
    "due_utc" TEXT NOT NULL,
    "created_utc" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "settled_utc" TEXT NULL,
    "failure_codes" TEXT NULL,
    "failure_detail" TEXT NULL,
    CONSTRAINT "fk_round_schedule_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE CASCADE
);

CREATE TABLE "round_scope" (
    "round_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    CONSTRAINT "pk_round_scope" PRIMARY KEY ("round_id", "kind", "key"),
    CONSTRAINT "fk_round_scope_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE CASCADE
);

CREATE TABLE "round_themes" (
    "round_id" INTEGER NOT NULL,
    "theme" TEXT NOT NULL,
    CONSTRAINT "pk_round_themes" PRIMARY KEY ("round_id", "theme"),
    CONSTRAINT "fk_round_themes_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE CASCADE
);

CREATE TABLE "entries" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_entries" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "household_id" INTEGER NULL,
    "community_id" INTEGER NULL,
    "organization_id" INTEGER NULL,
    "competitor_key" TEXT NOT NULL,
    "competitor_name" TEXT NOT NULL,
    "district_ubigeo" TEXT NOT NULL,
    "pool_key" TEXT NOT NULL,
    "pool_name" TEXT NOT NULL,
    "category" TEXT NULL,
    "women" INTEGER NOT NULL,
    "no_verified_account" INTEGER NOT NULL,
    "plan_title" TEXT NULL,
    "plan_cost" TEXT NULL,
    "counterpart" TEXT NULL,
    "outcome" TEXT NULL,
    "status" TEXT NOT NULL,
    "status_reason" TEXT NULL,
    "status_changed_utc" TEXT NULL,
    "status_changed_by_user_id" INTEGER NULL,
    "registered_utc" TEXT NOT NULL,
    "registered_by_user_id" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    CONSTRAINT "fk_entries_communities_community_id" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_entries_households_household_id" FOREIGN KEY ("household_id") REFERENCES "households" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_entries_organizations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_entries_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_entries_users_registered_by_user_id" FOREIGN KEY ("registered_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_entries_users_status_changed_by_user_id" FOREIGN KEY ("status_changed_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "baseline_items" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_baseline_items" PRIMARY KEY AUTOINCREMENT,
    "entry_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "activity" TEXT NOT NULL,
    "quantity" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "estimated_value" TEXT NULL,
    "notes" TEXT NULL,
    CONSTRAINT "fk_baseline_items_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE CASCADE
);

CREATE TABLE "baseline_photos" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_baseline_photos" PRIMARY KEY AUTOINCREMENT,
    "entry_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaded_utc" TEXT NOT NULL,
    "uploaded_by_user_id" INTEGER NOT NULL,
    CONSTRAINT "fk_baseline_photos_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_baseline_photos_users_uploaded_by_user_id" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_baseline_items_entry_id" ON "baseline_items" ("entry_id");

CREATE UNIQUE INDEX "ix_baseline_photos_entry_id_sha256" ON "baseline_photos" ("entry_id", "sha256");

CREATE INDEX "ix_baseline_photos_uploaded_by_user_id" ON "baseline_photos" ("uploaded_by_user_id");

CREATE INDEX "ix_entries_community_id" ON "entries" ("community_id");

CREATE INDEX "ix_entries_household_id" ON "entries" ("household_id");

CREATE INDEX "ix_entries_organization_id" ON "entries" ("organization_id");

CREATE INDEX "ix_entries_registered_by_user_id" ON "entries" ("registered_by_user_id");

CREATE UNIQUE INDEX "ix_entries_round_id_competitor_key" ON "entries" ("round_id", "competitor_key") WHERE status <> 'Withdrawn';

CREATE UNIQUE INDEX "ix_entries_round_id_number" ON "entries" ("round_id", "number");

CREATE INDEX "ix_entries_status_changed_by_user_id" ON "entries" ("status_changed_by_user_id");

CREATE UNIQUE INDEX "ix_round_categories_round_id_name" ON "round_categories" ("round_id", "name");

CREATE INDEX "ix_round_phase_changes_round_id" ON "round_phase_changes" ("round_id");

CREATE INDEX "ix_round_phase_changes_user_id" ON "round_phase_changes" ("user_id");

CREATE INDEX "ix_round_rules_versions_created_by_user_id" ON "round_rules_versions" ("created_by_user_id");

CREATE UNIQUE INDEX "ix_round_rules_versions_round_id_number" ON "round_rules_versions" ("round_id", "number");

CREATE INDEX "ix_round_schedule_round_id" ON "round_schedule" ("round_id");

CREATE INDEX "ix_rounds_created_by_user_id" ON "rounds" ("created_by_user_id");

CREATE INDEX "ix_rounds_local_office_id" ON "rounds" ("local_office_id");

CREATE INDEX "ix_rounds_programme_id" ON "rounds" ("programme_id");
