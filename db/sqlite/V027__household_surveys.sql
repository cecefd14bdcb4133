-- V027 household surveys for impact estimates (SQLite): a survey's numeric outcome indicators, its waves (baseline,
-- follow-ups) and each sampled registry household's value per wave and indicator, typed or imported from the field
-- form's CSV. The difference-in-differences page reads them; nothing here is a participant's entry.

CREATE TABLE "surveys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_surveys" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "created_utc" TEXT NOT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    CONSTRAINT "fk_surveys_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_surveys_created_by_user_id" ON "surveys" ("created_by_user_id");

CREATE TABLE "survey_indicators" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_survey_indicators" PRIMARY KEY AUTOINCREMENT,
    "survey_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "fk_survey_indicators_surveys_survey_id" FOREIGN KEY ("survey_id") REFERENCES "surveys" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_survey_indicators_survey_id_code" ON "survey_indicators" ("survey_id", "code");

CREATE TABLE "survey_waves" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_survey_waves" PRIMARY KEY AUTOINCREMENT,
    "survey_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    CONSTRAINT "fk_survey_waves_surveys_survey_id" FOREIGN KEY ("survey_id") REFERENCES "surveys" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_survey_waves_survey_id_date" ON "survey_waves" ("survey_id", "date");

CREATE TABLE "survey_answers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_survey_answers" PRIMARY KEY AUTOINCREMENT,
    "wave_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "indicator_id" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "recorded_utc" TEXT NOT NULL,
    "recorded_by_user_id" INTEGER NOT NULL,
    "import_id" INTEGER NULL,
    CONSTRAINT "fk_survey_answers_survey_waves_wave_id" FOREIGN KEY ("wave_id") REFERENCES "survey_waves" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_survey_answers_households_household_id" FOREIGN KEY ("household_id") REFERENCES "households" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_answers_survey_indicators_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "survey_indicators" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_answers_users_recorded_by_user_id" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_survey_answers_imports_import_id" FOREIGN KEY ("import_id") REFERENCES "imports" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_survey_answers_wave_id_household_id_indicator_id" ON "survey_answers" ("wave_id", "household_id", "indicator_id");
CREATE INDEX "ix_survey_answers_household_id" ON "survey_answers" ("household_id");
CREATE INDEX "ix_survey_answers_indicator_id" ON "survey_answers" ("indicator_id");
CREATE INDEX "ix_survey_answers_recorded_by_user_id" ON "survey_answers" ("recorded_by_user_id");
CREATE INDEX "ix_survey_answers_import_id" ON "survey_answers" ("import_id");
