"""Demo of the member units' proposals (issue #16), ILLUSTRATIVE: the proposals of 2023 of the
North Central cluster, written through the services by the demo's people. Nghệ An's officer
drafts a person's proposal, its leader sends it, the secretariat (Quảng Trị's officer) returns
it with a reason, the unit corrects it and sends it again; Hà Tĩnh and Thừa Thiên Huế have
sent theirs; Thanh Hóa's is still a draft, which only Thanh Hóa sees.

The demo has no conference of 2023 (the campaigns demo and its tests keep 2023 empty), so no
voting session of 2023: the proposals wait as sent, and are accepted into a session when there
is one in preparation (``proposal_sessions``). No deadline is set: the secretariat sets it."""

from __future__ import annotations

import datetime

from cluster.demo import NORTH_CENTRAL_SLUG
from cluster.models import Cluster, Unit, User
from commendations import selectors, services
from commendations.models import AwardForm, Proposal, ProposalStatus

YEAR = 2023
NOTE = " (minh họa)"
RETURN_REASON = ("Báo cáo thành tích chưa có phần III. Các hình thức khen thưởng đã được ghi "
                 "nhận; đề nghị bổ sung và gửi lại (minh họa).")
# (unit key, award code, person or None, summary, report's part II, sent?)
PROPOSALS = [
    ("nghean", "chien_si_thi_dua",
     {"person_name": "Phan Minh Đức", "person_gender": "nam",
      "person_date_of_birth": datetime.date(1982, 5, 19),
      "person_position": "Trưởng phòng Công chức, viên chức",
      "person_workplace": "Phòng Công chức, viên chức"},
     "Chủ trì chuẩn hóa hồ sơ công chức của tỉnh (minh họa, tên giả định).",
     "Chủ trì số hóa 100% hồ sơ công chức thuộc thẩm quyền quản lý của Sở (minh họa).", True),
    ("hatinh", "tap_the_lao_dong_xuat_sac", None,
     "Hoàn thành xuất sắc nhiệm vụ văn thư, lưu trữ năm 2023 (minh họa).",
     "Chỉnh lý tài liệu tồn đọng của các cơ quan cấp tỉnh (minh họa).", True),
    ("hue", "bang_khen_bo_truong", None,
     "Tổ chức tốt hội nghị sơ kết cụm thi đua (minh họa).",
     "Phối hợp tổ chức hội nghị sơ kết 6 tháng của cụm (minh họa).", True),
    ("thanhhoa", "co_bo_noi_vu", None,
     "Dẫn đầu cải cách hành chính của ngành (minh họa).", "", False),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def load(stdout=None) -> None:
    cluster = Cluster.objects.get(slug=NORTH_CENTRAL_SLUG)
    if Proposal.objects.filter(cluster=cluster, year=YEAR, is_illustrative=True).exists():
        return
    units = {u.name: u for u in Unit.objects.all()}
    by_key = {"nghean": "Sở Nội vụ tỉnh Nghệ An", "hatinh": "Sở Nội vụ tỉnh Hà Tĩnh",
              "hue": "Sở Nội vụ tỉnh Thừa Thiên Huế", "thanhhoa": "Sở Nội vụ tỉnh Thanh Hóa"}
    secretary = _user("canbo.quangtri")
    for key, code, person, summary, achievements, sent in PROPOSALS:
        officer, leader = _user(f"canbo.{key}"), _user(f"lanhdao.{key}")
        proposal = services.proposal_create(
            cluster=cluster, year=YEAR, unit=units[by_key[key]],
            award=AwardForm.objects.get(code=code), acting_user=officer, is_illustrative=True,
            summary=summary, section_1="Đặc điểm, tình hình của đơn vị năm 2023" + NOTE + ".",
            section_2=achievements, **(person or {}))
        if not sent:
            continue
        services.proposal_transition(proposal=proposal, to_status=ProposalStatus.SENT,
                                     acting_user=leader)
        if key != "nghean":
            continue
        services.proposal_transition(proposal=proposal, to_status=ProposalStatus.RETURNED,
                                     acting_user=secretary, note=RETURN_REASON)
        services.proposal_update(proposal=proposal, acting_user=officer,
                                 section_3="Chiến sĩ thi đua cơ sở năm 2021, 2022" + NOTE + ".")
        services.proposal_transition(proposal=proposal, to_status=ProposalStatus.SENT,
                                     acting_user=leader, note="Đã bổ sung phần III.")
        sessions = selectors.proposal_sessions(cluster=cluster, year=YEAR)
        if sessions:
            services.proposal_transition(proposal=proposal, to_status=ProposalStatus.ACCEPTED,
                                         acting_user=secretary, session=sessions[0])
    if stdout:
        stdout.write(f"  commendations: đề nghị khen thưởng của các đơn vị năm {YEAR} "
                     f"(minh họa)")
