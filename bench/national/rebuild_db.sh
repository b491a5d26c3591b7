#!/usr/bin/env bash
# Recreate thidua_national_bench (only that one) and build the national instance into it.
# Flags are passed to bench/national/build.py; see bench/README.md, "National scale".
set -euo pipefail
cd "$(dirname "$0")/../.."
PGHOST_URL="${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}"
DB="${NATIONAL_DB:-thidua_national_bench}"
PY="${PY:-.venv/bin/python}"
export DATABASE_URL="$PGHOST_URL/$DB" DEBUG="${DEBUG:-on}"
export MEDIA_ROOT="${MEDIA_ROOT:-$PWD/bench/results/national-media}"
psql "$PGHOST_URL/postgres" -v ON_ERROR_STOP=1 -q \
  -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
$PY manage.py migrate --noinput -v0
$PY bench/national/build.py "$@"
pg_dump -Fc "$PGHOST_URL/$DB" -f bench/results/national.dump
echo "Đã lưu bản sao: bench/results/national.dump (pg_restore để dùng lại)"
