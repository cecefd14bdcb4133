-- V031 report attachments (SQLite): files (PDF, JPEG, PNG) attached to a funded plan's progress report, each
-- with its name as uploaded, an optional caption, its content type, size and SHA-256 (the file is stored by it), who
-- uploaded it and when. Added and removed only while the report awaits the LRAC.

CREATE TABLE "report_attachments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_report_attachments" PRIMARY KEY AUTOINCREMENT,
    "report_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "caption" TEXT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaded_by_user_id" INTEGER NOT NULL,
    "uploaded_utc" TEXT NOT NULL,
    CONSTRAINT "fk_report_attachments_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_report_attachments_progress_reports_report_id" FOREIGN KEY ("report_id") REFERENCES "progress_reports" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_report_attachments_users_uploaded_by_user_id" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_report_attachments_entry_id" ON "report_attachments" ("entry_id");

CREATE INDEX "ix_report_attachments_report_id" ON "report_attachments" ("report_id");

CREATE INDEX "ix_report_attachments_uploaded_by_user_id" ON "report_attachments" ("uploaded_by_user_id");
