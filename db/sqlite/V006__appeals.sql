-- V006 appeals (SQLite): appeals (reclamos) against a published result: who appealed and on what grounds, the LRAC's
-- decision with its reason, and the addendum acta that settles an accepted one.
-- Generated from the model with `schema-script`, then kept as is.

CREATE TABLE "appeals" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_appeals" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "acta_id" INTEGER NOT NULL,
    "appellant" TEXT NOT NULL,
    "grounds" TEXT NOT NULL,
    "received_utc" TEXT NOT NULL,
    "recorded_by_user_id" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "resolution" TEXT NULL,
    "resolved_by_user_id" INTEGER NULL,
    "resolved_utc" TEXT NULL,
    "settled_by_acta_id" INTEGER NULL,
    "revision" INTEGER NOT NULL,
    CONSTRAINT "fk_appeals_actas_acta_id" FOREIGN KEY ("acta_id") REFERENCES "actas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_appeals_actas_settled_by_acta_id" FOREIGN KEY ("settled_by_acta_id") REFERENCES "actas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_appeals_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_appeals_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_appeals_users_recorded_by_user_id" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_appeals_users_resolved_by_user_id" FOREIGN KEY ("resolved_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_appeals_acta_id" ON "appeals" ("acta_id");

CREATE INDEX "ix_appeals_entry_id" ON "appeals" ("entry_id");

CREATE INDEX "ix_appeals_recorded_by_user_id" ON "appeals" ("recorded_by_user_id");

CREATE INDEX "ix_appeals_resolved_by_user_id" ON "appeals" ("resolved_by_user_id");

CREATE INDEX "ix_appeals_round_id" ON "appeals" ("round_id");

CREATE INDEX "ix_appeals_settled_by_acta_id" ON "appeals" ("settled_by_acta_id");
