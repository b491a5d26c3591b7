"""A mid-year period of the demo cluster with units' reports, made through the services as
the secretariat and the units would (results.services.results), for the documents' tests and
for bench/bench_reports.py.

It uses the current year (the services accept deadlines near the period's year only, and a
past deadline would make every report late), not 2022, so it does not depend on whatever demo
reports campaigns/demo.py may hold for the seed's year. Since 2025 the cluster has five
members (Quảng Bình merged into Quảng Trị; Huế became a city, whose department gets demo
accounts here). Four submit; Hà Tĩnh keeps a draft, so the documents show a unit that has not
reported.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from campaigns import services
from campaigns.models import Conference, Criterion
from cluster.models import Cluster, Province, Unit, User
from cluster.selectors import cluster_member_units
from cluster.services import cluster_year_set_roles
from results.models import GoodPractice, ReportingPeriod, StateArea, UnitReport
from results.services import results

HOSTILE = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.invalid","bấm vào đây")'
DRAFT_UNIT = "Hà Tĩnh"
# Qualitative criteria a unit missed, and its bonus count, by unit (short name): a spread of
# totals with a tie (Nghệ An and Thanh Hóa) that the self-score breaks.
MISSED = {"Thanh Hóa": {"2.3"}, "Nghệ An": {"2.3"}, "Quảng Trị": set(), "Huế": {"1.1"},
          "Hà Tĩnh": set()}
BONUS = {"Nghệ An": 1, "Quảng Trị": 2, "Huế": 0, "Thanh Hóa": 1, "Hà Tĩnh": 0}
KEYS = {"Thanh Hóa": "thanhhoa", "Nghệ An": "nghean", "Hà Tĩnh": "hatinh",
        "Quảng Trị": "quangtri", "Huế": "huecity"}


@dataclass
class MidYear:
    year: int
    cluster: Cluster
    period: ReportingPeriod
    conference: Conference
    secretary: User
    members: list[Unit]


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def staff(unit: Unit) -> tuple[User, User]:
    """The unit's officer and leader: the demo logins canbo.<key>, lanhdao.<key>; created for
    Huế city's department, which the demo gives none."""
    key = KEYS[unit.short_name]
    found = []
    for prefix, role, title in (("canbo", User.Role.OFFICER, "Chuyên viên"),
                                ("lanhdao", User.Role.LEADER, "Giám đốc Sở Nội vụ")):
        person, _ = User.objects.get_or_create(
            username=f"{prefix}.{key}",
            defaults={"unit": unit, "role": role, "job_title": title,
                      "full_name": f"{'Công chức' if prefix == 'canbo' else 'Lãnh đạo'} "
                                   f"Sở Nội vụ {unit.short_name}"})
        found.append(person)
    return found[0], found[1]


def narrative(unit: Unit, area: StateArea, *, hostile: bool) -> str:
    text = (f"Sở Nội vụ {unit.short_name} hoàn thành các nhiệm vụ về {area.name.lower()} "
            "theo kế hoạch năm.")
    if hostile and unit.short_name == "Nghệ An" and area.order == 0:
        text += f" Ý kiến gửi kèm: {HOSTILE}"
    return text


def conference_title(year: int) -> str:
    return f"Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year}"


