"""Helpers of bench/rehearse_results_move.sh (issue #12): the unit-results models moved from
``campaigns`` to ``results`` with state-only migrations. Run by that script, not by hand.

- ``manifest OUT``: raw SQL only (no Django, so the same code reads the database made by the
  previous commit and the one migrated by this branch): every table's row count and a digest
  of all its rows, the content types with their ids, the permissions with their ids, the
  admin log rows and the applied migrations of ``campaigns`` and ``results``;
- ``mark`` (run with the previous commit's code on its path): one admin log entry on a unit
  report and the model permission ``campaigns.view_unitreport`` given to one user, so the
  move has something to keep pointing right;
- ``compare BEFORE AFTER [moved]``: the tables and their rows are identical, the moved content types
  kept their ids under the label ``results`` (none left under ``campaigns``), every
  permission kept its id and codename;
- ``read`` (this branch's code): the demo read through the new models and pages — counts
  match the raw rows, histories and the admin log entry resolve, the permission given under
  the old label is held under the new one, the board and a report page render for the chair.
"""

from __future__ import annotations

import json
import os
import sys

MOVED = ["areanarrative", "criterionscore", "evidencefile", "goodpractice", "reminderlog",
         "reportevent", "reportingperiod", "statearea", "unitreport",
         "historicalareanarrative", "historicalcriterionscore", "historicalgoodpractice",
         "historicalreportingperiod", "historicalunitreport"]


def _connect():
    import psycopg

    return psycopg.connect(os.environ["DATABASE_URL"])


def manifest(out: str) -> None:
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "ORDER BY tablename")
        tables = [row[0] for row in cur.fetchall()]
        digests = {}
        for table in tables:
            if table in ("django_migrations", "django_content_type", "auth_permission",
                         "django_session", "axes_accesslog", "axes_accessattempt"):
                continue
            cur.execute(f'SELECT count(*), md5(coalesce(string_agg(t::text, \'|\' '
                        f'ORDER BY t::text), \'\')) FROM "{table}" t')
            count, digest = cur.fetchone()
            digests[table] = [count, digest]
        cur.execute("SELECT id, app_label, model FROM django_content_type ORDER BY id")
        content_types = [list(row) for row in cur.fetchall()]
        cur.execute("SELECT p.id, p.codename, ct.model FROM auth_permission p "
                    "JOIN django_content_type ct ON ct.id = p.content_type_id ORDER BY p.id")
        permissions = [list(row) for row in cur.fetchall()]
        cur.execute("SELECT app, name FROM django_migrations WHERE app IN "
                    "('campaigns', 'results') ORDER BY app, name")
        migrations = [list(row) for row in cur.fetchall()]
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"tables": digests, "content_types": content_types,
                   "permissions": permissions, "migrations": migrations}, f, indent=1,
                  ensure_ascii=False)
    print(f"  {len(digests)} bảng, {len(content_types)} content type, "
          f"{len(permissions)} quyền; migrations: {[m[1] for m in migrations]}")


def _setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, os.getcwd())
    django.setup()


def mark() -> None:
    _setup_django()
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from campaigns.models import UnitReport  # the previous schema
    from cluster.models import User

    report = UnitReport.objects.order_by("pk").first()
    ct = ContentType.objects.get_for_model(UnitReport)
    assert ct.app_label == "campaigns", ct.app_label
    admin = User.objects.get(username="admin")
    LogEntry.objects.create(user=admin, content_type=ct, object_id=str(report.pk),
                            object_repr=str(report)[:200], action_flag=CHANGE,
                            change_message="Diễn tập chuyển ứng dụng (issue #12)")
    observer = User.objects.get(username="canbo.quangbinh")
    observer.user_permissions.add(Permission.objects.get(content_type=ct,
                                                         codename="view_unitreport"))
    print(f"  log entry on report {report.pk}; view_unitreport given to {observer.username}")


