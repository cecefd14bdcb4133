-- Photos taken at follow-up visits (issue 22: "for each baseline activity the quantity and value now …, photos"):
-- stored like the baseline's, outside the database and named by their SHA-256, with the copy for phones.
CREATE TABLE "follow_up_photos" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_follow_up_photos" PRIMARY KEY AUTOINCREMENT,
    "visit_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "phone_sha256" TEXT NOT NULL,
    "uploaded_utc" TEXT NOT NULL,
    "uploaded_by_user_id" INTEGER NOT NULL,
    CONSTRAINT "fk_follow_up_photos_follow_up_visits_visit_id" FOREIGN KEY ("visit_id") REFERENCES "follow_up_visits" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_follow_up_photos_users_uploaded_by_user_id" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_follow_up_photos_visit_id_sha256" ON "follow_up_photos" ("visit_id", "sha256");

CREATE INDEX "ix_follow_up_photos_uploaded_by_user_id" ON "follow_up_photos" ("uploaded_by_user_id");
