-- V002 registry (SQLite): programme, local offices, funding sources, territory (UBIGEO),
-- communities, watersheds, households with their community history, organizations, bank accounts,
-- and the record of each CSV import. Generated from the model with `schema-script`, then kept as is.

CREATE TABLE "departments" (
    "code" TEXT NOT NULL CONSTRAINT "pk_departments" PRIMARY KEY,
    "name" TEXT NOT NULL
);

CREATE TABLE "districts" (
    "ubigeo" TEXT NOT NULL CONSTRAINT "pk_districts" PRIMARY KEY,
    "name" TEXT NOT NULL
);

CREATE TABLE "programmes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_programmes" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "funder" TEXT NOT NULL,
    "currency" TEXT NOT NULL
);

CREATE TABLE "provinces" (
    "code" TEXT NOT NULL CONSTRAINT "pk_provinces" PRIMARY KEY,
    "name" TEXT NOT NULL
);

CREATE TABLE "watersheds" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_watersheds" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "created_utc" TEXT NOT NULL
);

CREATE TABLE "funding_sources" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_funding_sources" PRIMARY KEY AUTOINCREMENT,
    "programme_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "committed" TEXT NOT NULL,
    "created_utc" TEXT NOT NULL,
    CONSTRAINT "fk_funding_sources_programmes_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programmes" ("id") ON DELETE RESTRICT
);

CREATE TABLE "local_offices" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_local_offices" PRIMARY KEY AUTOINCREMENT,
    "programme_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "chief_name" TEXT NOT NULL,
    CONSTRAINT "fk_local_offices_programmes_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programmes" ("id") ON DELETE RESTRICT
);

CREATE TABLE "imports" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_imports" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "user_id" INTEGER NULL,
    "imported_utc" TEXT NOT NULL,
    CONSTRAINT "fk_imports_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "funding_movements" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_funding_movements" PRIMARY KEY AUTOINCREMENT,
    "funding_source_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "user_id" INTEGER NULL,
    "occurred_utc" TEXT NOT NULL,
    CONSTRAINT "fk_funding_movements_funding_sources_funding_source_id" FOREIGN KEY ("funding_source_id") REFERENCES "funding_sources" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_funding_movements_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "funding_source_districts" (
    "funding_source_id" INTEGER NOT NULL,
    "ubigeo" TEXT NOT NULL,
    CONSTRAINT "pk_funding_source_districts" PRIMARY KEY ("funding_source_id", "ubigeo"),
    CONSTRAINT "fk_funding_source_districts_districts_ubigeo" FOREIGN KEY ("ubigeo") REFERENCES "districts" ("ubigeo") ON DELETE RESTRICT,
    CONSTRAINT "fk_funding_source_districts_funding_sources_funding_source_id" FOREIGN KEY ("funding_source_id") REFERENCES "funding_sources" ("id") ON DELETE CASCADE
);

CREATE TABLE "funding_source_themes" (
    "funding_source_id" INTEGER NOT NULL,
    "theme" TEXT NOT NULL,
    CONSTRAINT "pk_funding_source_themes" PRIMARY KEY ("funding_source_id", "theme"),
    CONSTRAINT "fk_funding_source_themes_funding_sources_funding_source_id" FOREIGN KEY ("funding_source_id") REFERENCES "funding_sources" ("id") ON DELETE CASCADE
);

CREATE TABLE "communities" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_communities" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "district_ubigeo" TEXT NOT NULL,
    "registry_number" TEXT NULL,
    "created_utc" TEXT NOT NULL,
    "import_id" INTEGER NULL,
    CONSTRAINT "fk_communities_districts_district_ubigeo" FOREIGN KEY ("district_ubigeo") REFERENCES "districts" ("ubigeo") ON DELETE RESTRICT,
    CONSTRAINT "fk_communities_imports_import_id" FOREIGN KEY ("import_id") REFERENCES "imports" ("id") ON DELETE RESTRICT
);

CREATE TABLE "organizations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_organizations" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "ruc" TEXT NULL,
    "registry_number" TEXT NULL,
    "district_ubigeo" TEXT NOT NULL,
    "president_name" TEXT NOT NULL,
    "president_dni" TEXT NOT NULL,
    "treasurer_name" TEXT NOT NULL,
    "treasurer_dni" TEXT NOT NULL,
    "created_utc" TEXT NOT NULL,
    "import_id" INTEGER NULL,
    CONSTRAINT "fk_organizations_districts_district_ubigeo" FOREIGN KEY ("district_ubigeo") REFERENCES "districts" ("ubigeo") ON DELETE RESTRICT,
    CONSTRAINT "fk_organizations_imports_import_id" FOREIGN KEY ("import_id") REFERENCES "imports" ("id") ON DELETE RESTRICT
);

CREATE TABLE "households" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_households" PRIMARY KEY AUTOINCREMENT,
    "community_id" INTEGER NOT NULL,
    "head_first_names" TEXT NOT NULL,
    "head_last_names" TEXT NOT NULL,
    "head_dni" TEXT NOT NULL,
    "head_sex" TEXT NOT NULL,
    "head_birth_year" INTEGER NOT NULL,
    "partner_first_names" TEXT NULL,
    "partner_last_names" TEXT NULL,
    "partner_dni" TEXT NULL,
    "partner_sex" TEXT NULL,
    "members" INTEGER NOT NULL,
    "women_headed" INTEGER NOT NULL,
    "phone" TEXT NULL,
    "name_key" TEXT NOT NULL,
    "registered_utc" TEXT NOT NULL,
    "import_id" INTEGER NULL,
    CONSTRAINT "fk_households_communities_community_id" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_households_imports_import_id" FOREIGN KEY ("import_id") REFERENCES "imports" ("id") ON DELETE RESTRICT
);

