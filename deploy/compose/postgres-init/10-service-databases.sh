#!/usr/bin/env bash
# PostgreSQL's image runs this once, on an empty data volume (docker-entrypoint-initdb.d).
# One database per service, each owned by a login role of the same name: a service can reach only
# its own data. The names must match the services' QUARKUS_DATASOURCE_*_URL (checked by
# deploy/src/test). The roles' password comes from LOOP_SERVICE_DB_PASSWORD (laptop use only).
set -euo pipefail

password="${LOOP_SERVICE_DB_PASSWORD:?LOOP_SERVICE_DB_PASSWORD is not set}"

for database in goal_service activity_service learning_service reporting_service; do
  psql --no-psqlrc -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
       -v name="$database" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
SQL
  echo "created database $database owned by role $database"
done
