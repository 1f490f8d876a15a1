#!/bin/sh
# Runs once, when the database volume is first created (the postgres image's /docker-entrypoint-initdb.d).
# Two roles (docs/securite.md §2):
# - ccem (POSTGRES_USER): the migration role. It owns the tables; `migrate` and the log retention
#   (`purger_journal_acces`) run as it, from the `migrate` service only.
# - ccem_app: the role of web, worker and beat. It reads and writes rows and owns nothing, so it cannot
#   drop or disable the logs' append-only triggers; migration 0004 takes back UPDATE, DELETE and
#   TRUNCATE on the log tables from it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$POSTGRES_APP_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE ccem_app LOGIN PASSWORD :'app_password';
GRANT CONNECT ON DATABASE :"db" TO ccem_app;
GRANT USAGE ON SCHEMA public TO ccem_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ccem_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ccem_app;
SQL
