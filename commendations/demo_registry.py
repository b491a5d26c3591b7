"""Demo data of the person registry and the look-up (issue #16), ILLUSTRATIVE: every name
typed for a person in the demo's nominations, granted awards and past honours is linked to a
person; and one made-up person, "Trần Văn Minh Họa", who worked at the Quảng Bình department
then moved to Quảng Trị's in July 2022, with honours imported for both units, so the look-up
and the person's page show one person's honours across units. Every honour added here says
"minh họa" in its note and its person is marked illustrative. Idempotent; called at the end
of ``commendations.demo.load``."""

from __future__ import annotations

import datetime

from django.db import transaction

from cluster.demo import NORTH_CENTRAL_SLUG
from cluster.history import save_with_history
from cluster.models import Cluster, Unit
from commendations import services
from commendations.models import AwardForm, GrantedAward, Nomination, PastHonour, Person

D = datetime.date
MOVER = "Trần Văn Minh Họa"
NOTE = "Minh họa: cá nhân và khen thưởng giả định để trình bày tra cứu theo cá nhân."
# (unit key, position, since, until)
MOVER_POSTINGS = [
    ("Quảng Bình", "Chuyên viên phòng Thi đua, khen thưởng", D(2018, 3, 1), D(2022, 6, 30)),
    ("Quảng Trị", "Phó Trưởng phòng Thi đua, khen thưởng", D(2022, 7, 1), None),
]
# (person, unit, award code, year, decision number, decision date, issuing body)
HONOURS = [
    (MOVER, "Quảng Bình", "chien_si_thi_dua_co_so", 2020, "0000/QĐ-SNV", D(2021, 1, 15),
     "Giám đốc Sở Nội vụ tỉnh Quảng Bình"),
    (MOVER, "Quảng Bình", "bang_khen_bo_truong", 2021, "0000/QĐ-BNV", D(2022, 2, 10),
     "Bộ trưởng Bộ Nội vụ"),
    (MOVER, "Quảng Trị", "chien_si_thi_dua_co_so", 2023, "0000/QĐ-SNV", D(2024, 1, 20),
     "Giám đốc Sở Nội vụ tỉnh Quảng Trị"),
    ("Nguyễn Thị Minh Họa", "Hà Tĩnh", "chien_si_thi_dua_co_so", 2019, "0000/QĐ-SNV",
     D(2020, 1, 14), "Giám đốc Sở Nội vụ tỉnh Hà Tĩnh"),
]


def _unit(short: str) -> Unit | None:
    return Unit.objects.filter(name=f"Sở Nội vụ tỉnh {short}").first()


@transaction.atomic
def load(stdout=None) -> None:
    cluster = Cluster.objects.filter(slug=NORTH_CENTRAL_SLUG).first()
    if cluster is None:
        return
    _mover(cluster)
    linked = _link_names()
    if stdout:
        stdout.write(f"  commendations: danh bạ {Person.objects.count()} cá nhân "
                     f"({linked} tên vừa liên kết, minh họa)")


def _mover(cluster: Cluster) -> None:
    """The person who moved, with a posting in each unit and honours of both (through the
    services, the system acting)."""
    units = {short: _unit(short) for short in ("Quảng Bình", "Quảng Trị", "Hà Tĩnh")}
    if None in units.values() or Person.objects.filter(full_name=MOVER).exists():
        return
    person = Person(full_name=MOVER, gender="nam", date_of_birth=D(1985, 4, 12),
                    is_illustrative=True)
    save_with_history(person, acting_user=None, reason="Dữ liệu minh họa")
    for short, position, since, until in MOVER_POSTINGS:
        services.person_posting_add(person=person, unit=units[short], position=position,
                                    since=since, until=until, acting_user=None)
    for name, short, code, year, number, day, body in HONOURS:
        award = AwardForm.objects.filter(code=code).first()
        if award is None or PastHonour.objects.filter(
                cluster=cluster, unit=units[short], person_name=name, award=award,
                year=year).exists():
            continue
        services.past_honour_save(
            cluster=cluster, year=year, unit=units[short], award=award, honour_year=year,
            acting_user=None, person_name=name, decision_number=number, decision_date=day,
            issuing_body=body, note=NOTE)


def _link_names() -> int:
    """Every row of the demo with a person's name and no person gets one (as the migration
    does for a database made before the registry)."""
    linked = 0
    for nomination in Nomination.objects.filter(person__isnull=True).exclude(
            person_name="").select_related("unit"):
        nomination.person = services.person_find_or_create(
            full_name=nomination.person_name, unit=nomination.unit, acting_user=None,
            gender=nomination.person_gender, position=nomination.person_title,
            is_illustrative=nomination.is_illustrative)
        save_with_history(nomination, acting_user=None, reason="Liên kết danh bạ cá nhân")
        linked += 1
    for granted in GrantedAward.objects.filter(person__isnull=True).exclude(
            person_name="").select_related("nomination", "unit"):
        granted.person = granted.nomination.person or services.person_find_or_create(
            full_name=granted.person_name, unit=granted.unit, acting_user=None,
            is_illustrative=granted.is_illustrative, is_current=False)
        save_with_history(granted, acting_user=None, reason="Liên kết danh bạ cá nhân")
        linked += 1
    for honour in PastHonour.objects.filter(person__isnull=True).exclude(
            person_name="").select_related("unit"):
        honour.person = services.person_find_or_create(
            full_name=honour.person_name, unit=honour.unit, acting_user=None, is_current=False)
        save_with_history(honour, acting_user=None, reason="Liên kết danh bạ cá nhân")
        linked += 1
    return linked
