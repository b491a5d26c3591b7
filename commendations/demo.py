"""Demo data of the commendations app: six entries of the shipped award catalogue
(``commendations.national_catalogue``, real titles and forms), and an ILLUSTRATIVE 2022
year-end of the North Central cluster: the 2022 rules (the software's defaults), nominations,
a closed secret vote of all six member units at the year-end conference (the year's last
conference while the campaigns data has no year-end one), cast through the services so the
choices are stored apart from who voted, its tally, dossiers and two decisions. The seed
article says nothing about the year-end: every row of it is marked "minh họa". Loaded by
``manage.py load_demo`` after ``pledges``; idempotent.

The 2022 rules are proposed for 01/12/2022 (``legal_texts.rules_day``): they cite only texts in
force in 2022 (Luật Thi đua, khen thưởng 2003 as amended, Nghị định 91/2017/NĐ-CP), so none of
the later texts (Luật 06/2022/QH15 from 1/1/2024, Nghị định 98/2023/NĐ-CP, 152/2025/NĐ-CP, Công
văn 5007/BNV-TĐKT of 2023) appears in the 2022 minutes or tờ trình. The seed article names no
secretary of the conference: the minutes leave a dotted line for a hand-written name."""

from __future__ import annotations

import datetime

from django.db import transaction

from campaigns import selectors as campaign_selectors
from campaigns.models import Conference
from cluster.demo import NORTH_CENTRAL, NORTH_CENTRAL_SLUG
from cluster.models import Cluster, Unit, User
from commendations import demo_consultation, services
from commendations.models import (
    AwardForm,
    AwardRule,
    BallotKind,
    Dossier,
    DossierStatus,
    SessionStatus,
    VotingSession,
)
from commendations.national_catalogue import catalogue_load

D = datetime.date
# The demo's catalogue is the shipped one (commendations.national_catalogue): these codes.
DEMO_AWARDS = ("co_chinh_phu", "co_bo_noi_vu", "bang_khen_thu_tuong", "bang_khen_bo_truong",
               "tap_the_lao_dong_xuat_sac", "chien_si_thi_dua")
SESSION_TITLE = "Bình xét khen thưởng năm 2022 (minh họa)"
NOTE = ("Minh họa: bài viết gốc không nói về hội nghị tổng kết năm 2022. Quy tắc là quy tắc "
        "đề xuất cho năm 2022, chỉ dẫn văn bản có hiệu lực năm 2022.")
# (award code, unit key, person name, person title, gender, summary)
NOMINATIONS = [
    ("co_chinh_phu", "quangtri", "", "", "",
     "Cụm trưởng năm 2022; hoàn thành xuất sắc toàn diện nhiệm vụ (minh họa)."),
    ("co_chinh_phu", "nghean", "", "", "",
     "Dẫn đầu cải cách hành chính của ngành Nội vụ trong tỉnh (minh họa)."),
    ("co_bo_noi_vu", "thanhhoa", "", "", "",
     "Nhiều cách làm hay trong công tác cán bộ, công chức, viên chức (minh họa)."),
    ("co_bo_noi_vu", "hatinh", "", "", "",
     "Hoàn thành tốt nhiệm vụ văn thư, lưu trữ (minh họa)."),
    ("bang_khen_bo_truong", "quangbinh", "", "", "",
     "Hoàn thành tốt công tác tổ chức bộ máy, biên chế (minh họa)."),
    ("bang_khen_bo_truong", "hue", "", "", "",
     "Cụm phó năm 2022; phối hợp tổ chức hội nghị sơ kết tại Huế (minh họa)."),
    ("chien_si_thi_dua", "hatinh", "Nguyễn Thị Minh Họa", "Chuyên viên phòng Thi đua, khen thưởng",
     "nu", "Sáng kiến số hóa hồ sơ khen thưởng được áp dụng trong Sở (minh họa, tên giả định)."),
]
# Six anonymous ballots (one per unit, in the order they are cast): True = agree, in the
# order of NOMINATIONS. Illustrative: chosen so the tally shows each rule at work.
BALLOTS = [
    (True, True, True, True, True, True, True),
    (True, True, True, True, True, True, True),
    (True, True, True, False, True, True, True),
    (True, True, True, True, True, True, True),
    (True, False, True, False, False, True, False),
    (True, True, True, True, True, True, True),
]
VOTERS = [("quangtri", BallotKind.ONLINE), ("thanhhoa", BallotKind.ONLINE),
          ("nghean", BallotKind.ONLINE), ("quangbinh", BallotKind.ONLINE),
          ("hue", BallotKind.ONLINE), ("hatinh", BallotKind.WRITTEN)]


