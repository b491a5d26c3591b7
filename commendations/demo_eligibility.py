"""Demo data of standards and eligibility (issue #16, part 3), called once at the end of
``commendations.demo.load()``: the shipped standards (``national_standards``), an ILLUSTRATIVE
standard and history condition of Cờ thi đua của Bộ Nội vụ, illustrative past honours and the
units' declarations for the 2022 nominations, so that their checklists show items the history
proves, items the unit declared, and items missing. Every row it adds is marked "minh họa";
idempotent.

The declarations are written directly (the system, as the demo's other records): the 2022
dossiers have already gone up, when a unit may no longer change them."""

from __future__ import annotations

from cluster.demo import NORTH_CENTRAL, NORTH_CENTRAL_SLUG
from cluster.history import save_with_history
from cluster.models import Cluster, Unit
from commendations import services
from commendations.models import (
    AwardCondition,
    AwardForm,
    AwardStandard,
    Nomination,
    PastHonour,
    StandardDeclaration,
)
from commendations.national_standards import standards_load

ILLUSTRATIVE_SOURCE = ("Minh họa: tiêu chuẩn, điều kiện giả định để trình bày danh sách kiểm "
                       "tra; không phải quy định của văn bản.")
PERSON = "Nguyễn Thị Minh Họa"
# (unit key, award code, person name, year of achievement)
PAST = [
    ("thanhhoa", "tap_the_lao_dong_xuat_sac", "", 2020),
    ("thanhhoa", "tap_the_lao_dong_xuat_sac", "", 2021),
    ("hatinh", "tap_the_lao_dong_xuat_sac", "", 2021),
    ("hatinh", "chien_si_thi_dua_co_so", PERSON, 2020),
    ("hatinh", "chien_si_thi_dua_co_so", PERSON, 2022),
]
# (unit key, award code, person name): the answer to each standard applying in 2022, in order
DECLARATIONS = [
    ("quangtri", "co_chinh_phu", "", [
        (True, "Minh họa: báo cáo tổng kết năm 2022 của Sở."),
        (True, "Minh họa: vượt 12/12 chỉ tiêu thi đua."),
        (True, "")]),
    ("nghean", "co_chinh_phu", "", [(True, "Minh họa: dẫn đầu cụm năm 2022."), (False, "")]),
    ("thanhhoa", "co_bo_noi_vu", "", [(True, "Minh họa: xếp loại hoàn thành xuất sắc.")]),
    ("hatinh", "chien_si_thi_dua", PERSON, [(True, "Minh họa: sáng kiến số hóa hồ sơ.")]),
]


def _illustrative_rules(awards: dict[str, AwardForm]) -> None:
    award = awards.get("co_bo_noi_vu")
    required = awards.get("tap_the_lao_dong_xuat_sac")
    if award is None or required is None:
        return
    if not AwardStandard.objects.filter(award=award, is_illustrative=True).exists():
        save_with_history(AwardStandard(
            award=award, text="Hoàn thành xuất sắc nhiệm vụ năm (minh họa).",
            source=ILLUSTRATIVE_SOURCE, is_illustrative=True, order=1), acting_user=None)
    if not AwardCondition.objects.filter(award=award, is_illustrative=True).exists():
        condition = AwardCondition(
            award=award, kind=AwardCondition.Kind.TITLE_EACH_YEAR, years=2,
            text="Đạt danh hiệu Tập thể lao động xuất sắc 02 năm liền trước năm đề nghị "
                 "(minh họa).", source=ILLUSTRATIVE_SOURCE, is_illustrative=True, order=1)
        save_with_history(condition, acting_user=None)
        condition.required_awards.set([required])


def load() -> None:
    standards_load()
    awards = {a.code: a for a in AwardForm.objects.all()}
    _illustrative_rules(awards)
    cluster = Cluster.objects.filter(slug=NORTH_CENTRAL_SLUG).first()
    if cluster is None:
        return
    units = {key: unit for key, name, _order in NORTH_CENTRAL
             for unit in [Unit.objects.filter(name=f"Sở Nội vụ tỉnh {name}").first()] if unit}
    for key, code, person, year in PAST:
        if key not in units or code not in awards:
            continue
        if not PastHonour.objects.filter(cluster=cluster, unit=units[key], award=awards[code],
                                         person_name=person, year=year).exists():
            services.past_honour_save(cluster=cluster, year=2022, unit=units[key],
                                      award=awards[code], honour_year=year, person_name=person,
                                      acting_user=None, note="Minh họa")
    for key, code, person, answers in DECLARATIONS:
        nomination = Nomination.objects.filter(
            session__cluster=cluster, session__year=2022, unit=units.get(key),
            award__code=code, person_name=person).select_related("session").first()
        if nomination is None:
            continue
        standards = list(AwardStandard.objects.filter(award=nomination.award_id)
                         .for_year(2022).order_by("order", "pk"))
        for standard, (declared, note) in zip(standards, answers, strict=False):
            if StandardDeclaration.objects.filter(nomination=nomination,
                                                  standard=standard).exists():
                continue
            save_with_history(StandardDeclaration(
                nomination=nomination, standard=standard, declared=declared, note=note,
                is_illustrative=True), acting_user=None)
