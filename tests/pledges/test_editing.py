"""The pledge's text: created and edited by the secretariat while a draft; frozen once open
for signing; nothing at all changes after lock."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import services as campaign_services
from pledges import selectors, services
from pledges.models import Commitment, Pledge, PledgeEvent, PledgeStatus, Signature
from tests.pledges.factories import pledge_setup

pytestmark = pytest.mark.django_db

S = PledgeStatus


def _texts(pledge):
    return [(c.position, c.text) for c in selectors.pledge_commitment_list(pledge=pledge)]


def test_create_pledge_for_a_cluster_year_with_history():
    setup = pledge_setup(units=3, status=None)
    pledge = services.pledge_create(
        cluster=setup.cluster, year=2022, title="  Giao ước thi đua năm 2022 ",
        preamble="Căn cứ ...", acting_user=setup.secretary,
    )
    assert (pledge.title, pledge.status, pledge.created_by) == (
        "Giao ước thi đua năm 2022", S.DRAFT, setup.secretary
    )
    assert pledge.campaign is None and pledge.conference is None
    assert pledge.history.get().history_user == setup.secretary


def test_one_pledge_per_cluster_and_year():
    setup = pledge_setup(units=2)
    with pytest.raises(ValidationError, match="Cụm đã có giao ước thi đua năm 2022."):
        services.pledge_create(cluster=setup.cluster, year=2022, title="Khác",
                               acting_user=setup.secretary)
    assert Pledge.objects.count() == 1
    # Another year is another pledge.
    services.pledge_create(cluster=setup.cluster, year=2023, title="Năm 2023", acting_user=None)
    assert Pledge.objects.count() == 2


def test_pledge_needs_a_title_and_members():
    setup = pledge_setup(units=2, status=None)
    with pytest.raises(ValidationError) as error:
        services.pledge_create(cluster=setup.cluster, year=2022, title=" ", acting_user=None)
    assert error.value.message_dict == {"title": ["Vui lòng nhập tiêu đề giao ước."]}
    with pytest.raises(ValidationError, match="không có thành viên trong năm 2021"):
        services.pledge_create(cluster=setup.cluster, year=2021, title="A", acting_user=None)
    assert not Pledge.objects.exists()


def _campaign_and_conference(cluster, year=2022, **conference_fields):
    campaign = campaign_services.campaign_create(
        cluster=cluster, year=year, name=f"Phong trào thi đua năm {year}",
        starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31),
        acting_user=None,
    )
    unit = cluster.memberships.first().unit
    conference = campaign_services.conference_create(
        cluster=cluster, year=year, kind=conference_fields.pop("kind", "ky_ket"),
        title="Hội nghị ký kết giao ước thi đua",
        starts_at=datetime.datetime(year, 6, 24, 8, tzinfo=datetime.UTC),
        province=unit.province, acting_user=None, **conference_fields,
    )
    return campaign, conference


def test_pledge_is_tied_to_the_years_campaign_and_its_signing_conference():
    setup = pledge_setup(units=2, status=None)
    campaign, conference = _campaign_and_conference(setup.cluster)
    pledge = services.pledge_create(
        cluster=setup.cluster, year=2022, title="Giao ước", conference=conference,
        acting_user=None,
    )
    assert pledge.campaign == campaign  # the regular campaign of the year, by default
    assert pledge.conference == conference


def test_campaign_or_conference_of_another_cluster_or_year_is_refused():
    setup = pledge_setup(units=2)
    other = pledge_setup(units=2, status=None)
    campaign, conference = _campaign_and_conference(other.cluster)
    with pytest.raises(ValidationError) as error:
        services.pledge_update(pledge=setup.pledge, title="A", preamble="", campaign=campaign,
                               conference=conference, acting_user=None)
    assert set(error.value.message_dict) == {"campaign", "conference"}
    assert "không thuộc cụm này trong năm 2022" in error.value.message_dict["campaign"][0]
    pledge = Pledge.objects.get(pk=setup.pledge.pk)
    assert pledge.campaign is None and pledge.title == "Giao ước thi đua năm 2022"


def test_conference_without_pledge_signing_is_refused():
    setup = pledge_setup(units=2)
    _campaign, conference = _campaign_and_conference(setup.cluster, kind="tong_ket")
    with pytest.raises(ValidationError, match="không có nội dung ký kết giao ước"):
        services.pledge_update(pledge=setup.pledge, title="A", preamble="",
                               conference=conference, acting_user=None)


def test_commitments_are_ordered_and_renumbered():
    setup = pledge_setup(units=2, commitments=0)
    pledge, user = setup.pledge, setup.secretary
    first, second, third = (
        services.commitment_add(pledge=pledge, text=t, acting_user=user) for t in "ABC"
    )
    assert _texts(pledge) == [(1, "A"), (2, "B"), (3, "C")]
    services.commitment_move(commitment=third, offset=-1, acting_user=user)
    assert _texts(pledge) == [(1, "A"), (2, "C"), (3, "B")]
    services.commitment_move(commitment=first, offset=-1, acting_user=user)  # already first
    assert _texts(pledge) == [(1, "A"), (2, "C"), (3, "B")]
    services.commitment_update(commitment=second, text=" B sửa ", acting_user=user)
    services.commitment_delete(commitment=first, acting_user=user)
    assert _texts(pledge) == [(1, "C"), (2, "B sửa")]
    assert Commitment.history.filter(history_type="-").get().history_user == user


def test_a_commitment_deleted_meanwhile_is_refused_with_a_message():
    setup = pledge_setup(units=2, commitments=2)
    commitment = setup.pledge.commitments.first()
    Commitment.objects.filter(pk=commitment.pk).delete()
    for write in (
        lambda: services.commitment_update(commitment=commitment, text="A", acting_user=None),
        lambda: services.commitment_delete(commitment=commitment, acting_user=None),
        lambda: services.commitment_move(commitment=commitment, offset=1, acting_user=None),
    ):
        with pytest.raises(ValidationError, match="không còn trong giao ước"):
            write()


def test_empty_commitment_is_refused():
    setup = pledge_setup(units=2, commitments=0)
    with pytest.raises(ValidationError) as error:
        services.commitment_add(pledge=setup.pledge, text="  ", acting_user=None)
    assert error.value.message_dict == {"text": ["Vui lòng nhập nội dung cam kết."]}


def _all_writes(setup):
    """Every write a person can ask for, as (name, callable)."""
    pledge, user = setup.pledge, setup.secretary
    commitment = pledge.commitments.first()
    unsigned = [u for u in setup.members if not pledge.signatures.filter(unit=u).exists()]
    unit = unsigned[0] if unsigned else setup.members[0]
    return [
        ("title", lambda: services.pledge_update(pledge=pledge, title="Mới", preamble="Mới",
                                                 acting_user=user)),
        ("add", lambda: services.commitment_add(pledge=pledge, text="Mới", acting_user=user)),
        ("edit", lambda: services.commitment_update(commitment=commitment, text="Mới",
                                                    acting_user=user)),
        ("delete", lambda: services.commitment_delete(commitment=commitment, acting_user=user)),
        ("move", lambda: services.commitment_move(commitment=commitment, offset=1,
                                                  acting_user=user)),
        ("sign", lambda: services.pledge_sign(pledge=pledge, unit=unit,
                                              acting_user=setup.leaders[unit.pk])),
        ("paper", lambda: services.pledge_record_paper_signature(
            pledge=pledge, unit=unit, signer_name="A", signer_title="",
            signed_on=datetime.date(2022, 6, 24), acting_user=user)),
        *[(f"to {target}", lambda target=target: services.pledge_transition(
            pledge=pledge, to_status=target, acting_user=user)) for target in S.values],
    ]


def _snapshot(pledge):
    pledge = Pledge.objects.get(pk=pledge.pk)
    return (pledge.title, pledge.preamble, pledge.status, _texts(pledge),
            list(Signature.objects.filter(pledge=pledge).values_list("unit_id", "signer_name")),
            PledgeEvent.objects.filter(pledge=pledge).count(), pledge.history.count())


def test_nothing_changes_after_lock():
    setup = pledge_setup(units=3, status=S.LOCKED, signed=3)
    before = _snapshot(setup.pledge)
    for name, write in _all_writes(setup):
        with pytest.raises(ValidationError) as error:
            write()
        assert "khóa" in " ".join(error.value.messages), name
    assert _snapshot(setup.pledge) == before


def test_a_locked_pledge_of_a_unit_leaving_the_cluster_stays_as_signed():
    setup = pledge_setup(units=3, status=S.LOCKED, signed=3)
    setup.cluster.memberships.filter(unit=setup.members[2]).update(from_year=2020, to_year=2021)
    board = selectors.pledge_signature_board(pledge=setup.pledge)
    assert len(board.signed) == 3


@pytest.mark.parametrize("status", [S.OPEN, S.SIGNED])
def test_text_is_frozen_once_open_for_signing(status):
    setup = pledge_setup(units=3, status=status, signed=3 if status == S.SIGNED else 0)
    before = _snapshot(setup.pledge)
    for name, write in _all_writes(setup)[:5]:
        with pytest.raises(ValidationError) as error:
            write()
        assert "Chỉ sửa được nội dung giao ước khi còn là dự thảo" in error.value.messages[0], name
    assert _snapshot(setup.pledge) == before