CREATE TABLE "watershed_communities" (
    "watershed_id" INTEGER NOT NULL,
    "community_id" INTEGER NOT NULL,
    CONSTRAINT "pk_watershed_communities" PRIMARY KEY ("watershed_id", "community_id"),
    CONSTRAINT "fk_watershed_communities_communities_community_id" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_watershed_communities_watersheds_watershed_id" FOREIGN KEY ("watershed_id") REFERENCES "watersheds" ("id") ON DELETE CASCADE
);

CREATE TABLE "bank_accounts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_bank_accounts" PRIMARY KEY AUTOINCREMENT,
    "community_id" INTEGER NULL,
    "organization_id" INTEGER NULL,
    "household_id" INTEGER NULL,
    "bank_name" TEXT NOT NULL,
    "account_number" TEXT NOT NULL,
    "cci" TEXT NOT NULL,
    "holder_name" TEXT NOT NULL,
    "is_active" INTEGER NOT NULL,
    "created_utc" TEXT NOT NULL,
    "verified_utc" TEXT NULL,
    "verified_by_user_id" INTEGER NULL,
    "entered_by_user_id" INTEGER NULL,
    "verified_by_name" TEXT NULL,
    CONSTRAINT "ck_bank_accounts_one_holder" CHECK ((CASE WHEN community_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN household_id IS NULL THEN 0 ELSE 1 END) = 1),
    CONSTRAINT "fk_bank_accounts_communities_community_id" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_bank_accounts_households_household_id" FOREIGN KEY ("household_id") REFERENCES "households" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_bank_accounts_organizations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_bank_accounts_users_entered_by_user_id" FOREIGN KEY ("entered_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_bank_accounts_users_verified_by_user_id" FOREIGN KEY ("verified_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "household_memberships" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_household_memberships" PRIMARY KEY AUTOINCREMENT,
    "household_id" INTEGER NOT NULL,
    "community_id" INTEGER NOT NULL,
    "from_utc" TEXT NOT NULL,
    "to_utc" TEXT NULL,
    CONSTRAINT "fk_household_memberships_communities_community_id" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_household_memberships_households_household_id" FOREIGN KEY ("household_id") REFERENCES "households" ("id") ON DELETE CASCADE
);

CREATE TABLE "organization_members" (
    "organization_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "joined_utc" TEXT NOT NULL,
    CONSTRAINT "pk_organization_members" PRIMARY KEY ("organization_id", "household_id"),
    CONSTRAINT "fk_organization_members_households_household_id" FOREIGN KEY ("household_id") REFERENCES "households" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_organization_members_organizations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_bank_accounts_cci" ON "bank_accounts" ("cci");

CREATE INDEX "ix_bank_accounts_community_id" ON "bank_accounts" ("community_id");

CREATE INDEX "ix_bank_accounts_entered_by_user_id" ON "bank_accounts" ("entered_by_user_id");

CREATE INDEX "ix_bank_accounts_household_id" ON "bank_accounts" ("household_id");

CREATE INDEX "ix_bank_accounts_organization_id" ON "bank_accounts" ("organization_id");

CREATE INDEX "ix_bank_accounts_verified_by_user_id" ON "bank_accounts" ("verified_by_user_id");

CREATE UNIQUE INDEX "ix_communities_district_ubigeo_name_key" ON "communities" ("district_ubigeo", "name_key");

CREATE INDEX "ix_communities_import_id" ON "communities" ("import_id");

CREATE INDEX "ix_funding_movements_funding_source_id" ON "funding_movements" ("funding_source_id");

CREATE INDEX "ix_funding_movements_user_id" ON "funding_movements" ("user_id");

CREATE INDEX "ix_funding_source_districts_ubigeo" ON "funding_source_districts" ("ubigeo");

CREATE INDEX "ix_funding_sources_programme_id" ON "funding_sources" ("programme_id");

CREATE INDEX "ix_household_memberships_community_id" ON "household_memberships" ("community_id");

CREATE INDEX "ix_household_memberships_household_id" ON "household_memberships" ("household_id");

CREATE INDEX "ix_households_community_id_head_last_names" ON "households" ("community_id", "head_last_names");

CREATE UNIQUE INDEX "ix_households_head_dni" ON "households" ("head_dni");

CREATE INDEX "ix_households_import_id" ON "households" ("import_id");

CREATE INDEX "ix_households_partner_dni" ON "households" ("partner_dni");

CREATE INDEX "ix_imports_user_id" ON "imports" ("user_id");

CREATE INDEX "ix_local_offices_programme_id" ON "local_offices" ("programme_id");

CREATE INDEX "ix_organization_members_household_id" ON "organization_members" ("household_id");

CREATE UNIQUE INDEX "ix_organizations_district_ubigeo_name_key" ON "organizations" ("district_ubigeo", "name_key");

CREATE INDEX "ix_organizations_import_id" ON "organizations" ("import_id");

CREATE UNIQUE INDEX "ix_organizations_ruc" ON "organizations" ("ruc");

CREATE INDEX "ix_watershed_communities_community_id" ON "watershed_communities" ("community_id");

CREATE UNIQUE INDEX "ix_watersheds_name_key" ON "watersheds" ("name_key");
