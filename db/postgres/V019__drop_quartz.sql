-- Quartz.NET is gone: background jobs run on Hangfire (its own storage: the "hangfire" schema on PostgreSQL,
-- contests-jobs.db beside the SQLite file). Quartz created its qrtz_ tables itself at start-up, so a database that
-- ran it still has them; dependants first. Pending work is not lost: at start-up every pending dated change, batch
-- and pack is put back in Hangfire from the app's own rows.
DROP TABLE IF EXISTS qrtz_fired_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_paused_trigger_grps CASCADE;
DROP TABLE IF EXISTS qrtz_scheduler_state CASCADE;
DROP TABLE IF EXISTS qrtz_locks CASCADE;
DROP TABLE IF EXISTS qrtz_simple_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_simprop_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_cron_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_blob_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_triggers CASCADE;
DROP TABLE IF EXISTS qrtz_job_details CASCADE;
DROP TABLE IF EXISTS qrtz_calendars CASCADE;
