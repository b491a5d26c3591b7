"""Django admin: the catalogue is edited there, the rules until voting opens; states are never
edited; a closed session is read-only with all it holds; ballots show who voted, never what;
single choices are never shown."""

import pytest

from commendations.models import AwardRule, Ballot, Nomination
from tests.commendations.factories import cast, close, vote_setup
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(unit=None, role="", is_superuser=True, is_staff=True))
    return client


def test_catalogue_is_editable_and_rules_until_voting_opens(admin_client):
    setup = vote_setup(units=2)
    award = setup.awards["co_bo"]
    html = admin_client.get(f"/quan-tri/commendations/awardform/{award.pk}/change/").content
    assert b'name="legal_basis"' in html
    rule = AwardRule.objects.get(cluster=setup.cluster, award=award)
    url = f"/quan-tri/commendations/awardrule/{rule.pk}/change/"
    assert b'name="threshold_percent"' in admin_client.get(url).content
    from commendations import services

    services.session_transition(session=setup.session, to_status="dang_bo_phieu",
                                present_count=2, acting_user=None)
    response = admin_client.get(url)
    assert response.context["has_change_permission"] is False
    assert admin_client.post(url, {"threshold_percent": "1"}).status_code == 403


def test_a_closed_session_is_read_only_and_its_state_never_editable(admin_client):
    setup = vote_setup(units=2)
    url = f"/quan-tri/commendations/votingsession/{setup.session.pk}/change/"
    html = admin_client.get(url).content.decode()
    assert 'name="title"' in html and 'name="status"' not in html
    assert 'name="nominations-0-summary"' in html
    from commendations import services

    services.session_transition(session=setup.session, to_status="dang_bo_phieu",
                                present_count=2, acting_user=None)
    cast(setup, 0)
    cast(setup, 1, False)
    html = admin_client.get(url).content.decode()
    assert 'name="title"' not in html and 'name="nominations-0-summary"' not in html
    close(setup)
    response = admin_client.get(url)
    assert response.context["has_change_permission"] is False
    assert admin_client.post(url, {"title": "Sửa"}).status_code == 403
    assert admin_client.get(url.replace("change", "delete")).status_code == 403
    nomination = setup.nominations[0]
    response = admin_client.get(f"/quan-tri/commendations/nomination/{nomination.pk}/change/")
    assert response.context["has_change_permission"] is False
    assert Nomination.objects.get(pk=nomination.pk).summary == nomination.summary


def test_ballots_show_who_voted_never_what_and_choices_only_as_totals(admin_client):
    setup = vote_setup(units=2, open_with_present=2)
    cast(setup, 0)
    cast(setup, 1, False, kind="ban_giay")
    ballot = Ballot.objects.get(unit=setup.members[0])
    response = admin_client.get(f"/quan-tri/commendations/ballot/{ballot.pk}/change/")
    assert response.context["has_change_permission"] is False
    html = response.content.decode()
    assert setup.members[0].name in html and "Bỏ phiếu trên hệ thống" in html
    assert "Đồng ý" not in html and "agree" not in html
    assert admin_client.get("/quan-tri/commendations/ballot/add/").status_code == 403
    for url in ("/quan-tri/commendations/sealedballot/", "/quan-tri/commendations/sessionseal/",
                "/quan-tri/commendations/ballotchoice/"):
        assert admin_client.get(url).status_code == 404, url  # no admin page at all
