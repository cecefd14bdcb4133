-- V032 files in the database (SQLite): documents, photos, bank files and packs kept in the database when
-- Storage:Kind is Database (every instance reads what any wrote; the backup holds them), under the relative key they
-- would have under Storage:Path, with their content type, size, SHA-256 and when they were stored.

CREATE TABLE "stored_files" (
    "key" TEXT NOT NULL CONSTRAINT "pk_stored_files" PRIMARY KEY,
    "content" BLOB NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_utc" TEXT NOT NULL
);
