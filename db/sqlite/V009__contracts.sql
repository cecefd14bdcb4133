-- V009 contracts (SQLite): the donation contracts' template (versioned clauses, JSON) and the record of each contract issued (its document,
-- entry, organization, award, acta, template version, components as JSON, term, place and date). Generated from the model
-- with `schema-script`, then kept as is.

CREATE TABLE "contract_templates" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_contract_templates" PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL,
    "clauses_json" TEXT NOT NULL,
    "note" TEXT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "created_utc" TEXT NOT NULL,
    CONSTRAINT "fk_contract_templates_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "donation_contracts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_donation_contracts" PRIMARY KEY AUTOINCREMENT,
    "document_id" INTEGER NOT NULL,
    "round_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "award_id" INTEGER NOT NULL,
    "acta_id" INTEGER NOT NULL,
    "template_version" INTEGER NOT NULL,
    "project_amount" TEXT NOT NULL,
    "counterpart_amount" TEXT NOT NULL,
    "components_json" TEXT NOT NULL,
    "term_months" INTEGER NOT NULL,
    "place" TEXT NOT NULL,
    "signed_on" TEXT NOT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "created_utc" TEXT NOT NULL,
    CONSTRAINT "fk_donation_contracts_actas_acta_id" FOREIGN KEY ("acta_id") REFERENCES "actas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_donation_contracts_awards_award_id" FOREIGN KEY ("award_id") REFERENCES "awards" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_donation_contracts_documents_document_id" FOREIGN KEY ("document_id") REFERENCES "documents" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_donation_contracts_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_donation_contracts_organizations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_donation_contracts_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_donation_contracts_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_contract_templates_created_by_user_id" ON "contract_templates" ("created_by_user_id");

CREATE UNIQUE INDEX "ix_contract_templates_version" ON "contract_templates" ("version");

CREATE INDEX "ix_donation_contracts_acta_id" ON "donation_contracts" ("acta_id");

CREATE INDEX "ix_donation_contracts_award_id" ON "donation_contracts" ("award_id");

CREATE INDEX "ix_donation_contracts_created_by_user_id" ON "donation_contracts" ("created_by_user_id");

CREATE UNIQUE INDEX "ix_donation_contracts_document_id" ON "donation_contracts" ("document_id");

CREATE INDEX "ix_donation_contracts_entry_id" ON "donation_contracts" ("entry_id");

CREATE INDEX "ix_donation_contracts_organization_id" ON "donation_contracts" ("organization_id");

CREATE INDEX "ix_donation_contracts_round_id" ON "donation_contracts" ("round_id");