def build_mid_year(*, hostile: bool = True, submit: bool = True) -> MidYear:
    """This year's mid-year period of the North Central cluster: criteria copied from 2022,
    the reports of four units submitted (by their leaders), the mid-year conference with its
    record, one good practice."""
    year = timezone.localdate().year
    cluster = Cluster.objects.get(slug="snv-bac-trung-bo")
    secretary = user("canbo.quangtri")
    members = cluster_member_units(cluster=cluster, year=year)
    by_name = {u.short_name: u for u in members}
    cluster_year_set_roles(cluster=cluster, year=year, chair=by_name["Quảng Trị"],
                           vice_chair=by_name["Huế"], acting_user=secretary)
    services.criteria_copy_from_year(cluster=cluster, from_year=2022, to_year=year,
                                     acting_user=secretary)
    period = results.period_create(
        cluster=cluster, year=year, kind=ReportingPeriod.Kind.MID_YEAR,
        deadline=timezone.now() + datetime.timedelta(days=7), acting_user=secretary)
    results.period_set_phase(period=period, phase=ReportingPeriod.Phase.SUBMITTING,
                             acting_user=secretary)
    criteria = {c.code: c for c in Criterion.objects.filter(cluster=cluster, year=year)}
    areas = list(StateArea.objects.filter(cluster=cluster, year=year))
    for unit in members:
        officer, leader = staff(unit)
        report = results.report_get_or_create(period=period, unit=unit, acting_user=officer)
        scores = {c.pk: {"achieved": code not in MISSED[unit.short_name],
                         "note": FORMULA if hostile and unit.short_name == "Nghệ An" else ""}
                  for code, c in criteria.items() if c.kind == Criterion.Kind.QUALITATIVE}
        scores[criteria["3.1"].pk] = {"count": BONUS.get(unit.short_name, 0)}
        results.report_save(
            report=report, expected_version=report.version, acting_user=officer,
            fields={
                "key_figures": f"Tham mưu ban hành {len(unit.short_name)} văn bản.",
                "highlights": f"Cách làm hay của Sở Nội vụ {unit.short_name}.",
                "shortcomings": f"Hạn chế của Sở Nội vụ {unit.short_name}.",
                "proposals": f"Kiến nghị của Sở Nội vụ {unit.short_name}.",
            },
            narratives={area.pk: narrative(unit, area, hostile=hostile) for area in areas},
            scores=scores,
        )
        if submit and unit.short_name != DRAFT_UNIT:
            results.report_transition(report=report, to_state=UnitReport.State.SUBMITTED,
                                      acting_user=leader)
    quang_tri = Province.objects.get(name="Quảng Trị", kind=Province.Kind.PROVINCE)
    conference = services.conference_create(
        cluster=cluster, year=year, kind=Conference.Kind.MIDYEAR, title=conference_title(year),
        starts_at=timezone.make_aware(datetime.datetime(year, 7, 5, 8, 0)),
        province=quang_tri, locality="thành phố Đông Hà", venue="Hội trường Sở Nội vụ",
        agenda="Báo cáo sơ kết 6 tháng đầu năm\nThảo luận\nKết luận",
        opening_speaker="đồng chí Ngô Quang Chiến",
        opening_speaker_title="Giám đốc Sở Nội vụ tỉnh Quảng Trị",
        opening_summary=f"Đánh giá kết quả 6 tháng đầu năm {year} của Cụm.",
        achievements="Các đơn vị hoàn thành tốt nhiệm vụ 6 tháng đầu năm.",
        shortcomings=("Việc nhân rộng điển hình tiên tiến còn chậm."
                      + (f" {HOSTILE}" if hostile else "")),
        solutions="Tăng cường tuyên truyền điển hình tiên tiến.",
        conclusions="Hội nghị thống nhất phương hướng 6 tháng cuối năm.",
        acting_user=secretary,
    )
    services.delegate_add(conference=conference, full_name="Ngô Quang Chiến",
                          job_title="Giám đốc Sở Nội vụ", unit=by_name["Quảng Trị"],
                          acting_user=secretary)
    services.delegate_add(conference=conference, full_name="", job_title="Lãnh đạo Sở",
                          unit=by_name["Nghệ An"], acting_user=secretary)
    GoodPractice.objects.create(
        cluster=cluster, year=year, unit=by_name["Nghệ An"], area=areas[0],
        title="Số hóa hồ sơ thi đua, khen thưởng",
        description="Toàn bộ hồ sơ đề nghị khen thưởng được tiếp nhận trực tuyến.",
        results="Rút ngắn thời gian xử lý hồ sơ.", created_by=secretary)
    period.refresh_from_db()
    return MidYear(year=year, cluster=cluster, period=period, conference=conference,
                   secretary=secretary,
                   members=members)