def compare(before_path: str, after_path: str, only: str = "") -> None:
    """``only="moved"``: compare the moved models' tables alone (after ``load_demo`` ran
    again, which rewrites the cluster app's users and histories as it always does)."""
    before = json.load(open(before_path, encoding="utf-8"))
    after = json.load(open(after_path, encoding="utf-8"))
    if only == "moved":
        for side in (before, after):
            side["tables"] = {t: v for t, v in side["tables"].items()
                              if t.startswith("campaigns_") and t[len("campaigns_"):] in MOVED}
    problems = []
    if before["tables"] != after["tables"]:
        changed = sorted(t for t in set(before["tables"]) | set(after["tables"])
                         if before["tables"].get(t) != after["tables"].get(t))
        problems.append(f"tables differ: {changed}")
    old = {ct_id: (label, model) for ct_id, label, model in before["content_types"]}
    new = {ct_id: (label, model) for ct_id, label, model in after["content_types"]}
    for ct_id, (label, model) in old.items():
        expected = ("results", model) if label == "campaigns" and model in MOVED else (
            label, model)
        if new.get(ct_id) != expected:
            problems.append(f"content type {ct_id} {label}.{model} -> {new.get(ct_id)}")
    extra = set(new) - set(old)
    if extra:
        problems.append(f"new content types: {[new[i] for i in sorted(extra)]}")
    moved = [model for label, model in old.values() if label == "campaigns" and model in MOVED]
    if sorted(moved) != sorted(MOVED):
        problems.append(f"the previous schema lacked content types: {set(MOVED) - set(moved)}")
    if before["permissions"] != after["permissions"]:
        problems.append("permissions differ (ids, codenames or models)")
    if ["results", "0001_initial"] not in after["migrations"]:
        problems.append("results.0001_initial not applied")
    for problem in problems:
        print("  LỖI:", problem)
    if problems:
        sys.exit(1)
    print(f"  giống hệt: {len(after['tables'])} bảng và dữ liệu; {len(MOVED)} content type "
          f"giữ id, nay thuộc results; {len(after['permissions'])} quyền giữ id và codename")


def read(before_path: str) -> None:
    _setup_django()
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client

    from cluster.models import User
    from results.models import (
        AreaNarrative,
        CriterionScore,
        EvidenceFile,
        GoodPractice,
        ReportEvent,
        ReportingPeriod,
        StateArea,
        UnitReport,
    )
    from results.selectors import results as selectors

    tables = json.load(open(before_path, encoding="utf-8"))["tables"]
    for model in (AreaNarrative, CriterionScore, EvidenceFile, GoodPractice, ReportEvent,
                  ReportingPeriod, StateArea, UnitReport):
        raw = tables[model._meta.db_table][0]
        assert model.objects.count() == raw, (model.__name__, model.objects.count(), raw)
        history = getattr(model, "history", None)
        if history is not None:
            raw_history = tables[history.model._meta.db_table][0]
            assert history.count() == raw_history, (model.__name__, raw_history)
    period = ReportingPeriod.objects.get(year=2022, kind=ReportingPeriod.Kind.MID_YEAR)
    board = selectors.progress_board(period=period)
    ranking = selectors.ranking(period=period)
    assert len(board) == 6 and ranking, (len(board), ranking)

    ct = ContentType.objects.get_for_model(UnitReport)
    assert ct.app_label == "results"
    entry = LogEntry.objects.get(change_message="Diễn tập chuyển ứng dụng (issue #12)")
    assert entry.content_type_id == ct.pk and isinstance(entry.get_edited_object(), UnitReport)
    observer = User.objects.get(username="canbo.quangbinh")
    assert observer.has_perm("results.view_unitreport")
    assert not observer.has_perm("campaigns.view_unitreport")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="canbo.quangtri"))
    base = f"/phong-trao/{period.cluster.slug}/2022/bao-cao/6-thang/"
    page = client.get(base)
    assert page.status_code == 200 and "Quảng Bình" in page.content.decode(), page.status_code
    report = UnitReport.objects.filter(period=period, submitted_at__isnull=False).first()
    page = client.get(f"{base}don-vi/{report.unit_id}/")
    assert page.status_code == 200 and report.unit.name in page.content.decode()
    print(f"  đọc qua results: {UnitReport.objects.count()} báo cáo, "
          f"{CriterionScore.objects.count()} điểm, {GoodPractice.objects.count()} cách làm hay, "
          f"lịch sử {UnitReport.history.count()} bản; bảng tiến độ và xếp hạng "
          f"({len(ranking)} đơn vị); nhật ký admin và quyền theo nhãn mới; trang báo cáo 200")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"manifest": manifest, "mark": mark, "compare": compare, "read": read}[command](*args)
