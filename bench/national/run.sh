#!/usr/bin/env bash
# The national-scale page benchmark (issue #11), one command: bench/README.md, "National scale".
#
#   bench/national/run.sh                 # build (≈15–20 min on 2 cores), crawl, time
#   REUSE=1 bench/national/run.sh         # restore bench/results/national.dump, crawl, time
#   KEEP=1 bench/national/run.sh          # the database as it is, crawl, time
#   CLUSTERS=20 UNITS=6 BIG_UNITS=45 YEARS=3 bench/national/run.sh   # a quicker look
#
# Builds thidua_national_bench (never another database) through the services
# (bench/national/build.py), serves it with gunicorn, ONE sync worker, production settings plus
# the layout floor (config.settings_bench), crawls the pages of every role and times them
# (bench/national/crawl.py). Results: bench/results/pages.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/../.."
PGHOST_URL="${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}"
DB=thidua_national_bench
PY="${PY:-.venv/bin/python}"
GUNICORN="${GUNICORN:-$(dirname "$PY")/gunicorn}"
PORT="${PORT:-18766}"
OUT=bench/results
mkdir -p "$OUT"

if [ "${KEEP:-0}" = 1 ]; then
  echo "== $DB: dùng nguyên như đang có (KEEP=1)"
elif [ "${REUSE:-0}" = 1 ] && [ -f "$OUT/national.dump" ]; then
  psql "$PGHOST_URL/postgres" -v ON_ERROR_STOP=1 -q \
    -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  pg_restore -d "$PGHOST_URL/$DB" "$OUT/national.dump"
  psql "$PGHOST_URL/$DB" -q -c "ANALYZE"   # a dump carries no planner statistics
else
  PY="$PY" bench/national/rebuild_db.sh --clusters "${CLUSTERS:-200}" --units "${UNITS:-12}" \
    --big-units "${BIG_UNITS:-45}" --years "${YEARS:-10}" --leaves "${LEAVES:-64}" \
    --other-years "${OTHER_YEARS:-1}" --service-years "${SERVICE_YEARS:-1}"
fi

export DATABASE_URL="$PGHOST_URL/$DB"
export DJANGO_SETTINGS_MODULE=config.settings_bench
export DEBUG=off
export SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(64))')"
export ALLOWED_HOSTS=127.0.0.1,testserver
export SECURE_SSL_REDIRECT=off SESSION_COOKIE_SECURE=off CSRF_COOKIE_SECURE=off
export SECURE_HSTS_SECONDS=0 SECURE_HSTS_INCLUDE_SUBDOMAINS=off SECURE_HSTS_PRELOAD=off
export CONN_MAX_AGE=60 LOG_LEVEL=WARNING
export STATIC_ROOT="$PWD/$OUT/static" MEDIA_ROOT="$PWD/$OUT/national-media"
$PY manage.py collectstatic --noinput -v0

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "Cổng $PORT đang có chương trình khác dùng: chọn cổng khác, ví dụ PORT=18767." >&2
  exit 2
fi
"$GUNICORN" bench.national.wsgi --workers 1 --bind "127.0.0.1:$PORT" \
  --log-level warning --error-logfile "$OUT/gunicorn-national.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/tai-khoan/dang-nhap/" && break
  sleep 0.2
done

echo "== Quy mô quốc gia: các trang của từng vai trò (cụm lớn)"
$PY bench/national/crawl.py --roles "$OUT/national.json" --base "http://127.0.0.1:$PORT" \
  --out "$OUT/pages" --repeat "${REPEAT:-5}"
echo "== Dữ liệu mẫu: các trang của từng vai trò mẫu (cùng cơ sở dữ liệu)"
$PY bench/national/crawl.py --base "http://127.0.0.1:$PORT" --out "$OUT/pages-demo" \
  --repeat "${REPEAT:-5}"
