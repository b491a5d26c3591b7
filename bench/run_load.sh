#!/usr/bin/env bash
# The load test of the last hour before a deadline (bench/README.md). Run by hand, from the
# project's root, with PostgreSQL on 127.0.0.1:5432; needs `pip install -e ".[bench]"`.
#
#   bench/run_load.sh              # 200 units, at most 180 s
#   UNITS=50 DURATION=60 bench/run_load.sh
#   NATIONAL_DUMP=bench/results/national.dump bench/run_load.sh   # beside a national instance
#
# Recreates the database thidua_bench (never another one), serves the app with gunicorn on
# 127.0.0.1 as in production (DEBUG off, a generated SECRET_KEY), runs Locust headless, stops
# everything, and checks for errors and lost updates (bench/check_results.py).
set -euo pipefail
cd "$(dirname "$0")/.."

UNITS="${UNITS:-200}"
DURATION="${DURATION:-180}"          # seconds; the run ends earlier once everyone is through
PORT="${PORT:-18765}"
PGHOST_URL="${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}"
DB="${BENCH_DB:-thidua_bench}"   # NATIONAL_DUMP runs use BENCH_DB=thidua_national_bench
PY=.venv/bin/python
OUT=bench/results
# cores + 1 sync workers, as docs/deployment.md runs it (3 on 2 cores): with PostgreSQL (and
# here the load generator) on the same machine, 2 × cores + 1 = 5 measured a worse p95.
WORKERS="${WORKERS:-$(($(nproc) + 1))}"

mkdir -p "$OUT"
rm -f "$OUT"/stats_*.csv "$OUT"/saves.json "$OUT"/summary.json "$OUT"/cpu.json "$OUT"/gunicorn.log

export DATABASE_URL="$PGHOST_URL/$DB"
export DEBUG=off
export SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(64))')"
export ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=off SESSION_COOKIE_SECURE=off CSRF_COOKIE_SECURE=off
export SECURE_HSTS_SECONDS=0 SECURE_HSTS_INCLUDE_SUBDOMAINS=off SECURE_HSTS_PRELOAD=off
export CONN_MAX_AGE=60
export LOG_LEVEL=WARNING
export STATIC_ROOT="$PWD/$OUT/static"
export MEDIA_ROOT="$PWD/$OUT/media"

echo "== Cơ sở dữ liệu $DB: tạo lại"
psql "$PGHOST_URL/postgres" -v ON_ERROR_STOP=1 -q \
  -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
BESIDE=()
if [ -n "${NATIONAL_DUMP:-}" ]; then
  # The same hour against a national-size database (bench/national/, issue #11): the
  # deadline cluster is added beside the 200 clusters of the dump.
  pg_restore -d "$DATABASE_URL" "$NATIONAL_DUMP"
  # A dump carries no planner statistics: without them every join of the big tables is
  # planned blind (a first run measured p95 22 s).
  psql "$DATABASE_URL" -q -c "ANALYZE"
  BESIDE=(--beside)
fi
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0
$PY bench/setup_load.py --units "$UNITS" "${BESIDE[@]}"

echo "== gunicorn: $WORKERS workers trên 127.0.0.1:$PORT"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "Cổng $PORT đang có chương trình khác dùng: chọn cổng khác, ví dụ PORT=18766." >&2
  exit 2
fi
.venv/bin/gunicorn config.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" \
  --log-level warning --error-logfile "$OUT/gunicorn.log" &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/tai-khoan/dang-nhap/" && break
  sleep 0.2
done
kill -0 "$GUNICORN" 2>/dev/null || { echo "gunicorn không chạy: xem $OUT/gunicorn.log" >&2; exit 2; }

echo "== Locust: $UNITS cán bộ + $UNITS lãnh đạo, tối đa ${DURATION}s"
.venv/bin/locust -f bench/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  --users "$((2 * UNITS))" --spawn-rate 40 --run-time "${DURATION}s" --stop-timeout 30 \
  --csv "$OUT/stats" --only-summary --loglevel WARNING || true

# CPU the app servers spent (their workers' user + system time), which unlike the latencies
# hardly depends on what else the machine is doing: the number to compare between runs on a
# shared machine (docs/performance.md).
TICKS=$(getconf CLK_TCK)
CPU_TICKS=0
for pid in $(pgrep -P "$GUNICORN"); do
  read -r -a stat < "/proc/$pid/stat"
  CPU_TICKS=$((CPU_TICKS + stat[13] + stat[14]))
done
echo "{\"app_cpu_seconds\": $(awk "BEGIN {print $CPU_TICKS / $TICKS}")}" > "$OUT/cpu.json"
kill "$GUNICORN"; wait "$GUNICORN" 2>/dev/null || true
trap - EXIT

echo "== Kết quả"
$PY bench/check_results.py