def _catalogue() -> dict[str, AwardForm]:
    """The shipped catalogue (created by migration; re-applied here for a database whose rows
    were deleted), as the demo's awards by code."""
    catalogue_load()
    return AwardForm.objects.in_bulk(DEMO_AWARDS, field_name="code")


def _conference(cluster: Cluster) -> tuple[Conference, str]:
    """The 2022 year-end conference if the campaigns data has one; otherwise the year's last
    conference, said so in the session's log. (Creating an illustrative year-end conference
    here would change the campaigns demo that campaigns' own tests rely on: one conference in
    2022, none of kind "tổng kết".)"""
    yearend = campaign_selectors.conference_list(cluster=cluster, year=2022,
                                                  kind=Conference.Kind.YEAREND)
    if yearend:
        return yearend[-1], ""
    conference = campaign_selectors.conference_list(cluster=cluster, year=2022)[-1]
    return conference, (f" Dữ liệu mẫu chưa có hội nghị tổng kết năm 2022 nên phiên minh họa "
                        f"được gắn với “{conference.title}”.")


def _vote(session: VotingSession, units: dict[str, Unit], secretary: User | None) -> None:
    nominations = list(session.nominations.order_by("order"))
    for (key, kind), ballot in zip(VOTERS, BALLOTS, strict=True):
        choices = {n.pk: agree for n, agree in zip(nominations, ballot, strict=True)}
        if kind == BallotKind.ONLINE:
            leader = User.objects.get(username=f"lanhdao.{key}")
            services.ballot_cast(session=session, unit=units[key], choices=choices,
                                 acting_user=leader)
        else:
            services.ballot_record(session=session, unit=units[key], kind=kind, choices=choices,
                                   acting_user=secretary, is_illustrative=True,
                                   note="Minh họa: thành viên vắng mặt gửi phiếu bằng văn bản.")


def _dossier(dossier: Dossier, secretary: User | None, decision: tuple | None) -> None:
    name = dossier.nomination.candidate_name
    services.dossier_document_add(
        dossier=dossier, kind="to_trinh", acting_user=secretary, is_illustrative=True,
        title="Tờ trình đề nghị khen thưởng (minh họa)",
        text=f"Cụm Thi đua đề nghị tặng {dossier.nomination.award.name} cho {name} "
             f"(minh họa).")
    services.dossier_minutes_draft(dossier=dossier, acting_user=secretary, is_illustrative=True)
    services.dossier_document_add(
        dossier=dossier, kind="bao_cao_thanh_tich", acting_user=secretary, is_illustrative=True,
        title="Báo cáo thành tích năm 2022 (minh họa)", text=dossier.nomination.summary)
    services.dossier_transition(dossier=dossier, to_status=DossierStatus.SENT,
                                acting_user=secretary, note="Minh họa")
    if decision:
        # The superior's account (cluster demo) receives the dossier, forwards what the Prime
        # Minister decides, and records the decision; on paper by the secretariat where the
        # cluster has no superior account.
        superior = User.objects.filter(username="captren", is_active=True).first()
        number, day, body, signer = decision
        recorder = secretary
        if superior is not None:
            recorder = superior
            services.dossier_transition(dossier=dossier, to_status=DossierStatus.RECEIVED,
                                        acting_user=superior, note="Minh họa")
            if body == "Thủ tướng Chính phủ":
                services.dossier_transition(
                    dossier=dossier, to_status=DossierStatus.FORWARDED, acting_user=superior,
                    note="Minh họa: Bộ Nội vụ trình Thủ tướng Chính phủ.")
        services.decision_record(dossier=dossier, number=number, issued_on=day,
                                 issuing_body=body, signer=signer, acting_user=recorder,
                                 is_illustrative=True,
                                 subject="Minh họa: không phải quyết định thật.")


