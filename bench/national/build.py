"""Build a national-size instance (issue #11) through the apps' services, on top of the demo.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national_bench \\
        .venv/bin/python bench/national/build.py --clusters 200 --units 12 --big-units 45

What it makes (every knob is a flag; ``bench/national/run.sh`` passes them from the environment):

- the demo of every app (``load_demo``), so the demo people and pages exist as in ``make run``;
- ``--clusters`` clusters and blocks (every third one a Khối of ministries), ``--units`` member
  units each, and one *big* cluster of ``--big-units`` units (the one the crawler walks);
- four accounts per unit (two officers, a leader, a deputy leader): ``--units × --clusters × 4``;
- ``--years`` years per cluster (up to the current one), chair and vice-chair each year;
- for the big cluster, every year: a criteria tree of ``--leaves`` leaves (made once with
  ``criterion_save``, copied to the other years with ``criteria_copy_from_year``), a mid-year
  and a year-end period, every unit's report saved, submitted by its leader and reviewed by the
  chair; in the current year a pledge signed by every unit, a voting session with a nomination
  and a ballot per unit, and the mid-year report issued as a document;
- for the other clusters, the same criteria and both periods with reports, reviewed, in the
  last ``--other-years`` years (0: none).

Accounts are made with unusable passwords (the crawler logs in with sessions, not passwords)
except the people named in ``bench/national/roles.json``, who get the demo's password.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import sys
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.demo import CRITERIA_2022  # noqa: E402
from campaigns.models import Criterion  # noqa: E402
from campaigns.services import criteria as criteria_services  # noqa: E402
from cluster import services as cluster_services  # noqa: E402
from cluster.demo import DEMO_PASSWORD  # noqa: E402
from cluster.models import Cluster, Province, Unit, User  # noqa: E402
from results.models import ReportingPeriod, UnitReport  # noqa: E402
from results.services import results as results_services  # noqa: E402

BIG_SLUG = "quoc-gia-cum-lon"
OUT = ROOT / "bench" / "results"
Phase = ReportingPeriod.Phase
State = UnitReport.State
Kind = Criterion.Kind


@contextmanager
def clock(moment: datetime.datetime):
    """The services stamp their steps with the clock; past years' steps run at their date."""
    with mock.patch.object(timezone, "now", lambda: moment):
        yield


def at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


class Counter:
    def __init__(self):
        self.started = time.monotonic()
        self.steps: list[tuple[str, float, int]] = []

    def step(self, name: str, rows: int, began: float) -> None:
        took = time.monotonic() - began
        self.steps.append((name, took, rows))
        print(f"  {name}: {rows} trong {took:.1f} s ({rows / max(took, 1e-6):.0f}/s)", flush=True)


