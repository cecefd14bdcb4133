-- V008 documents (SQLite): issued documents (numbered per kind and year, file SHA-256, public facts, valid/void, one valid per
-- kind and subject, unique verification code), certificate packs built in the background, and the verification key
-- (encrypted with the data-protection keys). Generated from the model with `schema-script`, then kept as is.

CREATE TABLE "document_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_document_keys" PRIMARY KEY,
    "protected_key" TEXT NOT NULL,
    "created_utc" TEXT NOT NULL
);

CREATE TABLE "document_packs" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_document_packs" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "community_id" INTEGER NULL,
    "ceremony_date" TEXT NOT NULL,
    "ceremony_place" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL,
    "requested_by_user_id" INTEGER NOT NULL,
    "requested_utc" TEXT NOT NULL,
    "started_utc" TEXT NULL,
    "finished_utc" TEXT NULL,
    "cancelled_by_user_id" INTEGER NULL,
    "error" TEXT NULL,
    "pdf_sha256" TEXT NULL,
    "pdf_size" INTEGER NULL,
    "zip_sha256" TEXT NULL,
    "zip_size" INTEGER NULL,
    "revision" INTEGER NOT NULL,
    CONSTRAINT "fk_document_packs_communities_community_id" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_document_packs_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_document_packs_users_cancelled_by_user_id" FOREIGN KEY ("cancelled_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_document_packs_users_requested_by_user_id" FOREIGN KEY ("requested_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "documents" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_documents" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "round_id" INTEGER NOT NULL,
    "subject_key" TEXT NOT NULL,
    "award_id" INTEGER NULL,
    "entry_id" INTEGER NULL,
    "community_id" INTEGER NULL,
    "acta_id" INTEGER NULL,
    "batch_id" INTEGER NULL,
    "pack_id" INTEGER NULL,
    "title" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "facts_json" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "issued_utc" TEXT NOT NULL,
    "issued_by_user_id" INTEGER NULL,
    "state" TEXT NOT NULL,
    "voided_utc" TEXT NULL,
    "voided_by_user_id" INTEGER NULL,
    "void_reason" TEXT NULL,
    "replaces_id" INTEGER NULL,
    CONSTRAINT "fk_documents_actas_acta_id" FOREIGN KEY ("acta_id") REFERENCES "actas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_documents_awards_award_id" FOREIGN KEY ("award_id") REFERENCES "awards" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_documents_communities_community_id" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_documents_document_packs_pack_id" FOREIGN KEY ("pack_id") REFERENCES "document_packs" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_documents_documents_replaces_id" FOREIGN KEY ("replaces_id") REFERENCES "documents" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_documents_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_documents_payout_batches_batch_id" FOREIGN KEY ("batch_id") REFERENCES "payout_batches" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_documents_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_documents_users_issued_by_user_id" FOREIGN KEY ("issued_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_documents_users_voided_by_user_id" FOREIGN KEY ("voided_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_document_packs_cancelled_by_user_id" ON "document_packs" ("cancelled_by_user_id");

CREATE INDEX "ix_document_packs_community_id" ON "document_packs" ("community_id");

CREATE INDEX "ix_document_packs_requested_by_user_id" ON "document_packs" ("requested_by_user_id");

CREATE INDEX "ix_document_packs_round_id_state" ON "document_packs" ("round_id", "state");

CREATE INDEX "ix_documents_acta_id" ON "documents" ("acta_id");

CREATE INDEX "ix_documents_award_id" ON "documents" ("award_id");

CREATE INDEX "ix_documents_batch_id" ON "documents" ("batch_id");

CREATE UNIQUE INDEX "ix_documents_code" ON "documents" ("code");

CREATE INDEX "ix_documents_community_id" ON "documents" ("community_id");

CREATE INDEX "ix_documents_entry_id" ON "documents" ("entry_id");

CREATE INDEX "ix_documents_issued_by_user_id" ON "documents" ("issued_by_user_id");

CREATE UNIQUE INDEX "ix_documents_kind_year_sequence" ON "documents" ("kind", "year", "sequence");

CREATE UNIQUE INDEX "ix_documents_number" ON "documents" ("number");

CREATE INDEX "ix_documents_pack_id" ON "documents" ("pack_id");

CREATE UNIQUE INDEX "ix_documents_replaces_id" ON "documents" ("replaces_id");

CREATE INDEX "ix_documents_round_id_kind" ON "documents" ("round_id", "kind");

CREATE INDEX "ix_documents_voided_by_user_id" ON "documents" ("voided_by_user_id");

CREATE UNIQUE INDEX "ux_documents_valid_subject" ON "documents" ("kind", "subject_key") WHERE state = 'Valid';
