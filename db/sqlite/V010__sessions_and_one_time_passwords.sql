-- V010 sessions and one-time passwords (SQLite): a row per signed-in browser (the sign-in cookie names it; signing
-- out deletes it, so a copied cookie stops working), and on users whether the password was made by someone else
-- (must be changed at the first sign-in) and when such a one-time password expires. Existing accounts chose
-- their own password (default 0).

ALTER TABLE "users" ADD "must_change_password" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "users" ADD "password_expires_utc" TEXT NULL;

CREATE TABLE "user_sessions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_user_sessions" PRIMARY KEY,
    "user_id" INTEGER NOT NULL,
    "created_utc" TEXT NOT NULL,
    "last_seen_utc" TEXT NOT NULL,
    CONSTRAINT "fk_user_sessions_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_user_sessions_user_id" ON "user_sessions" ("user_id");
