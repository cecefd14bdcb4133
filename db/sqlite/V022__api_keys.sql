-- V022 read API (SQLite): the keys funders' systems present to /api/v1 (name, visible prefix, SHA-256 of the token —
-- never the token —, who created and revoked them) and the log of every API answer (key, path, status, when).

CREATE TABLE "api_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_api_keys" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_utc" TEXT NOT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "revoked_utc" TEXT NULL,
    "revoked_by_user_id" INTEGER NULL,
    CONSTRAINT "fk_api_keys_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_api_keys_users_revoked_by_user_id" FOREIGN KEY ("revoked_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "api_requests" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_api_requests" PRIMARY KEY AUTOINCREMENT,
    "api_key_id" INTEGER NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "requested_utc" TEXT NOT NULL,
    CONSTRAINT "fk_api_requests_api_keys_api_key_id" FOREIGN KEY ("api_key_id") REFERENCES "api_keys" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_api_keys_created_by_user_id" ON "api_keys" ("created_by_user_id");

CREATE UNIQUE INDEX "ix_api_keys_prefix" ON "api_keys" ("prefix");

CREATE INDEX "ix_api_keys_revoked_by_user_id" ON "api_keys" ("revoked_by_user_id");

CREATE INDEX "ix_api_requests_api_key_id_requested_utc" ON "api_requests" ("api_key_id", "requested_utc");