@transaction.atomic
def load(stdout=None) -> None:
    awards = _catalogue()
    cluster = Cluster.objects.get(slug=NORTH_CENTRAL_SLUG)
    secretary = User.objects.filter(username="canbo.quangtri").first()
    if not AwardRule.objects.filter(cluster=cluster, year=2022).exists():
        services.award_rules_create_for_year(cluster=cluster, year=2022, acting_user=None,
                                             is_illustrative=True)
    if not VotingSession.objects.filter(cluster=cluster, year=2022,
                                        title=SESSION_TITLE).exists():
        _year_end(cluster, awards, secretary)
    from commendations import demo_eligibility

    demo_eligibility.load()
    demo_consultation.load(cluster=cluster, secretary=secretary)  # issue #16, part 5
    if stdout:
        stdout.write("  commendations: danh mục %d hình thức, danh hiệu; bình xét năm 2022 "
                     "(minh họa)" % len(awards))
    from commendations import demo_registry  # the person registry (issue #16)

    demo_registry.load(stdout)
    from commendations import demo_proposals  # issue #16: the units' proposals of 2023

    demo_proposals.load(stdout)
    # What the scheduler would tell now (run_scheduler's notices, not its e-mail jobs): the
    # highlands cluster's plan for its newest year, the consultation rules for the admin.
    from django.utils import timezone

    from notifications.scheduler import notices_send

    summary = notices_send(now=timezone.now())
    if stdout:
        stdout.write(f"  {summary.created} thông báo của bộ lập lịch (minh họa)")


def _year_end(cluster: Cluster, awards: dict[str, AwardForm], secretary: User | None) -> None:
    """The illustrative vote, tally, dossiers and decisions of 2022 (through the services)."""
    conference, conference_note = _conference(cluster)
    session = services.session_create(cluster=cluster, year=2022, title=SESSION_TITLE,
                                      conference=conference, acting_user=secretary,
                                      is_illustrative=True)
    units = {key: Unit.objects.get(name=f"Sở Nội vụ tỉnh {name}")
             for key, name, _order in NORTH_CENTRAL}
    for code, key, person, title, gender, summary in NOMINATIONS:
        services.nomination_add(session=session, award=awards[code], unit=units[key],
                                summary=summary, person_name=person, person_title=title,
                                person_gender=gender, is_illustrative=True,
                                acting_user=secretary)
    services.session_transition(session=session, to_status=SessionStatus.OPEN, present_count=5,
                                acting_user=secretary, note=NOTE + conference_note)
    session.refresh_from_db()
    _vote(session, units, secretary)
    # Illustrative: 5 collectives voted as leaders (the quota's base), so 20% gives 1.
    services.session_transition(session=session, to_status=SessionStatus.CLOSED,
                                present_count=5, leaders_count=5, acting_user=secretary,
                                note=NOTE)
    decisions = {
        "quangtri": ("0000/QĐ-TTg", D(2023, 5, 15), "Thủ tướng Chính phủ",
                     "Thủ tướng Chính phủ (minh họa)"),
        "quangbinh": ("0000/QĐ-BNV", D(2023, 3, 20), "Bộ trưởng Bộ Nội vụ",
                      "Bộ trưởng Bộ Nội vụ (minh họa)"),
    }
    for key, decision in decisions.items():
        dossier = Dossier.objects.get(nomination__session=session,
                                      nomination__unit=units[key])
        _dossier(dossier, secretary, decision)
