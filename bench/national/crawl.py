"""Walk the pages each role reaches, logged in as that role, and measure them (issue #11).

Two passes, each usable alone:

1. **queries** (in process, Django's test ``Client``): from the home page, follow the
   same-site links of every page (GET only; never logout, language switch or the password
   pages; Django admin only its index; one download of each kind: PDF, DOCX, XLSX), staying
   in the role's cluster-year (a path naming another year is not followed). Records for each
   page its status and its number of SQL queries (``CaptureQueriesContext``).
2. **timing** (over HTTP, against a server such as gunicorn with one worker started with
   ``config.settings_bench``): every page found, and the *layout floor* ``/_bench/floor/``
   (``base.html`` alone, for the same signed-in user), ``--repeat`` times each after a warm-up;
   the median is the page's server time, and the ratio is to the floor's median.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=config.settings_bench \\
        .venv/bin/python bench/national/crawl.py --roles bench/results/national.json \\
        --base http://127.0.0.1:18766 --out bench/results/pages

``bench/national/run.sh`` runs both and writes ``pages.json`` and ``pages.md``.
"""

from __future__ import annotations

import os
import re
import sys
from collections import deque
from html import unescape
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HREF = re.compile(r"""href\s*=\s*["']([^"'#][^"']*)["']""", re.IGNORECASE)
YEAR = re.compile(r"/((?:19|20)\d\d)(?=/)")
NEVER = ("/tai-khoan/dang-xuat/", "/tai-khoan/doi-mat-khau/", "/i18n/", "/static/", "/media/")
DOWNLOADS = {"application/pdf": "pdf",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}
DOWNLOAD_HINT = re.compile(r"(\.pdf|\.docx|\.xlsx|/pdf/|/docx/|/xlsx/|[?&](dinh-dang|format)=)",
                           re.IGNORECASE)

# The demo's roles: (key, username, description, cluster slug, year).
DEMO_ROLES = [
    ("admin", "admin", "Quản trị hệ thống", "snv-bac-trung-bo", 2022),
    ("secretariat", "canbo.quangtri", "Thư ký cụm (Cụm trưởng 2022)", "snv-bac-trung-bo", 2022),
    ("member_officer", "canbo.nghean", "Công chức đơn vị thành viên", "snv-bac-trung-bo", 2022),
    ("member_leader", "lanhdao.nghean", "Lãnh đạo đơn vị thành viên", "snv-bac-trung-bo", 2022),
    ("observer", "bonoivu", "Bộ Nội vụ (chỉ đọc)", "snv-bac-trung-bo", 2022),
    ("superior", "captren", "Cấp trên của cụm (hồ sơ khen thưởng)", "snv-bac-trung-bo", 2022),
    ("other_cluster", "canbo.gialai", "Công chức cụm khác (Tây Nguyên)",
     "snv-tay-nguyen-minh-hoa", 2022),
]


