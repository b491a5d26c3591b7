"""Django admin: the state is never edited there; a locked pledge is read-only with its
commitments and signatures; signatures are never added or changed there."""

import pytest

from pledges.models import Pledge, PledgeStatus
from tests.factories import UserFactory
from tests.pledges.factories import pledge_setup

pytestmark = pytest.mark.django_db

S = PledgeStatus


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(unit=None, role="", is_superuser=True, is_staff=True))
    return client


def _change_url(pledge):
    return f"/quan-tri/pledges/pledge/{pledge.pk}/change/"


def test_locked_pledge_is_read_only_in_admin(admin_client):
    setup = pledge_setup(units=2, status=S.LOCKED, signed=2)
    response = admin_client.get(_change_url(setup.pledge))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert response.context["has_delete_permission"] is False
    html = response.content.decode()
    assert 'name="_save"' not in html and 'name="title"' not in html
    response = admin_client.post(_change_url(setup.pledge), {"title": "Sửa qua quản trị"})
    assert response.status_code == 403
    assert admin_client.get(f"/quan-tri/pledges/pledge/{setup.pledge.pk}/delete/").status_code \
        == 403
    assert Pledge.objects.get().title == "Giao ước thi đua năm 2022"


def test_draft_is_editable_but_the_state_is_not(admin_client):
    setup = pledge_setup(units=2, status=S.DRAFT)
    html = admin_client.get(_change_url(setup.pledge)).content.decode()
    assert 'name="title"' in html
    assert 'name="status"' not in html  # only pledge_transition moves the state
    assert 'name="commitments-0-text"' in html
    assert admin_client.get(f"/quan-tri/pledges/pledge/{setup.pledge.pk}/delete/").status_code \
        == 200


@pytest.mark.parametrize("status", [S.OPEN, S.SIGNED])
def test_text_being_signed_is_read_only_in_admin(admin_client, status):
    setup = pledge_setup(units=2, status=status, signed=2 if status == S.SIGNED else 0)
    html = admin_client.get(_change_url(setup.pledge)).content.decode()
    assert 'name="title"' not in html and 'name="commitments-0-text"' not in html
    assert admin_client.get(f"/quan-tri/pledges/pledge/{setup.pledge.pk}/delete/").status_code \
        == 403


def test_signatures_are_not_added_changed_or_deleted_in_admin(admin_client):
    setup = pledge_setup(units=2, status=S.OPEN, signed=1)
    signature = setup.pledge.signatures.get()
    assert admin_client.get("/quan-tri/pledges/signature/add/").status_code == 403
    response = admin_client.get(f"/quan-tri/pledges/signature/{signature.pk}/change/")
    assert response.status_code == 200 and response.context["has_change_permission"] is False
    assert admin_client.get(f"/quan-tri/pledges/signature/{signature.pk}/delete/").status_code \
        == 403
    assert admin_client.get("/quan-tri/pledges/pledge/").status_code == 200


def test_commitments_and_the_log_follow_the_same_rules_on_their_own_pages(admin_client):
    locked = pledge_setup(units=2, status=S.LOCKED, signed=2)
    draft = pledge_setup(units=2, status=S.DRAFT)
    locked_commitment = locked.pledge.commitments.first()
    draft_commitment = draft.pledge.commitments.first()
    response = admin_client.get(f"/quan-tri/pledges/commitment/{locked_commitment.pk}/change/")
    assert response.context["has_change_permission"] is False
    response = admin_client.get(f"/quan-tri/pledges/commitment/{draft_commitment.pk}/change/")
    assert response.context["has_change_permission"] is True
    assert admin_client.get(
        f"/quan-tri/pledges/commitment/{locked_commitment.pk}/delete/").status_code == 403
    assert admin_client.get("/quan-tri/pledges/commitment/add/").status_code == 403
    assert admin_client.get("/quan-tri/pledges/pledgeevent/add/").status_code == 403
