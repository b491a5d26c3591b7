#!/usr/bin/env bash
# Rehearsal of issue #12's move of unit results from `campaigns` to `results`, on PostgreSQL,
# with the demo made by the previous schema. Run by hand from the project's root:
#
#   bench/rehearse_results_move.sh
#   PY=/path/to/python PGHOST_URL=postgres://postgres@127.0.0.1:5432 bench/rehearse_results_move.sh
#
# 1. checks out the commit before the move (PREV, by default the parent of the commit that
#    added results/migrations/0001_initial.py) in a temporary git worktree;
# 2. recreates the database thidua_results_rehearsal (only that one), migrates it and loads
#    the demo with that commit's code, then adds an admin log entry on a unit report and gives
#    one user the model permission campaigns.view_unitreport (bench/rehearse_results_move.py
#    mark); writes a manifest of the database (row counts and digests of every table, content
#    types and permissions with their ids);
# 3. runs this checkout's `migrate` on the same database, writes the manifest again and
#    compares: every table and row identical, the moved content types kept their ids under
#    the label `results`, every permission kept its id and codename;
# 4. reads the demo through the new models and pages (counts, histories, the board, the
#    ranking, a report page, the admin log entry, the permission under its new label), runs
#    `load_demo` again (idempotent: the moved tables must not change), and checks that
#    `makemigrations --check` finds nothing;
# 5. migrates back to campaigns 0004 (the content types return to `campaigns`, the rows stay;
#    post_migrate adds fresh `results` ones beside them) and forward again (the two are merged
#    into the original rows: same ids, same permissions), comparing manifests and reading
#    through the new models once more.
# Exit status 0 only when every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

PY="${PY:-.venv/bin/python}"
PY="$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")"
PGHOST_URL="${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}"
DB="${DB:-thidua_results_rehearsal}"
WORK="${WORK:-${TMPDIR:-/tmp}/thidua-results-rehearsal}"
ADDED="$(git log --diff-filter=A --format=%H -- results/migrations/0001_initial.py | tail -1)"
PREV="${PREV:-$ADDED^}"

export DEBUG=on LOG_LEVEL=WARNING PGOPTIONS="--client-min-messages=warning"
export DATABASE_URL="$PGHOST_URL/$DB" MEDIA_ROOT="$WORK/media"
unset DJANGO_SETTINGS_MODULE

rm -rf "$WORK"
git worktree remove --force "$WORK-prev" 2>/dev/null || true
mkdir -p "$WORK/media"
git worktree add --detach "$WORK-prev" "$PREV" -q
trap 'git -C "$ROOT" worktree remove --force "$WORK-prev"' EXIT
manifest() { "$PY" "$ROOT/bench/rehearse_results_move.py" manifest "$WORK/$1.json"; }
compare() { "$PY" "$ROOT/bench/rehearse_results_move.py" compare "$WORK/$1.json" "$WORK/$2.json" "${3:-}"; }

start=$(date +%s)
echo "== 1. Lược đồ trước khi chuyển: $(git rev-parse --short "$PREV") → $DB"
psql "$PGHOST_URL/postgres" -v ON_ERROR_STOP=1 -q \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
(cd "$WORK-prev" && "$PY" manage.py migrate --noinput -v 0 \
  && "$PY" manage.py load_demo --quiet-logins > "$WORK/load_demo-prev.log" \
  && "$PY" "$ROOT/bench/rehearse_results_move.py" mark)
manifest before

echo "== 2. migrate của nhánh này trên cùng cơ sở dữ liệu"
"$PY" manage.py migrate --noinput -v 1 | grep -E "Applying|No migrations" || true
manifest after
compare before after

echo "== 3. Đọc dữ liệu mẫu qua mô hình mới; load_demo lần nữa; makemigrations --check"
"$PY" bench/rehearse_results_move.py read "$WORK/before.json"
"$PY" manage.py load_demo --quiet-logins > "$WORK/load_demo-new.log"
manifest after-load-demo
compare before after-load-demo moved
"$PY" manage.py makemigrations --check --dry-run

echo "== 4. Lùi về campaigns 0004 rồi tiến lại"
"$PY" manage.py migrate campaigns 0004 --noinput -v 0
manifest backwards
"$PY" - "$WORK/before.json" "$WORK/after-load-demo.json" "$WORK/backwards.json" <<'EOF'
import json, sys
before, current, back = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert current["tables"] == back["tables"], "rows changed going backwards"
# The earlier rows are back as they were; post_migrate of this code has added the results
# content types and permissions beside them (the next forward migration merges them back).
known = {row[0] for row in before["content_types"]}
assert [r for r in back["content_types"] if r[0] in known] == before["content_types"], \
    "content types not restored"
assert all(r[1] == "results" for r in back["content_types"] if r[0] not in known)
assert [p for p in back["permissions"] if p[0] <= before["permissions"][-1][0]] \
    == before["permissions"], "permissions changed going backwards"
print("  bảng và dữ liệu không đổi; content type và quyền trở lại như lược đồ trước "
      f"(post_migrate thêm {len(back['content_types']) - len(known)} content type results)")
EOF
"$PY" manage.py migrate --noinput -v 0
manifest forward-again
compare before forward-again moved
"$PY" bench/rehearse_results_move.py read "$WORK/before.json"

echo "== Xong trong $(( $(date +%s) - start )) s: mọi kiểm tra đạt."
