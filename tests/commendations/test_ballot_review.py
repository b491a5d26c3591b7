"""The leader's ballot on a phone (issue #14, point 5): one choice per nomination as large
labels, a review step that shows the choices and warns that the ballot cannot be changed
after casting, a way back that keeps the choices, and a receipt after casting. The review
step stores nothing: the choices travel in the page, hidden, and are cast only on "Gửi phiếu"."""

import html
import re

import pytest

from commendations.models import Ballot, SealedBallot, SessionEvent
from tests.commendations.factories import vote_setup

pytestmark = pytest.mark.django_db
WARNING = "Sau khi gửi, phiếu không thể thay đổi."


def surl(setup, suffix="bo-phieu/"):
    return (f"/cum/{setup.cluster.slug}/{setup.year}/khen-thuong/phien/{setup.session.pk}/"
            f"{suffix}")


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _choices(setup, *agree):
    return {f"n{n.pk}": "dong-y" if a else "khong-dong-y"
            for n, a in zip(setup.nominations, agree, strict=True)}


def _stored():
    return (Ballot.objects.count(), SealedBallot.objects.count(), SessionEvent.objects.count())


def test_the_choices_page_has_large_labelled_choices_and_asks_for_review_not_a_dialog(client):
    setup = vote_setup(units=3, open_with_present=3)
    client.force_login(setup.leader_of(0))
    page = _text(client.get(surl(setup)))
    main = page.split("<main")[1]
    assert "cluster/choices.css" in page and "cluster/forms.js" in page
    assert main.count('data-testid="ballot-choice"') == 3
    assert main.count('data-testid="choice-label"') == 6
    for n in setup.nominations:
        assert f'<label class="choice" for="id_n{n.pk}_0"' in main
        assert f'<legend>{n.candidate_name} — {n.award.name}</legend>' in main
    assert 'name="review"' in main and "Xem lại phiếu" in main
    assert "data-confirm=" not in main and "data-busy=" in main


def test_review_shows_each_choice_and_the_warning_and_stores_nothing(client):
    setup = vote_setup(units=3, open_with_present=3)
    client.force_login(setup.leader_of(0))
    before = _stored()
    response = client.post(surl(setup), {**_choices(setup, True, False, True), "review": "1"})
    assert response.status_code == 200 and _stored() == before
    assert "no-store" in response["Cache-Control"]
    page = _text(response)
    review = page.split('data-testid="vote-review"')[1]
    rows = re.findall(r'data-testid="review-row"><div>(.*?)</div>'
                      r'<div class="review-choice" data-testid="review-choice">(.*?)</div>', review)
    assert rows == [(f"{n.candidate_name} — {n.award.name}", label) for n, label in
                    zip(setup.nominations, ["Đồng ý", "Không đồng ý", "Đồng ý"], strict=True)]
    assert WARNING in review
    for n, value in _choices(setup, True, False, True).items():
        assert f'<input type="hidden" name="{n}" value="{value}">' in review
    assert 'name="cast"' in review and 'name="back"' in review
    assert 'name="review"' not in review


def test_going_back_keeps_the_choices_and_stores_nothing(client):
    setup = vote_setup(units=3, open_with_present=3)
    client.force_login(setup.leader_of(0))
    before = _stored()
    response = client.post(surl(setup), {**_choices(setup, False, True, False), "back": "1"})
    assert response.status_code == 200 and _stored() == before
    page = _text(response)
    assert 'data-testid="vote-review"' not in page and WARNING not in page
    assert 'data-testid="error-summary"' not in page
    checked = re.findall(r'name="(n\d+)" value="([a-z-]+)" id="[^"]+" checked', page)
    assert dict(checked) == _choices(setup, False, True, False)


def test_casting_from_the_review_records_exactly_one_ballot_with_a_receipt(client):
    setup = vote_setup(units=3, open_with_present=3)
    leader = setup.leader_of(0)
    client.force_login(leader)
    fields = _choices(setup, True, True, False)
    client.post(surl(setup), {**fields, "review": "1"})
    response = client.post(surl(setup), {**fields, "cast": "1"}, follow=True)
    text = _text(response)
    ballot = Ballot.objects.get(session=setup.session)
    assert ballot.unit == setup.members[0] and ballot.cast_by == leader
    assert SealedBallot.objects.filter(session=setup.session).count() == 1
    assert f"Đã ghi nhận phiếu của {setup.members[0].name} lúc " in text
    assert "Phiếu là bí mật: không ai xem được đơn vị đã chọn gì." in text
    # The receipt on the ballot page: the time, and no choice echoed.
    page = _text(client.get(surl(setup)))
    assert "đã bỏ phiếu. Phiếu được ghi nhận lúc " in page
    main = page.split("<main")[1]
    assert "Đồng ý" not in main and "<form" not in main
    # A second cast from a stale review page does not add a ballot.
    client.post(surl(setup), {**fields, "cast": "1"})
    assert Ballot.objects.filter(session=setup.session).count() == 1


@pytest.mark.parametrize("step", ["review", "back", "cast"])
def test_bad_input_is_refused_in_vietnamese_at_every_step(client, step):
    setup = vote_setup(units=2, open_with_present=2)
    client.force_login(setup.leader_of(0))
    first, second = setup.nominations
    before = _stored()
    response = client.post(surl(setup), {f"n{first.pk}": "co-le", step: "1"})
    page = _text(response)
    assert response.status_code == 200 and _stored() == before
    assert "Lựa chọn không hợp lệ: chỉ chọn “Đồng ý” hoặc “Không đồng ý”." in page
    assert "Vui lòng chọn “Đồng ý” hoặc “Không đồng ý”." in page
    assert 'data-testid="error-summary"' in page and 'aria-invalid="true"' in page
    assert f'href="#id_n{second.pk}"' in page
    assert f'<fieldset id="id_n{second.pk}"' in page and 'data-testid="vote-review"' not in page


def test_review_of_a_unit_that_has_voted_is_not_shown(client):
    setup = vote_setup(units=2, open_with_present=2)
    client.force_login(setup.leader_of(0))
    fields = _choices(setup, True, True)
    client.post(surl(setup), fields)
    response = client.post(surl(setup), {**fields, "review": "1"}, follow=True)
    assert WARNING not in _text(response)
    assert Ballot.objects.filter(session=setup.session).count() == 1


@pytest.mark.parametrize("who", ["officer", "secretary", "other_cluster_leader"])
def test_no_one_but_the_units_leader_reaches_the_review(client, who):
    setup = vote_setup(units=2, open_with_present=2)
    other = vote_setup(units=2, open_with_present=2)
    user = {"officer": setup.officers[setup.members[1].pk], "secretary": setup.secretary,
            "other_cluster_leader": other.leader_of(0)}[who]
    client.force_login(user)
    response = client.post(surl(setup), {**_choices(setup, True, True), "review": "1"})
    assert response.status_code == 404