def tree(leaves: int) -> list[tuple]:
    """The demo's tree (every kind of leaf) plus qualitative leaves under groups IV..., to
    ``leaves`` leaves in all."""
    rows = list(CRITERIA_2022)
    have = sum(1 for r in rows if r[4])
    extra = max(0, leaves - have)
    roman = ["IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
    group = -1
    for i in range(extra):
        if i % 20 == 0:
            group += 1
            rows.append((roman[group], None, f"Nhiệm vụ khác, nhóm {group + 1}", "20", "", {}))
        rows.append((f"{group + 4}.{i % 20 + 1}", roman[group],
                     f"Nhiệm vụ khác số {i + 1}", "1", "dinh_tinh", {}))
    return rows


PROVINCES = 63  # before the 2025 mergers; every unit has a province (ministries: Hà Nội's)
_provinces: list[Province] = []


def province_pool() -> list[Province]:
    """63 provinces shared by all the units (a province per unit would make every province
    list — the conference form's, for one — 2,500 long, which no real instance has)."""
    if not _provinces:
        _provinces.extend(Province.objects.get_or_create(name=f"Tỉnh quốc gia {n:02d}")[0]
                          for n in range(1, PROVINCES + 1))
    return _provinces


def make_cluster(index: int, *, units: int, years: list[int], slug: str | None = None,
                 big: bool = False) -> tuple[Cluster, list[Unit], dict]:
    block = index % 3 == 2 and not big
    name = (f"Cụm thi đua quốc gia lớn ({units} đơn vị)" if big else
            f"{'Khối thi đua các bộ, ngành' if block else 'Cụm thi đua các tỉnh'} số {index:03d}")
    cluster = Cluster.objects.create(
        name=name, slug=slug or f"quoc-gia-{index:03d}",
        kind=Cluster.Kind.BLOCK if block else Cluster.Kind.CLUSTER,
        series_code=f"QG{index:03d}", superior_body="Bộ Nội vụ", is_illustrative=True)
    members, people = [], {}
    for i in range(1, units + 1):
        label = f"{'L' if big else ''}{index:03d}-{i:02d}"
        province = province_pool()[(index * 7 + i) % PROVINCES]
        unit = Unit.objects.create(
            province=province, short_name=f"QG {label}",
            name=(f"Bộ quốc gia {label}" if block else f"Sở Nội vụ tỉnh quốc gia {label}"))
        cluster_services.membership_create(cluster=cluster, unit=unit, from_year=years[0],
                                           rotation_order=i, is_illustrative=True)
        members.append(unit)
        tag = f"{'lon' if big else 'qg'}{index:03d}.{i:02d}"
        made = []
        for prefix, role in (("canbo", User.Role.OFFICER), ("canbo2", User.Role.OFFICER),
                             ("lanhdao", User.Role.LEADER), ("pholanhdao", User.Role.LEADER)):
            user = User(username=f"{prefix}.{tag}", full_name=f"{prefix} {label}", unit=unit,
                        role=role, job_title="Chuyên viên")
            user.set_unusable_password()
            made.append(user)
        User.objects.bulk_create(made)
        people[unit.pk] = {u.username.split(".")[0]: u for u in
                           User.objects.filter(unit=unit)}
    for n, year in enumerate(years):
        chair = members[n % len(members)]
        vice = members[(n + 1) % len(members)]
        cluster_services.cluster_year_set_roles(cluster=cluster, year=year, chair=chair,
                                                vice_chair=vice, acting_user=None,
                                                is_illustrative=True)
    return cluster, members, people


def make_criteria_bulk(cluster: Cluster, years: list[int], leaves: int) -> None:
    """The volume path for the other clusters: the same tree by ``bulk_create``, parents
    before children (``criterion_save`` recomputes open periods at each save)."""
    for year in years:
        by_code: dict[str, Criterion] = {}
        rows = tree(leaves)
        for level in (False, True):
            made = []
            for code, parent, name, max_points, kind, params in rows:
                if (parent is not None) != level:
                    continue
                made.append(Criterion(
                    cluster=cluster, year=year, parent=by_code.get(parent), code=code,
                    name=name, max_points=Decimal(max_points) if max_points else None,
                    kind=kind, evidence_required=False, is_illustrative=True,
                    **{k: Decimal(v) for k, v in params.items()}))
            for c in Criterion.objects.bulk_create(made):
                by_code[c.code] = c


def make_criteria(cluster: Cluster, years: list[int], leaves: int) -> None:
    first, by_code = years[0], {}
    for code, parent, name, max_points, kind, params in tree(leaves):
        by_code[code] = criteria_services.criterion_save(
            cluster=cluster, year=first, parent=by_code.get(parent), code=code, name=name,
            max_points=Decimal(max_points) if max_points else None, kind=kind,
            evidence_required=False, is_illustrative=True, acting_user=None,
            **{k: Decimal(v) for k, v in params.items()})
    for year in years[1:]:
        criteria_services.criteria_copy_from_year(cluster=cluster, from_year=first,
                                                  to_year=year, acting_user=None)


def scores_for(leaves: list[Criterion], seed: int) -> dict[int, dict]:
    scores = {}
    for i, c in enumerate(leaves):
        if c.kind == Kind.QUALITATIVE:
            scores[c.pk] = {"achieved": (seed + i) % 5 != 0}
        elif c.kind == Kind.QUANTITATIVE:
            scores[c.pk] = {"actual": str(90 + (seed + i) % 10)}
        elif c.kind == Kind.PER_OCCURRENCE:
            scores[c.pk] = {"count": (seed + i) % 4}
        elif c.kind == Kind.BONUS_PENALTY:
            scores[c.pk] = {"count": (seed + i) % 2}
    return scores


def make_period(cluster: Cluster, year: int, kind: str, members: list[Unit], people: dict,
                *, current: bool) -> int:
    """One period with every unit's report saved, submitted and reviewed. In the current
    year's year-end period the reports stay submitted and the period open for verification,
    so the chair has something to act on."""
    month = 6 if kind == ReportingPeriod.Kind.MID_YEAR else 12
    chair_unit = cluster.years.get(year=year).chair
    chair = people[chair_unit.pk]["canbo"]
    with clock(at(year, month, 1)):
        period = results_services.period_create(
            cluster=cluster, year=year, kind=kind,
            deadline=at(year, month, 15, 17), acting_user=chair)
        period = results_services.period_set_phase(period=period, phase=Phase.SUBMITTING,
                                                   acting_user=chair)
    leaves = [c for c in Criterion.objects.filter(cluster=cluster, year=year)
              if c.kind != Kind.GROUP]
    areas = list(cluster.state_areas.filter(year=year))
    reports = []
    with clock(at(year, month, 10)):
        for unit in members:
            officer, leader = people[unit.pk]["canbo"], people[unit.pk]["lanhdao"]
            report = results_services.report_get_or_create(period=period, unit=unit,
                                                            acting_user=officer)
            report = results_services.report_save(
                report=report, expected_version=report.version, acting_user=officer,
                fields={"key_figures": f"Số liệu của {unit.short_name}, năm {year}.",
                        "highlights": "Hoàn thành tốt các nhiệm vụ được giao.",
                        "shortcomings": "Một số chỉ tiêu còn chậm.",
                        "proposals": "Đề nghị Cụm trao đổi kinh nghiệm."},
                narratives={a.pk: f"Kết quả lĩnh vực {a.name}." for a in areas},
                scores=scores_for(leaves, unit.pk + year))
            report = results_services.report_transition(report=report, to_state=State.SUBMITTED,
                                                        acting_user=leader)
            reports.append(report)
    with clock(at(year, month, 16)):
        results_services.period_set_phase(period=period, phase=Phase.VERIFYING,
                                          acting_user=chair)
    review = not (current and kind == ReportingPeriod.Kind.YEAR_END)
    if review:
        with clock(at(year, month, 18)):
            for n, report in enumerate(reports):
                adjust = {}
                if n % 3 == 0 and leaves:
                    adjust = {leaves[0].pk: ("0", "Chưa có văn bản chứng minh.")}
                results_services.report_review(report=UnitReport.objects.get(pk=report.pk),
                                               adjustments=adjust, acting_user=chair,
                                               note="Đã thẩm định.")
    return len(reports)


def make_period_bulk(cluster: Cluster, year: int, kind: str, members: list[Unit],
                     people: dict) -> int:
    """The volume path: the period through its service, the reports, narratives and scores
    by ``bulk_create`` (reviewed, as the review would leave them), then the points, totals and
    final state through ``period_finalise`` (which recomputes the whole period)."""
    from results.models import AreaNarrative, CriterionScore
    month = 6 if kind == ReportingPeriod.Kind.MID_YEAR else 12
    chair = people[cluster.years.get(year=year).chair_id]["canbo"]
    with clock(at(year, month, 1)):
        period = results_services.period_create(
            cluster=cluster, year=year, kind=kind, deadline=at(year, month, 15, 17),
            acting_user=chair)
    leaves = [c for c in Criterion.objects.filter(cluster=cluster, year=year)
              if c.kind != Kind.GROUP]
    areas = list(cluster.state_areas.filter(year=year))
    submitted = at(year, month, 10)
    reports = UnitReport.objects.bulk_create([UnitReport(
        period=period, unit=unit, state=State.REVIEWED, version=3, submitted_at=submitted,
        last_saved_at=submitted, last_saved_by=people[unit.pk]["canbo"],
        key_figures=f"Số liệu của {unit.short_name}, năm {year}.",
        highlights="Hoàn thành tốt các nhiệm vụ được giao.",
        shortcomings="Một số chỉ tiêu còn chậm.", proposals="Đề nghị Cụm trao đổi kinh nghiệm.",
        is_illustrative=True) for unit in members])
    AreaNarrative.objects.bulk_create([
        AreaNarrative(report=r, area=a, text=f"Kết quả lĩnh vực {a.name}.")
        for r in reports for a in areas])
    rows = []
    for r in reports:
        values = scores_for(leaves, r.unit_id + year)
        for c in leaves:
            field_values = values[c.pk]
            row = CriterionScore(report=r, criterion=c, **field_values)
            if c.kind == Kind.QUANTITATIVE:
                row.actual = Decimal(row.actual)
            rows.append(row)
    CriterionScore.objects.bulk_create(rows, batch_size=2000)
    with clock(at(year, month, 20)):
        period = results_services.period_set_phase(period=period, phase=Phase.SUBMITTING,
                                                   acting_user=chair)
        results_services.period_finalise(period=period, acting_user=chair)
    return len(reports)


def extras(cluster: Cluster, year: int, members: list[Unit], people: dict) -> str:
    """The current year's pledge (signed by every unit), voting session (a nomination and a
    ballot per unit) and the mid-year report issued as a document. Each is optional: an
    app whose services changed signature is reported, not fatal."""
    done = []
    chair = people[cluster.years.get(year=year).chair_id]["canbo"]
    try:
        from pledges import services as pledge_services
        from pledges.models import PledgeStatus
        pledge = pledge_services.pledge_create(
            cluster=cluster, year=year, title=f"Giao ước thi đua năm {year}",
            preamble="Các đơn vị thành viên cùng giao ước.", acting_user=chair)
        for i in range(8):
            pledge_services.commitment_add(pledge=pledge, text=f"Cam kết số {i + 1}.",
                                           acting_user=chair)
        pledge_services.pledge_transition(pledge=pledge, to_status=PledgeStatus.OPEN,
                                          acting_user=chair)
        for unit in members:
            pledge_services.pledge_sign(pledge=pledge, unit=unit,
                                        acting_user=people[unit.pk]["lanhdao"])
        done.append(f"giao ước ({len(members)} chữ ký)")
    except Exception as error:  # noqa: BLE001 — reported, the rest goes on
        done.append(f"giao ước: lỗi {error!r}")
    try:
        from campaigns.models import Conference
        from commendations import services as c_services
        from commendations.models import AwardForm, SessionStatus
        c_services.award_rules_create_for_year(cluster=cluster, year=year, acting_user=chair)
        from campaigns.services import conferences as conference_services
        conference = conference_services.conference_create(
            cluster=cluster, year=year, kind=Conference.Kind.YEAREND,
            title=f"Hội nghị tổng kết năm {year}", starts_at=at(year, 12, 20, 8),
            province=members[0].province, acting_user=chair)
        session = c_services.session_create(cluster=cluster, year=year, conference=conference,
                                            title=f"Bình xét năm {year}", acting_user=chair)
        award = (AwardForm.objects.filter(recipient=AwardForm.Recipient.COLLECTIVE)
                 .order_by("pk").first())
        for unit in members:
            c_services.nomination_add(session=session, award=award, unit=unit,
                                      summary=f"Thành tích của {unit.short_name}.",
                                      acting_user=chair)
        c_services.session_transition(session=session, to_status=SessionStatus.OPEN,
                                      present_count=len(members), acting_user=chair)
        nominations = list(session.nominations.all())
        for unit in members:
            c_services.ballot_cast(session=session, unit=unit,
                                   choices={n.pk: True for n in nominations},
                                   acting_user=people[unit.pk]["lanhdao"])
        done.append(f"bình xét ({len(nominations)} đề cử, {len(members)} phiếu)")
    except Exception as error:  # noqa: BLE001
        done.append(f"bình xét: lỗi {error!r}")
    try:
        from reports import services as r_services
        from reports.kinds import SPECS
        from reports.models import DocumentKind
        period = ReportingPeriod.objects.get(cluster=cluster, year=year,
                                             kind=ReportingPeriod.Kind.MID_YEAR)
        r_services.document_issue(spec=SPECS[DocumentKind.MIDYEAR_REPORT], target=period,
                                  cluster=cluster, year=year,
                                  issued_on=datetime.date(year, 6, 24), acting_user=chair,
                                  verify_url=lambda code: f"http://127.0.0.1/xac-minh/{code}/")
        done.append("báo cáo 6 tháng phát hành")
    except Exception as error:  # noqa: BLE001
        done.append(f"văn bản: lỗi {error!r}")
    return ", ".join(done)


def build(args) -> dict:
    count = Counter()
    this_year = timezone.localdate().year
    years = list(range(this_year - args.years + 1, this_year + 1))
    began = time.monotonic()
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    count.step("dữ liệu mẫu (load_demo)", 1, began)

    began = time.monotonic()
    with transaction.atomic():
        big, big_units, big_people = make_cluster(0, units=args.big_units, years=years,
                                                  slug=BIG_SLUG, big=True)
        make_criteria(big, years, args.leaves)
    count.step("cụm lớn: đơn vị, người dùng, tiêu chí", args.big_units, began)

    began = time.monotonic()
    reports = 0
    service_years = years[-args.service_years:] if args.service_years else []
    for year in years:
        with transaction.atomic():
            for kind in (ReportingPeriod.Kind.MID_YEAR, ReportingPeriod.Kind.YEAR_END):
                if year in service_years:
                    reports += make_period(big, year, kind, big_units, big_people,
                                           current=year == this_year)
                else:
                    reports += make_period_bulk(big, year, kind, big_units, big_people)
    count.step("cụm lớn: báo cáo (dịch vụ: lưu, nộp, thẩm định; các năm trước: bulk)",
               reports, began)

    began = time.monotonic()
    with transaction.atomic():
        note = extras(big, this_year, big_units, big_people)
    count.step(f"cụm lớn: {note}", 1, began)

    began = time.monotonic()
    others = []
    for index in range(1, args.clusters):
        with transaction.atomic():
            cluster, members, people = make_cluster(index, units=args.units, years=years)
            if args.other_years:
                recent = years[-args.other_years:]
                make_criteria_bulk(cluster, recent, args.leaves)
            others.append((cluster, members, people))
        if index % 20 == 0:
            print(f"    {index} cụm", flush=True)
    count.step("cụm, khối khác: đơn vị và người dùng", (args.clusters - 1) * args.units, began)

    began = time.monotonic()
    reports = 0
    if args.other_years:
        for cluster, members, people in others:
            for year in years[-args.other_years:]:
                with transaction.atomic():
                    for kind in (ReportingPeriod.Kind.MID_YEAR, ReportingPeriod.Kind.YEAR_END):
                        reports += make_period_bulk(cluster, year, kind, members, people)
    count.step("cụm, khối khác: báo cáo", reports, began)

    roles = roles_for(big, big_units, big_people, others, this_year)
    analyze()
    return {"args": vars(args), "sizes": sizes_for(big_units, years, args.leaves),
            "roles": roles, "seconds": round(time.monotonic() - count.started),
            "steps": [{"step": s, "seconds": round(t, 1), "rows": r} for s, t, r in count.steps]}


def analyze() -> None:
    """Planner statistics for what was just bulk-loaded (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def sizes_for(big_units: list[Unit], years: list[int], leaves: int) -> dict:
    """The counts ``national.json`` records (docs/performance.md, "National scale")."""
    from results.models import CriterionScore
    return {
        "clusters": Cluster.objects.count(), "units": Unit.objects.count(),
        "users": User.objects.count(), "reports": UnitReport.objects.count(),
        "criteria": Criterion.objects.count(),
        "big_cluster_units": len(big_units), "years": len(years),
        "leaves": sum(1 for r in tree(leaves) if r[4]),
        "criterion_scores": CriterionScore.objects.count(),
    }


def write_results(data: dict) -> None:
    """``bench/results/national.json``: the sizes, the crawler's people, the build's steps."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "national.json").write_text(json.dumps(data, indent=1, ensure_ascii=False),
                                       encoding="utf-8")
    print(json.dumps(data["sizes"], ensure_ascii=False), f"{data['seconds']} s")


