"""Irreversible actions of a vote sent twice (a double click, a second tab; issue #14): the
second request changes nothing and is answered with the first one's result; the forms carry
the confirmation and the send-once behaviour of cluster/forms.js."""

import html

import pytest

from commendations.models import Ballot, SessionEvent, SessionStatus
from tests.commendations.factories import cast, vote_setup

pytestmark = pytest.mark.django_db
S = SessionStatus


def surl(setup, suffix=""):
    return (f"/cum/{setup.cluster.slug}/{setup.year}/khen-thuong/phien/{setup.session.pk}/"
            f"{suffix}")


def test_a_ballot_sent_twice_is_counted_once_and_the_second_is_told_so(client):
    setup = vote_setup(units=3, open_with_present=3)
    leader = setup.leader_of(0)
    client.force_login(leader)
    page = client.get(surl(setup, "bo-phieu/")).content.decode()
    # The review step (Sau khi gửi, phiếu không thể thay đổi) replaces the confirm dialog.
    assert "data-confirm=" not in page.split("<main")[1]
    assert "data-busy=" in page and "cluster/forms.js" in page
    fields = {f"n{n.pk}": "dong-y" for n in setup.nominations}
    assert client.post(surl(setup, "bo-phieu/"), fields).status_code == 302
    response = client.post(surl(setup, "bo-phieu/"), fields, follow=True)
    text = html.unescape(response.content.decode())
    assert response.redirect_chain and response.redirect_chain[0][1] == 302
    assert f"Phiếu của {setup.members[0].name} đã được ghi nhận lúc " in text
    assert "không ghi thêm phiếu." in text and "alert-danger" not in text
    assert Ballot.objects.filter(session=setup.session).count() == 1


def test_a_paper_ballot_of_the_unit_still_refuses_the_leaders_vote_with_the_reason(client):
    setup = vote_setup(units=3, open_with_present=3)
    cast(setup, 0, kind="ban_giay")
    client.force_login(setup.leader_of(0))
    fields = {f"n{n.pk}": "dong-y" for n in setup.nominations}
    response = client.post(surl(setup, "bo-phieu/"), fields)
    assert response.status_code == 200
    assert "mỗi đơn vị chỉ bỏ một phiếu" in html.unescape(response.content.decode())
    assert Ballot.objects.filter(session=setup.session).count() == 1


def test_closing_twice_closes_once_and_the_second_is_told_so(client):
    setup = vote_setup(units=3, open_with_present=3)
    cast(setup, 0)
    cast(setup, 1)
    client.force_login(setup.secretary)
    client.post(surl(setup, "trang-thai/kiem-phieu/"), {})
    preview = client.post(surl(setup, "trang-thai/ket-thuc/"), {"present_count": "3"})
    page = preview.content.decode()
    assert 'data-testid="close-confirm"' in page and "data-busy=" in page
    data = {"present_count": "3", "confirm": "True"}
    assert client.post(surl(setup, "trang-thai/ket-thuc/"), data).status_code == 302
    closed = setup.reload()
    assert closed.status == S.CLOSED
    events = SessionEvent.objects.filter(session=closed).count()
    response = client.post(surl(setup, "trang-thai/ket-thuc/"), data, follow=True)
    text = html.unescape(response.content.decode())
    assert response.redirect_chain[0][1] == 302
    assert "Phiên bình xét đã kết thúc lúc " in text
    assert "yêu cầu lặp lại không thay đổi gì." in text and "alert-danger" not in text
    assert SessionEvent.objects.filter(session=closed).count() == events
    assert setup.reload().closed_at == closed.closed_at


def test_outside_the_cluster_the_vote_is_not_found(client):
    setup = vote_setup(units=3, open_with_present=3)
    other = vote_setup(units=2, open_with_present=2)
    client.force_login(other.leader_of(0))
    fields = {f"n{n.pk}": "dong-y" for n in setup.nominations}
    assert client.post(surl(setup, "bo-phieu/"), fields).status_code == 404
    assert not Ballot.objects.filter(session=setup.session).exists()
