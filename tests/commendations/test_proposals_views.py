"""The proposal pages (issue #16): bad input shown in Vietnamese with nothing typed lost and
nothing saved, the pages a unit and the secretariat use, and their query counts at two sizes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commendations import services
from commendations.models import Proposal, ProposalStatus
from tests.commendations.proposal_helpers import award, draft, pdf

pytestmark = pytest.mark.django_db
D = "/cum/snv-bac-trung-bo/2023/khen-thuong/de-xuat/"


def test_a_proposal_typed_wrong_is_refused_in_vietnamese_and_nothing_is_lost(client, users,
                                                                             years):
    client.force_login(users["canbo.nghean"])
    typed = {"award": award("chien_si_thi_dua").pk, "person_name": "Trần Văn Bình",
             "person_gender": "nam", "person_date_of_birth": "31/02/1980",
             "person_position": "Chuyên viên", "summary": "Tóm tắt <b>đậm</b>",
             "section_2": "Thành tích năm 2023"}
    response = client.post(D + "them/", typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày sinh không hợp lệ (ngày/tháng/năm)." in html
    assert 'value="Trần Văn Bình"' in html and "Thành tích năm 2023" in html
    assert "Tóm tắt &lt;b&gt;đậm&lt;/b&gt;" in html  # user text is escaped
    assert not Proposal.objects.filter(person_name="Trần Văn Bình").exists()
    response = client.post(D + "them/", {**typed, "person_date_of_birth": "",
                                         "person_gender": ""})
    html = response.content.decode()
    assert "Vui lòng nhập ngày sinh." in html and "Vui lòng chọn giới tính." in html
    assert not Proposal.objects.filter(person_name="Trần Văn Bình").exists()
    response = client.post(D + "them/", {**typed, "person_date_of_birth": "14/03/1980"})
    proposal = Proposal.objects.get(person_name="Trần Văn Bình")
    assert response["Location"] == D + f"{proposal.pk}/"
    assert proposal.unit == users["canbo.nghean"].unit and proposal.created_by.username == \
        "canbo.nghean"


def test_a_return_without_a_reason_is_refused_on_the_page(client, users, units, north_central,
                                                          years):
    proposal = draft(north_central, units["nghean"], users["canbo.nghean"])
    services.proposal_transition(proposal=proposal, to_status=ProposalStatus.SENT,
                                 acting_user=users["lanhdao.nghean"])
    client.force_login(users["canbo.quangtri"])
    response = client.post(D + f"{proposal.pk}/trang-thai/tra-lai/", {"note": " "})
    assert "Vui lòng ghi lý do trả lại để đơn vị sửa, bổ sung." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT
    response = client.post(D + f"{proposal.pk}/trang-thai/tiep-nhan/",
                           {"session": years["s23"]}, follow=True)
    assert "Đề nghị đã chuyển sang trạng thái “Đã tiếp nhận vào bình xét”." in \
        response.content.decode()
    proposal.refresh_from_db()
    assert proposal.nomination.session_id == years["s23"]


def test_a_late_sending_is_refused_on_the_page(client, users, units, north_central, years):
    services.proposal_call_set(cluster=north_central, year=2023, acting_user=None,
                               deadline=timezone.make_aware(datetime.datetime(2023, 11, 30,
                                                                              17)))
    proposal = draft(north_central, units["nghean"], users["canbo.nghean"])
    client.force_login(users["lanhdao.nghean"])
    html = client.get(D + f"{proposal.pk}/trang-thai/gui/").content.decode()
    assert "Đã quá hạn gửi đề nghị khen thưởng năm 2023 (hạn: 17:00 ngày 30/11/2023)" in html
    response = client.post(D + f"{proposal.pk}/trang-thai/gui/", {})
    assert "Đã quá hạn gửi" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def _build(north_central, users, units, count: int, start: int = 0) -> list[Proposal]:
    """``count`` sent proposals from every member unit, each with evidence and a log."""
    keys = ["thanhhoa", "nghean", "hatinh", "quangbinh", "quangtri", "hue"]
    made = []
    for index in range(start, start + count):
        key = keys[index % len(keys)]
        proposal = draft(north_central, units[key], users.get(f"canbo.{key}"),
                         person_name=f"Người thứ {index}")
        services.proposal_evidence_add(proposal=proposal, uploaded_file=pdf(),
                                       acting_user=None)
        services.proposal_transition(proposal=proposal, to_status=ProposalStatus.SENT,
                                     acting_user=None)
        made.append(proposal)
    return made


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["canbo.quangtri", "canbo.nghean"])
def test_the_pages_make_as_many_queries_with_many_proposals_as_with_few(
        client, users, units, north_central, years, role):
    client.force_login(users[role])
    first = _build(north_central, users, units, 6)
    detail = D + f"{first[1].pk}/"  # Nghệ An's: both roles read it
    small = (_queries(client, D), _queries(client, detail))
    _build(north_central, users, units, 18, start=6)
    assert (_queries(client, D), _queries(client, detail)) == small
