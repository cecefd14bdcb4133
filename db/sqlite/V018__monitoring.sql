-- V018 monitoring (SQLite): the head of household's mother tongue and education; an entry's facts fixed at entry (sex and
-- age of the head, women-headed, mother tongue, education, persons) for the indicators; follow-up visits (the "after" record)
-- with their activities and spending. Entries made before this version get their facts from the household as it is now
-- (the best there is), with the age in the year of entry (Lima is UTC−5 all year).

ALTER TABLE "households" ADD COLUMN "mother_tongue" TEXT NULL;
ALTER TABLE "households" ADD COLUMN "education" TEXT NULL;

ALTER TABLE "entries" ADD COLUMN "facts_head_sex" TEXT NULL;
ALTER TABLE "entries" ADD COLUMN "facts_age_at_entry" INTEGER NULL;
ALTER TABLE "entries" ADD COLUMN "facts_women_headed" INTEGER NULL;
ALTER TABLE "entries" ADD COLUMN "facts_mother_tongue" TEXT NULL;
ALTER TABLE "entries" ADD COLUMN "facts_education" TEXT NULL;
ALTER TABLE "entries" ADD COLUMN "facts_persons" INTEGER NULL;

UPDATE "entries"
SET "facts_head_sex" = (SELECT h."head_sex" FROM "households" h WHERE h."id" = "entries"."household_id"),
    "facts_age_at_entry" = CAST(strftime('%Y', "registered_utc", '-5 hours') AS INTEGER)
        - (SELECT h."head_birth_year" FROM "households" h WHERE h."id" = "entries"."household_id"),
    "facts_women_headed" = (SELECT h."women_headed" FROM "households" h WHERE h."id" = "entries"."household_id"),
    "facts_persons" = (SELECT max(h."members", 1) FROM "households" h WHERE h."id" = "entries"."household_id")
WHERE "household_id" IS NOT NULL AND "level" = 'Households';

CREATE TABLE "follow_up_visits" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_follow_up_visits" PRIMARY KEY AUTOINCREMENT,
    "entry_id" INTEGER NOT NULL,
    "visited_on" TEXT NOT NULL,
    "visited_by" TEXT NOT NULL,
    "visitor_name" TEXT NOT NULL,
    "own_investment" TEXT NOT NULL,
    "investment_kept" INTEGER NOT NULL,
    "notes" TEXT NULL,
    "recorded_utc" TEXT NOT NULL,
    "recorded_by_user_id" INTEGER NOT NULL,
    "import_id" INTEGER NULL,
    CONSTRAINT "fk_follow_up_visits_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_follow_up_visits_imports_import_id" FOREIGN KEY ("import_id") REFERENCES "imports" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_follow_up_visits_users_recorded_by_user_id" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "follow_up_items" (
    "position" INTEGER NOT NULL,
    "visit_id" INTEGER NOT NULL,
    "quantity" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_follow_up_items" PRIMARY KEY ("visit_id", "position"),
    CONSTRAINT "fk_follow_up_items_follow_up_visits_visit_id" FOREIGN KEY ("visit_id") REFERENCES "follow_up_visits" ("id") ON DELETE CASCADE
);

CREATE TABLE "follow_up_spending" (
    "category" TEXT NOT NULL,
    "visit_id" INTEGER NOT NULL,
    "amount" TEXT NOT NULL,
    CONSTRAINT "pk_follow_up_spending" PRIMARY KEY ("visit_id", "category"),
    CONSTRAINT "fk_follow_up_spending_follow_up_visits_visit_id" FOREIGN KEY ("visit_id") REFERENCES "follow_up_visits" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_follow_up_visits_entry_id" ON "follow_up_visits" ("entry_id");
CREATE INDEX "ix_follow_up_visits_import_id" ON "follow_up_visits" ("import_id");
CREATE INDEX "ix_follow_up_visits_recorded_by_user_id" ON "follow_up_visits" ("recorded_by_user_id");
