-- Addenda (adendas) to donation contracts: numbered within their contract, each with its own verifiable document; a
-- longer term or one component's new amounts (citing the LRAC acta that decided them).
CREATE TABLE "contract_addenda" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_contract_addenda" PRIMARY KEY AUTOINCREMENT,
    "contract_id" INTEGER NOT NULL,
    "document_id" INTEGER NOT NULL,
    "round_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "term_months" INTEGER NULL,
    "component" TEXT NULL,
    "project_amount" TEXT NULL,
    "counterpart_amount" TEXT NULL,
    "acta_id" INTEGER NULL,
    "reason" TEXT NOT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "created_utc" TEXT NOT NULL,
    CONSTRAINT "fk_contract_addenda_actas_acta_id" FOREIGN KEY ("acta_id") REFERENCES "actas" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_contract_addenda_documents_document_id" FOREIGN KEY ("document_id") REFERENCES "documents" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_contract_addenda_donation_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "donation_contracts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_contract_addenda_entries_entry_id" FOREIGN KEY ("entry_id") REFERENCES "entries" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_contract_addenda_rounds_round_id" FOREIGN KEY ("round_id") REFERENCES "rounds" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_contract_addenda_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_contract_addenda_acta_id" ON "contract_addenda" ("acta_id");

CREATE UNIQUE INDEX "ix_contract_addenda_contract_id_number" ON "contract_addenda" ("contract_id", "number");

CREATE INDEX "ix_contract_addenda_created_by_user_id" ON "contract_addenda" ("created_by_user_id");

CREATE UNIQUE INDEX "ix_contract_addenda_document_id" ON "contract_addenda" ("document_id");

CREATE INDEX "ix_contract_addenda_entry_id" ON "contract_addenda" ("entry_id");

CREATE INDEX "ix_contract_addenda_round_id" ON "contract_addenda" ("round_id");
