-- V001 init (SQLite): accounts, the hash-chained audit trail, data-protection keys.
-- Applied by MigrationRunner in one transaction; recorded in schema_migrations. Never edit once
-- published: add V002__….sql. `dotnet run --project src/Contests.Web -- schema-script --provider sqlite`
-- prints what the current model expects; the schema-equality test fails when the two differ.

CREATE TABLE "audit_records" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_audit_records" PRIMARY KEY AUTOINCREMENT,
    "sequence" INTEGER NOT NULL,
    "occurred_utc" TEXT NOT NULL,
    "actor_user_id" INTEGER NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" TEXT NULL,
    "after" TEXT NULL,
    "previous_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NOT NULL,
    "xml" TEXT NOT NULL
);

CREATE TABLE "users" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_users" PRIMARY KEY AUTOINCREMENT,
    "user_name" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "security_stamp" TEXT NOT NULL,
    "is_active" INTEGER NOT NULL,
    "failed_sign_in_count" INTEGER NOT NULL,
    "lockout_end_utc" TEXT NULL,
    "created_utc" TEXT NOT NULL,
    "last_sign_in_utc" TEXT NULL
);

CREATE TABLE "user_roles" (
    "user_id" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "pk_user_roles" PRIMARY KEY ("user_id", "role"),
    CONSTRAINT "fk_user_roles_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_audit_records_entity_type_entity_id" ON "audit_records" ("entity_type", "entity_id");

CREATE UNIQUE INDEX "ix_audit_records_sequence" ON "audit_records" ("sequence");

CREATE UNIQUE INDEX "ix_users_user_name" ON "users" ("user_name");

-- The audit trail is append-only: the database refuses to change or remove a record.
CREATE TRIGGER "audit_records_no_update" BEFORE UPDATE ON "audit_records"
BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END;

CREATE TRIGGER "audit_records_no_delete" BEFORE DELETE ON "audit_records"
BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END;