def links(html: str, base: str) -> list[str]:
    found = []
    for raw in HREF.findall(html):
        url = urldefrag(urljoin(base, unescape(raw)))[0]
        parts = urlsplit(url)
        if parts.scheme and parts.scheme not in ("http", "https"):
            continue
        if parts.netloc and parts.netloc not in ("testserver", "127.0.0.1", "localhost") and \
                not parts.netloc.startswith("127.0.0.1:"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def in_scope(url: str, year: int) -> bool:
    path = urlsplit(url).path
    if any(path.startswith(p) for p in NEVER):
        return False
    if path.startswith("/quan-tri/") and path != "/quan-tri/":
        return False
    return all(int(y) == year for y in YEAR.findall(path))


def _close(response) -> None:
    """Close a response (a file download's handle) without closing the database connection:
    ``request_finished`` would, which ends a test's transaction on PostgreSQL. Django's test
    client disconnects the same handler while it serves a request."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def crawl(client, *, year: int, start: str = "/", limit: int = 200) -> dict[str, dict]:
    """Breadth-first walk from ``start`` with a logged-in ``client``. Returns
    ``{url: {"status", "queries", "kind"}}`` (kind: html, redirect, or the download's type)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seen: dict[str, dict] = {}
    downloads: set[str] = set()
    queue = deque([start])
    queued = {start}
    while queue and len(seen) < limit:
        url = queue.popleft()
        if DOWNLOAD_HINT.search(url) and len(downloads) >= len(DOWNLOADS):
            continue
        connection.queries_log.clear()  # the log keeps 9,000 at most, and warns
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            body = b"" if response.streaming else response.content
        _close(response)
        content_type = response.get("Content-Type", "").split(";")[0]
        kind = DOWNLOADS.get(content_type)
        if kind:
            if kind in downloads:
                continue  # one of each kind is enough
            downloads.add(kind)
        elif response.status_code in (301, 302, 303):
            kind = "redirect"
        else:
            kind = "html" if content_type == "text/html" else content_type or "?"
        seen[url] = {"status": response.status_code, "queries": len(captured), "kind": kind}
        if kind in DOWNLOADS.values():
            # The first download of new data stores its draft file (a few more queries): the
            # count that must not grow is the second one's.
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as again:
                _close(client.get(url))
            seen[url].update(queries=len(again), queries_first=len(captured))
        if kind != "html" or response.status_code != 200:
            continue
        for link in links(body.decode("utf-8", "replace"), url):
            if link not in queued and in_scope(link, year):
                queued.add(link)
                queue.append(link)
    return seen


def crawl_roles(roles: list[tuple], *, limit: int = 200) -> dict[str, dict]:
    """Crawl as each role; ``roles`` as ``DEMO_ROLES``. Returns ``{role: {url: record}}``."""
    from django.test import Client

    from cluster.models import User

    result = {}
    for key, username, _description, _slug, year in roles:
        client = Client()
        client.force_login(User.objects.get(username=username))
        result[key] = crawl(client, year=year, limit=limit)
    return result


# --- timing over HTTP -------------------------------------------------------------------------


def session_cookie(username: str) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from cluster.models import User

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "cluster.backends.UserBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def time_pages(base: str, cookie: str, urls: list[str], *, repeat: int = 5) -> dict[str, float]:
    """Median wall time in ms of each GET over a kept-alive loopback connection."""
    import http.client
    import statistics
    import time

    from django.conf import settings

    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}", "Host": parts.hostname}
    result = {}
    for url in urls:
        times = []
        for i in range(repeat + 1):
            began = time.perf_counter()
            try:
                conn.request("GET", url, headers=headers)
                conn.getresponse().read()
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
                continue
            if i:  # the first is the warm-up
                times.append((time.perf_counter() - began) * 1000)
        result[url] = round(statistics.median(times), 1) if times else float("nan")
    return result


def markdown(rows: list[dict]) -> str:
    out = ["| rôle | page | status | queries | ms | × floor |", "|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['role']} | `{r['url']}` | {r['status']} | {r['queries']} | "
                   f"{r.get('ms', '')} | {r.get('ratio', '')} |")
    return "\n".join(out) + "\n"


def main() -> None:
    import argparse
    import json

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_bench")
    import django

    django.setup()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", help="national.json (bench/national/build.py); "
                                        "without it, the demo's roles")
    parser.add_argument("--base", help="server to time against, e.g. http://127.0.0.1:18766")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=int, default=200, help="pages per role at most")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "pages"))
    args = parser.parse_args()

    roles = list(DEMO_ROLES)
    if args.roles:
        data = json.loads(Path(args.roles).read_text(encoding="utf-8"))["roles"]
        roles = [(key, username, key, data["cluster"], data["year"])
                 for key, username in data["people"].items()]
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test Client needs 'testserver' allowed
    found = crawl_roles(roles, limit=args.limit)
    rows = []
    for key, username, *_ in roles:
        pages = found[key]
        timed, floor = {}, None
        if args.base:
            cookie = session_cookie(username)
            floor = time_pages(args.base, cookie, ["/_bench/floor/"], repeat=args.repeat)[
                "/_bench/floor/"]
            timed = time_pages(args.base, cookie,
                               [u for u, r in pages.items() if r["kind"] == "html"],
                               repeat=args.repeat)
        for url, record in pages.items():
            row = {"role": key, "user": username, "url": url, **record}
            if url in timed:
                row["ms"] = timed[url]
                row["floor_ms"] = floor
                row["ratio"] = round(timed[url] / floor, 2) if floor else None
            rows.append(row)
        print(f"{key:<20} {username:<28} {len(pages):>4} trang; sàn {floor} ms", flush=True)
    rows.sort(key=lambda r: (-(r.get("ratio") or 0), -r["queries"]))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(rows, indent=1, ensure_ascii=False),
                                        encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(rows), encoding="utf-8")
    html = [r for r in rows if r["kind"] == "html" and r["status"] == 200]
    ratios = sorted(r["ratio"] for r in html if r.get("ratio"))
    print(f"{len(rows)} trang; nhiều truy vấn nhất: "
          f"{max((r['queries'] for r in html), default=0)}; "
          + (f"tỉ lệ trung vị {ratios[len(ratios) // 2]}, lớn nhất {ratios[-1]}" if ratios
             else "chưa đo thời gian (--base)"))
    print(f"Kết quả: {out.with_suffix('.json')}, {out.with_suffix('.md')}")


if __name__ == "__main__":
    main()
