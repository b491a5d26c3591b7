"""The pledge's state machine: every allowed move works and is recorded; every other move is
refused with a Vietnamese message and changes nothing."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError

from pledges import selectors, services
from pledges.models import TRANSITIONS, Pledge, PledgeEvent, PledgeStatus
from tests.factories import MembershipFactory
from tests.pledges.factories import pledge_setup

pytestmark = pytest.mark.django_db

S = PledgeStatus
ALL_PAIRS = list(itertools.product(S.values, S.values))
ALLOWED = sorted(TRANSITIONS)
FORBIDDEN = [pair for pair in ALL_PAIRS if pair not in TRANSITIONS]


def _ready_for(source: str, target: str):
    """A pledge in ``source`` whose data satisfies the guard of a move to ``target``."""
    all_signed = target in (S.SIGNED, S.LOCKED) or source in (S.SIGNED, S.LOCKED)
    setup = pledge_setup(units=3, status=source, signed=3 if all_signed else 0)
    if (source, target) == (S.SIGNED, S.OPEN):  # opens again only for a member who joined
        MembershipFactory(cluster=setup.cluster, from_year=setup.year)
    return setup


def test_the_table_is_the_documented_pipeline():
    assert set(TRANSITIONS) == {
        (S.DRAFT, S.OPEN), (S.OPEN, S.DRAFT), (S.OPEN, S.SIGNED), (S.SIGNED, S.LOCKED),
        (S.SIGNED, S.OPEN),
    }
    assert [t.automatic for t in TRANSITIONS.values()].count(True) == 1
    assert TRANSITIONS[(S.OPEN, S.SIGNED)].automatic
    assert len(FORBIDDEN) == 16 - 5


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_allowed_transition_moves_and_records_who_when_what(source, target):
    setup = _ready_for(source, target)
    pledge = services.pledge_transition(
        pledge=setup.pledge, to_status=target, acting_user=setup.secretary, note="  Ghi chú  "
    )
    assert pledge.status == target
    assert Pledge.objects.get(pk=pledge.pk).status == target
    event = PledgeEvent.objects.get(pledge=pledge)
    assert (event.from_status, event.to_status) == (source, target)
    assert event.actor == setup.secretary
    assert event.note == "Ghi chú"
    assert event.created_at is not None
    latest = pledge.history.latest()
    assert latest.status == target
    assert latest.history_user == setup.secretary
    assert latest.history_change_reason == str(TRANSITIONS[(source, target)].label)


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_forbidden_transition_is_refused_and_changes_nothing(source, target):
    setup = _ready_for(source, target)
    history_before = setup.pledge.history.count()
    with pytest.raises(ValidationError) as error:
        services.pledge_transition(
            pledge=setup.pledge, to_status=target, acting_user=setup.secretary
        )
    message = " ".join(error.value.messages)
    assert "Không thể chuyển giao ước từ trạng thái" in message
    assert f"“{S(source).label}” sang “{S(target).label}”" in message
    if source == S.LOCKED:
        assert "Giao ước đã khóa, không thể thay đổi." in message
    assert Pledge.objects.get(pk=setup.pledge.pk).status == source
    assert not PledgeEvent.objects.exists()
    assert setup.pledge.history.count() == history_before


def test_unknown_state_is_refused():
    setup = pledge_setup(units=2)
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.pledge_transition(pledge=setup.pledge, to_status="xoa", acting_user=None)


def test_opening_needs_a_commitment():
    setup = pledge_setup(units=2, commitments=0)
    with pytest.raises(ValidationError, match="chưa có nội dung cam kết nào"):
        services.pledge_transition(pledge=setup.pledge, to_status=S.OPEN, acting_user=None)
    assert Pledge.objects.get(pk=setup.pledge.pk).status == S.DRAFT


def test_back_to_draft_only_while_nobody_signed():
    setup = pledge_setup(units=3, status=S.OPEN, signed=1)
    with pytest.raises(ValidationError, match="đã có đơn vị ký nên không thể trả về dự thảo"):
        services.pledge_transition(pledge=setup.pledge, to_status=S.DRAFT, acting_user=None)
    assert Pledge.objects.get(pk=setup.pledge.pk).status == S.OPEN


def test_fully_signed_needs_every_member_and_names_the_missing():
    setup = pledge_setup(units=3, status=S.OPEN, signed=1)
    with pytest.raises(ValidationError) as error:
        services.pledge_transition(pledge=setup.pledge, to_status=S.SIGNED, acting_user=None)
    message = error.value.messages[0]
    assert message.startswith("Chưa đủ chữ ký của các đơn vị thành viên; còn thiếu:")
    for unit in setup.members[1:]:
        assert unit.short_name in message
    assert setup.members[0].short_name not in message


def test_lock_is_refused_when_a_member_joined_after_full_signature():
    """Lock is allowed from "fully signed" only, and re-checks that every member signed."""
    setup = pledge_setup(units=2, status=S.SIGNED, signed=2)
    MembershipFactory(cluster=setup.cluster, from_year=setup.year)
    with pytest.raises(ValidationError, match="còn thiếu"):
        services.pledge_transition(pledge=setup.pledge, to_status=S.LOCKED, acting_user=None)
    assert Pledge.objects.get(pk=setup.pledge.pk).status == S.SIGNED


def test_a_member_who_joined_after_full_signature_signs_once_the_pledge_is_opened_again():
    setup = pledge_setup(units=2, status=S.SIGNED, signed=2)
    with pytest.raises(ValidationError, match="Mọi đơn vị thành viên đã ký; không cần mở lại"):
        services.pledge_transition(pledge=setup.pledge, to_status=S.OPEN, acting_user=None)
    newcomer = MembershipFactory(cluster=setup.cluster, from_year=setup.year).unit
    pledge = services.pledge_transition(pledge=setup.pledge, to_status=S.OPEN,
                                        acting_user=setup.secretary)
    assert pledge.status == S.OPEN
    assert pledge.signatures.count() == 2  # the signatures already made stay
    with pytest.raises(ValidationError, match="Giao ước đã có đơn vị ký"):
        services.pledge_transition(pledge=pledge, to_status=S.DRAFT, acting_user=None)
    services.pledge_record_paper_signature(
        pledge=pledge, unit=newcomer, signer_name="Nguyễn Văn A", signer_title="Giám đốc",
        signed_on=datetime.date(setup.year, 9, 1), acting_user=setup.secretary)
    pledge.refresh_from_db()
    assert pledge.status == S.SIGNED  # by itself, with the last signature
    services.pledge_transition(pledge=pledge, to_status=S.LOCKED, acting_user=setup.secretary)
    assert [(e.from_status, e.to_status) for e in selectors.pledge_event_list(pledge=pledge)] == [
        (S.SIGNED, S.OPEN), (S.OPEN, S.SIGNED), (S.SIGNED, S.LOCKED)]


def test_lock_from_open_is_forbidden_even_if_asked_by_the_secretariat():
    setup = pledge_setup(units=2, status=S.OPEN, signed=1)
    with pytest.raises(ValidationError, match="“Đang ký kết” sang “Đã khóa”"):
        services.pledge_transition(
            pledge=setup.pledge, to_status=S.LOCKED, acting_user=setup.secretary
        )


def test_whole_pipeline_leaves_an_ordered_log():
    setup = pledge_setup(units=2, commitments=1)
    pledge = services.pledge_transition(
        pledge=setup.pledge, to_status=S.OPEN, acting_user=setup.secretary
    )
    for index in range(2):
        services.pledge_sign(
            pledge=pledge, unit=setup.members[index], acting_user=setup.leader_of(index)
        )
    services.pledge_transition(pledge=pledge, to_status=S.LOCKED, acting_user=setup.secretary)
    events = selectors.pledge_event_list(pledge=pledge)
    assert [(e.from_status, e.to_status) for e in events] == [
        (S.DRAFT, S.OPEN), (S.OPEN, S.SIGNED), (S.SIGNED, S.LOCKED),
    ]
    assert [e.actor for e in events] == [setup.secretary, setup.leader_of(1), setup.secretary]
    assert setup.members[1].name in events[1].note


def test_manual_transitions_offered_exclude_the_automatic_one():
    setup = pledge_setup(units=2, status=S.OPEN)
    targets = [t.target for t in selectors.pledge_manual_transitions(pledge=setup.pledge)]
    assert targets == [S.DRAFT]
    setup.pledge.status = S.LOCKED
    assert selectors.pledge_manual_transitions(pledge=setup.pledge) == []
