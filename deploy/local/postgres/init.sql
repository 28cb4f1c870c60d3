-- Orrery local PostgreSQL: role and databases. Run by ./orrery as superuser, idempotently
-- (psql -v ON_ERROR_STOP=1). Databases are created by the launcher (CREATE DATABASE cannot
-- run inside DO blocks); see deploy/local/lib/postgres.sh PG_DATABASES.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'orrery') THEN
    CREATE ROLE orrery LOGIN CREATEDB PASSWORD 'orrery';
  ELSE
    ALTER ROLE orrery LOGIN CREATEDB PASSWORD 'orrery';
  END IF;
END
$$;
