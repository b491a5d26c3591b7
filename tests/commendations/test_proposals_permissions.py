"""The proposal pages (issue #16) for every role of ``test_permissions.ROLES``: a unit's
proposal is its own until sent (404 to the secretariat, observers and admins before), another
unit never sees it, another cluster's user never sees any; the state sends one back (302)."""

import datetime

import pytest
from django.utils import timezone

from commendations import services
from commendations.models import Proposal, ProposalEvent, ProposalStatus
from tests.commendations.proposal_helpers import draft, pdf
from tests.commendations.test_permissions import (
    HL,
    K23,
    K24,
    NOWHERE,
    OTHER_VIEW,
    ROLES,
    matrix_failures,
)

pytestmark = pytest.mark.django_db

D = K23 + "de-xuat/"
UNIT = [302, 200, 200, 404, 404, 404, 404, 404]  # the unit's own staff only
UNIT_BACK = [302, 302, 302, 404, 404, 404, 404, 404]
LEADER = [302, 404, 200, 404, 404, 404, 404, 404]
RECEIVE = [302, 404, 404, 200, 404, 200, 404, 404]
SENT = [302, 200, 200, 200, 200, 200, 404, 200]  # the unit, secretariat, observers, admins
OTHER_UNIT = [302, 404, 404, 200, 200, 200, 404, 200]  # sent by another unit
PROPOSE = [302, 200, 200, 200, 404, 404, 404, 404]  # every member unit's staff (Quảng Trị too)
# the list: members and readers of sent proposals (the superior reads as an observer does)
LIST = [302, 200, 200, 200, 200, 200, 404, 200]
MATRIX = {
    D: (LIST, "Đề nghị khen thưởng của các đơn vị năm 2023"),
    D + "them/": (PROPOSE, "Soạn đề nghị khen thưởng năm 2023"),
    D + "han-gui/": (RECEIVE, "Hạn gửi đề nghị khen thưởng năm 2023"),
    D + "{draft}/": (UNIT, "I. Sơ lược lý lịch"),
    D + "{sent}/": (SENT, "Mẫu số 02"),
    D + "{other}/": (OTHER_UNIT, "Cờ thi đua của Bộ Nội vụ"),
    D + "{draft}/sua/": (UNIT, "Sửa đề nghị"),
    D + "{sent}/sua/": (UNIT_BACK, None),
    D + "{draft}/minh-chung/them/": (UNIT, "Thêm minh chứng"),
    D + "{sent}/minh-chung/them/": (UNIT_BACK, None),
    D + "{sent}/minh-chung/{sent_file}/tai-ve/": (SENT, "%PDF-1.4"),
    D + "{draft}/minh-chung/{draft_file}/tai-ve/": (UNIT, "%PDF-1.4"),
    D + "{sent}/minh-chung/{draft_file}/tai-ve/": (NOWHERE, None),  # another proposal's file
    D + "{sent}/bao-cao/tai-ve/": (SENT, "%PDF-1.4"),
    D + "{draft}/bao-cao/tai-ve/": (NOWHERE, None),  # none uploaded
    D + "{draft}/trang-thai/gui/": (LEADER, "Gửi đề nghị lên Cụm trưởng"),
    D + "{sent}/trang-thai/gui/": (LEADER, "Không thể chuyển đề nghị từ “Đã gửi Cụm trưởng”"),
    D + "{sent}/trang-thai/tra-lai/": (RECEIVE, "Lý do trả lại"),
    D + "{sent}/trang-thai/tiep-nhan/": (RECEIVE, "Phiên bình xét nhận đề nghị"),
    D + "{draft}/trang-thai/tra-lai/": (NOWHERE, None),  # unsent: not the secretariat's
    D + "{draft}/trang-thai/rut/": (UNIT, "Đơn vị rút đề nghị chưa gửi"),
    D + "{sent}/trang-thai/khac/": (NOWHERE, None),
    D + "999999/": (NOWHERE, None),
    K24 + "de-xuat/{sent}/": (NOWHERE, None),  # a proposal of another year
    HL + "de-xuat/": (OTHER_VIEW, "Đề nghị khen thưởng của các đơn vị năm 2022"),
}


@pytest.fixture
def ids(north_central, users, units, years):
    officer, leader = users["canbo.nghean"], users["lanhdao.nghean"]
    services.proposal_call_set(cluster=north_central, year=2023, acting_user=None,
                               deadline=timezone.make_aware(datetime.datetime(2099, 1, 1)))
    unsent = draft(north_central, units["nghean"], officer)
    draft_file = services.proposal_evidence_add(proposal=unsent, uploaded_file=pdf(),
                                                acting_user=officer)
    sent = draft(north_central, units["nghean"], officer, code="chien_si_thi_dua_tinh",
                 uploaded_report=pdf())
    sent_file = services.proposal_evidence_add(proposal=sent, uploaded_file=pdf(),
                                               acting_user=officer)
    services.proposal_transition(proposal=sent, to_status=ProposalStatus.SENT,
                                 acting_user=leader)
    other = draft(north_central, units["hatinh"], users["canbo.hatinh"], code="co_bo_noi_vu")
    services.proposal_transition(proposal=other, to_status=ProposalStatus.SENT,
                                 acting_user=users["lanhdao.hatinh"])
    return {**years, "draft": unsent.pk, "sent": sent.pk, "other": other.pk,
            "draft_file": draft_file.pk, "sent_file": sent_file.pk}


@pytest.mark.parametrize("role", ROLES)
def test_proposal_permission_matrix(client, users, ids, role):
    failures = matrix_failures(client, users, role, MATRIX, ids)
    assert not failures, f"{role}: " + "; ".join(failures)


POSTS = [
    ("{draft}/trang-thai/gui/", {}, ("canbo.nghean", "canbo.quangtri", "bonoivu", "admin",
                                     "canbo.gialai", "lanhdao.hatinh")),
    ("{sent}/trang-thai/tiep-nhan/", {"session": "{s23}"},
     ("canbo.nghean", "lanhdao.nghean", "bonoivu", "canbo.gialai", "lanhdao.hatinh")),
    ("{sent}/trang-thai/tra-lai/", {"note": "Chen ngang"},
     ("canbo.nghean", "lanhdao.nghean", "bonoivu", "canbo.gialai")),
    ("{draft}/sua/", {"summary": "Chen ngang"},
     ("canbo.hatinh", "canbo.quangtri", "bonoivu", "admin", "canbo.gialai")),
    ("{draft}/trang-thai/rut/", {}, ("canbo.hatinh", "canbo.quangtri", "admin")),
    ("han-gui/", {"deadline": "2023-12-01T17:00"}, ("canbo.nghean", "lanhdao.nghean",
                                                    "bonoivu", "canbo.gialai")),
]


@pytest.mark.parametrize(("path", "data", "roles"), POSTS)
def test_posts_outside_ones_role_are_404_and_change_nothing(client, users, ids, path, data,
                                                            roles):
    def snapshot():
        return (list(Proposal.objects.values_list("pk", "status", "summary", "nomination")),
                ProposalEvent.objects.count())

    url = (D + path).format(**ids)
    data = {key: value.format(**ids) for key, value in data.items()}
    before = snapshot()
    for role in roles:
        client.force_login(users[role])
        assert client.post(url, data).status_code == 404, role
        assert snapshot() == before, role
    client.logout()
    assert client.post(url, data)["Location"].startswith("/tai-khoan/dang-nhap/")
    assert snapshot() == before