def roles_for(big, units, people, others, year) -> dict:
    """The people the crawler walks as: the demo's, and the national instance's own."""
    chair = big.years.get(year=year).chair_id
    member = next(u for u in units if u.pk != chair)
    other = others[0] if others else None
    named = {
        "secretariat_big": people[chair]["canbo"],
        "member_officer_big": people[member.pk]["canbo"],
        "member_leader_big": people[member.pk]["lanhdao"],
    }
    if other:
        other_chair = other[0].years.get(year=year).chair_id
        named["officer_other"] = other[2][other_chair]["canbo"]
    for user in named.values():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    roles = {key: user.username for key, user in named.items()}
    roles.update({"admin": "admin", "observer": "bonoivu"})
    return {"cluster": big.slug, "year": year, "people": roles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=200,
                        help="cụm và khối, kể cả cụm lớn (mặc định 200)")
    parser.add_argument("--units", type=int, default=12, help="đơn vị mỗi cụm khác (12)")
    parser.add_argument("--big-units", type=int, default=45, help="đơn vị của cụm lớn (45)")
    parser.add_argument("--years", type=int, default=10, help="số năm (10)")
    parser.add_argument("--leaves", type=int, default=64, help="số tiêu chí lá (64)")
    parser.add_argument("--service-years", type=int, default=1,
                        help="số năm gần nhất của cụm lớn làm hoàn toàn qua dịch vụ (1)")
    parser.add_argument("--other-years", type=int, default=1,
                        help="số năm gần nhất có báo cáo ở các cụm khác (1)")
    args = parser.parse_args()
    if Cluster.objects.filter(slug=BIG_SLUG).exists():
        sys.exit("Cơ sở dữ liệu này đã có dữ liệu quốc gia: hãy tạo lại (bench/national/run.sh).")
    write_results(build(args))


if __name__ == "__main__":
    main()
