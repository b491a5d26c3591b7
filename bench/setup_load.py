"""Prepare the load test's data in its own database (``DATABASE_URL``, e.g. thidua_bench):
a cluster of 200 member units, each with an officer and a leader, the criteria tree of the
demo, and a mid-year period open for submissions whose deadline is an hour away. Writes
``bench/results/people.json``: for each unit its report's URLs and a logged-in session for
its officer and its leader (sessions are made here, not by logging in over HTTP, so the
measured hour is the saving and submitting, not password hashing).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python bench/setup_load.py --units 200

Run by ``bench/run_load.sh`` on a freshly created database; it refuses a database that holds
anything else than its own cluster.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.demo import CRITERIA_2022  # noqa: E402
from campaigns.services import criteria as criteria_services  # noqa: E402
from cluster.models import Cluster, ClusterYear, Membership, Province, Unit, User  # noqa: E402
from results.models import ReportingPeriod  # noqa: E402
from results.services import results as results_services  # noqa: E402

SLUG = "thu-tai"
OUT = ROOT / "bench" / "results"


def session_for(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "cluster.backends.UserBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@transaction.atomic
def build(units: int, year: int, beside: bool = False) -> dict:
    others = not beside and Cluster.objects.exclude(slug=SLUG).exists()
    if others or Cluster.objects.filter(slug=SLUG).exists():
        sys.exit("Cơ sở dữ liệu này đã có dữ liệu: hãy dùng một cơ sở dữ liệu mới, riêng cho "
                 "thử tải (bench/run_load.sh tạo lại thidua_bench mỗi lần chạy).")
    cluster = Cluster.objects.create(name="Cụm thi đua thử tải (200 đơn vị)", slug=SLUG,
                                     series_code="CTĐTT", is_illustrative=True)
    members = []
    for i in range(1, units + 1):
        province = Province.objects.create(name=f"Tỉnh thử tải {i:03d}")
        unit = Unit.objects.create(province=province, name=f"Sở Nội vụ tỉnh thử tải {i:03d}",
                                   short_name=f"Thử tải {i:03d}")
        Membership.objects.create(cluster=cluster, unit=unit, from_year=year, rotation_order=i)
        members.append(unit)
    ClusterYear.objects.create(cluster=cluster, year=year, chair=members[0],
                               vice_chair=members[1])
    people = {}
    for i, unit in enumerate(members, start=1):
        for role, prefix in ((User.Role.OFFICER, "canbo"), (User.Role.LEADER, "lanhdao")):
            user = User(username=f"{prefix}.t{i:03d}", full_name=f"{prefix} {i:03d}",
                        unit=unit, role=role)
            user.set_unusable_password()  # they only use the sessions made below
            user.save()
            people[(unit.pk, prefix)] = user
    chair_officer = people[(members[0].pk, "canbo")]
    by_code = {}
    for code, parent, name, max_points, kind, params in CRITERIA_2022:
        by_code[code] = criteria_services.criterion_save(
            cluster=cluster, year=year, parent=by_code.get(parent), code=code, name=name,
            max_points=Decimal(max_points) if max_points else None, kind=kind,
            evidence_required=False, is_illustrative=True, acting_user=None,
            **{k: Decimal(v) for k, v in params.items()})
    deadline = timezone.now() + datetime.timedelta(hours=1)
    period = results_services.period_create(
        cluster=cluster, year=year, kind=ReportingPeriod.Kind.MID_YEAR, deadline=deadline,
        acting_user=chair_officer)
    results_services.period_set_phase(period=period, phase=ReportingPeriod.Phase.SUBMITTING,
                                      acting_user=chair_officer)
    rows = []
    for unit in members:
        kwargs = {"slug": SLUG, "year": year, "kind": "6-thang", "unit_pk": unit.pk}
        rows.append({
            "unit": unit.pk,
            "report": reverse("results:report", kwargs=kwargs),
            "edit": reverse("results:edit", kwargs=kwargs),
            "submit": reverse("results:submit", kwargs=kwargs),
            "board": reverse("results:board",
                             kwargs={"slug": SLUG, "year": year, "kind": "6-thang"}),
            "officer": session_for(people[(unit.pk, "canbo")]),
            "leader": session_for(people[(unit.pk, "lanhdao")]),
        })
    return {"cluster": SLUG, "year": year, "deadline": deadline.isoformat(), "units": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--beside", action="store_true",
                        help="add the cluster beside existing data (a restored national dump)")
    args = parser.parse_args()
    data = build(args.units, timezone.localdate().year, beside=args.beside)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "people.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    print(f"Đã tạo cụm {SLUG}: {args.units} đơn vị, {2 * args.units} người dùng, kỳ báo cáo "
          f"hạn {data['deadline']}; phiên đăng nhập ở {OUT / 'people.json'}")


if __name__ == "__main__":
    main()
