-- The project's own job history: one row per run, with the figures each job reports (documents read, written...).
CREATE TABLE IF NOT EXISTS etl_job_runs (
  run_id text PRIMARY KEY,
  job_name text NOT NULL,
  trigger_name text NOT NULL,
  instance_id text NOT NULL,
  fire_time timestamptz NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  outcome text NOT NULL,
  error text,
  figures jsonb NOT NULL DEFAULT '{}'::jsonb,
  recovering boolean NOT NULL DEFAULT false);

CREATE INDEX IF NOT EXISTS etl_job_runs_job_started ON etl_job_runs (job_name, started_at DESC);
CREATE INDEX IF NOT EXISTS etl_job_runs_outcome_started ON etl_job_runs (outcome, started_at DESC);
