#!/usr/bin/env bash
# Backup and restore, proved end to end (docs/deployment.md, "Sao lưu và khôi phục"). Run by
# hand from the project's root, with PostgreSQL on 127.0.0.1:5432:
#
#   bench/backup_roundtrip.sh
#   PY=/path/to/python PGHOST_URL=postgres://postgres@127.0.0.1:5432 bench/backup_roundtrip.sh
#
# 1. recreates the database thidua_backup_src (only that one), migrates it, loads the demo and
#    issues and renders documents (bench/backup_roundtrip.py issue);
# 2. backs up exactly as the docs say: pg_dump -Fc of the database, the media directory copied
#    (rsync -a, or cp -a without rsync); the SECRET_KEY is not in the backup;
# 3. restores into a new, empty database thidua_backup_dst and a new media directory:
#    pg_restore --no-owner into it, the media copied back;
# 4. writes a manifest of each side (bench/backup_roundtrip.py manifest): every issued
#    document's snapshot against its stored fingerprint, every stored file against its SHA-256
#    and the public verification check, every uploaded file present, every table's row count
#    and a digest of all its rows, and the totals of reports, signatures, ballots and tallies;
#    the two manifests must be identical;
# 5. appends a byte to one restored PDF and expects the check to fail (the check is not empty).
# Exit status 0 only when every check passes. Everything it writes is under $WORK.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PY:-.venv/bin/python}"
PGHOST_URL="${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}"
SRC="${SRC:-thidua_backup_src}"
DST="${DST:-thidua_backup_dst}"
WORK="${WORK:-${TMPDIR:-/tmp}/thidua-backup-roundtrip}"

rm -rf "$WORK"
mkdir -p "$WORK/media-src" "$WORK/media-dst" "$WORK/backup"

# The production profile, as bench/run_load.sh runs it; one SECRET_KEY for both sides, kept
# apart from the backup as in production (secret-ballot data depends on it).
export DJANGO_SETTINGS_MODULE=config.settings
export DEBUG=off
export SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(64))')"
export ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=off SESSION_COOKIE_SECURE=off CSRF_COOKIE_SECURE=off
export SECURE_HSTS_SECONDS=0 SECURE_HSTS_INCLUDE_SUBDOMAINS=off SECURE_HSTS_PRELOAD=off
export LOG_LEVEL=WARNING
export STATIC_ROOT="$WORK/static"
export PGOPTIONS="--client-min-messages=warning"

recreate() {
  psql "$PGHOST_URL/postgres" -v ON_ERROR_STOP=1 -q \
    -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

start=$(date +%s)
echo "== 1. Dữ liệu nguồn: $SRC"
recreate "$SRC"
export DATABASE_URL="$PGHOST_URL/$SRC" MEDIA_ROOT="$WORK/media-src"
$PY manage.py migrate --noinput -v 0
$PY manage.py collectstatic --noinput -v 0
$PY manage.py load_demo --quiet-logins > "$WORK/load_demo.log"
$PY bench/backup_roundtrip.py issue
$PY bench/backup_roundtrip.py manifest "$WORK/manifest-src.json"

echo "== 2. Sao lưu: pg_dump -Fc và thư mục media"
pg_dump -Fc --no-owner --no-privileges -d "$PGHOST_URL/$SRC" -f "$WORK/backup/thidua.dump"
if command -v rsync > /dev/null; then
  rsync -a "$WORK/media-src/" "$WORK/backup/media/"
else
  cp -a "$WORK/media-src/." "$WORK/backup/media/"
fi
(cd "$WORK/backup" && find media -type f -print0 | sort -z | xargs -0 sha256sum > media.sha256)
ls -l "$WORK/backup/thidua.dump" | awk '{print "   bản sao CSDL:", $5, "byte"}'
echo "   tệp media: $(wc -l < "$WORK/backup/media.sha256")"

echo "== 3. Khôi phục vào CSDL trống $DST và thư mục media mới"
recreate "$DST"
pg_restore --no-owner --no-privileges --exit-on-error -d "$PGHOST_URL/$DST" \
  "$WORK/backup/thidua.dump"
cp -a "$WORK/backup/media/." "$WORK/media-dst/"
(cd "$WORK/backup" && sed 's#  media/#  ../media-dst/#' media.sha256 | sha256sum --quiet -c -)
export DATABASE_URL="$PGHOST_URL/$DST" MEDIA_ROOT="$WORK/media-dst"
$PY manage.py migrate --check -v 0   # the restored schema is the code's: nothing to migrate

echo "== 4. Kiểm tra bản khôi phục"
$PY bench/backup_roundtrip.py manifest "$WORK/manifest-dst.json"
if cmp -s "$WORK/manifest-src.json" "$WORK/manifest-dst.json"; then
  echo "KẾT QUẢ: khôi phục đầy đủ — hai bản kê khớp từng bảng, từng tệp ($(( $(date +%s) - start )) s)."
else
  diff "$WORK/manifest-src.json" "$WORK/manifest-dst.json" | head -40
  echo "KẾT QUẢ: bản khôi phục KHÁC bản gốc."
  exit 1
fi

echo "== 5. Đối chứng: một tệp văn bản bị sửa một byte thì bị phát hiện"
victim="$(find "$WORK/media-dst/reports" -name '*.pdf' | head -1)"
printf 'x' >> "$victim"
if $PY bench/backup_roundtrip.py manifest "$WORK/manifest-tampered.json" > "$WORK/tampered.log"; then
  echo "KẾT QUẢ: kiểm tra KHÔNG phát hiện tệp bị sửa."
  exit 1
fi
grep "LỖI" "$WORK/tampered.log"

psql "$PGHOST_URL/postgres" -q -c "DROP DATABASE $SRC WITH (FORCE)" -c "DROP DATABASE $DST WITH (FORCE)"
