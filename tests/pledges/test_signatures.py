"""Signing: by the unit's leader in the browser, or recorded by the secretariat for a paper
signature; exactly once per unit; "fully signed" when the last member signs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cluster.models import User
from pledges import selectors, services
from pledges.models import Pledge, PledgeEvent, PledgeStatus, Signature, SignatureMethod
from tests.factories import MembershipFactory, UserFactory
from tests.pledges.factories import SignatureFactory, pledge_setup

pytestmark = pytest.mark.django_db

S = PledgeStatus


@pytest.fixture
def open_pledge():
    return pledge_setup(units=3, status=S.OPEN)


def test_leader_signs_with_name_and_title_from_the_account(open_pledge):
    setup = open_pledge
    unit, leader = setup.members[0], setup.leader_of(0)
    signature = services.pledge_sign(pledge=setup.pledge, unit=unit, acting_user=leader)
    signature.refresh_from_db()
    assert signature.method == SignatureMethod.ONLINE
    assert signature.signer == leader
    assert signature.signer_name == leader.full_name
    assert signature.signer_title == "Giám đốc Sở Nội vụ"
    assert signature.signed_on == timezone.localdate()
    assert signature.recorded_by == leader
    assert signature.history.latest().history_user == leader
    # Not the last one: the pledge stays open, no event.
    assert Pledge.objects.get(pk=setup.pledge.pk).status == S.OPEN
    assert not PledgeEvent.objects.exists()


def test_signer_name_is_a_snapshot_not_a_link(open_pledge):
    setup = open_pledge
    leader = setup.leader_of(0)
    services.pledge_sign(pledge=setup.pledge, unit=setup.members[0], acting_user=leader)
    leader.full_name, leader.job_title = "Người khác", "Phó Giám đốc"
    leader.save()
    signature = Signature.objects.get()
    assert signature.signer_name == "Lãnh đạo " + setup.members[0].short_name
    assert signature.signer_title == "Giám đốc Sở Nội vụ"


def test_last_member_signing_makes_it_fully_signed_with_one_event(open_pledge):
    setup = open_pledge
    for index in range(3):
        services.pledge_sign(
            pledge=setup.pledge, unit=setup.members[index], acting_user=setup.leader_of(index)
        )
    pledge = Pledge.objects.get(pk=setup.pledge.pk)
    assert pledge.status == S.SIGNED
    event = PledgeEvent.objects.get()
    assert (event.from_status, event.to_status) == (S.OPEN, S.SIGNED)
    assert event.actor == setup.leader_of(2)
    assert event.note == f"Tự động khi đơn vị cuối cùng ký: {setup.members[2].name}."


def test_each_unit_signs_once_service_message(open_pledge):
    setup = open_pledge
    unit, leader = setup.members[0], setup.leader_of(0)
    services.pledge_sign(pledge=setup.pledge, unit=unit, acting_user=leader)
    with pytest.raises(ValidationError) as error:
        services.pledge_sign(pledge=setup.pledge, unit=unit, acting_user=leader)
    assert error.value.messages == [
        f"{unit.name} đã ký giao ước này; mỗi đơn vị chỉ ký một lần."
    ]
    with pytest.raises(ValidationError, match="mỗi đơn vị chỉ ký một lần"):
        services.pledge_record_paper_signature(
            pledge=setup.pledge, unit=unit, signer_name="Nguyễn Văn A", signer_title="",
            signed_on=datetime.date(2022, 6, 24), acting_user=setup.secretary,
        )
    assert Signature.objects.count() == 1


def test_each_unit_signs_once_database_constraint(open_pledge):
    setup = open_pledge
    SignatureFactory(pledge=setup.pledge, unit=setup.members[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(
            pledge=setup.pledge, unit=setup.members[0], method=SignatureMethod.PAPER,
            signer_name="Người khác", signed_on=datetime.date(2022, 6, 24),
        )


def test_database_requires_a_signer_name_and_an_account_for_online_signatures(open_pledge):
    setup = open_pledge
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(pledge=setup.pledge, unit=setup.members[0],
                                 method=SignatureMethod.PAPER, signer_name="",
                                 signed_on=datetime.date(2022, 6, 24))
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(pledge=setup.pledge, unit=setup.members[0],
                                 method=SignatureMethod.ONLINE, signer_name="A",
                                 signed_on=datetime.date(2022, 6, 24))


def test_officer_cannot_sign(open_pledge):
    setup = open_pledge
    unit = setup.members[0]
    with pytest.raises(ValidationError, match=f"Chỉ lãnh đạo của {unit.name} mới được ký"):
        services.pledge_sign(pledge=setup.pledge, unit=unit, acting_user=setup.officers[unit.pk])
    assert not Signature.objects.exists()


def test_leader_cannot_sign_for_another_unit(open_pledge):
    setup = open_pledge
    with pytest.raises(ValidationError, match="Chỉ lãnh đạo của"):
        services.pledge_sign(
            pledge=setup.pledge, unit=setup.members[1], acting_user=setup.leader_of(0)
        )
    assert not Signature.objects.exists()


@pytest.mark.parametrize("role", [User.Role.OBSERVER, ""])
def test_observer_and_admin_cannot_sign(open_pledge, role):
    setup = open_pledge
    user = UserFactory(unit=None, role=role, is_superuser=(role == ""))
    with pytest.raises(ValidationError, match="Chỉ lãnh đạo của"):
        services.pledge_sign(pledge=setup.pledge, unit=setup.members[0], acting_user=user)


def test_leader_of_a_unit_of_another_cluster_cannot_sign(open_pledge):
    setup = open_pledge
    other = pledge_setup(units=2, status=None)
    outsider_unit = other.members[0]
    with pytest.raises(ValidationError) as error:
        services.pledge_sign(
            pledge=setup.pledge, unit=outsider_unit, acting_user=other.leader_of(0)
        )
    assert error.value.messages == [
        f"{outsider_unit.name} không phải là thành viên của cụm trong năm 2022 nên không thể "
        "ký giao ước."
    ]
    assert not Signature.objects.exists()


def test_unit_that_joins_later_is_not_a_member_of_the_pledge_year(open_pledge):
    setup = open_pledge
    late = MembershipFactory(cluster=setup.cluster, from_year=2023).unit
    leader = UserFactory(unit=late, role=User.Role.LEADER)
    with pytest.raises(ValidationError, match="không phải là thành viên"):
        services.pledge_sign(pledge=setup.pledge, unit=late, acting_user=leader)


def test_account_without_a_name_cannot_sign(open_pledge):
    setup = open_pledge
    leader = setup.leader_of(0)
    leader.full_name = "  "
    leader.save()
    with pytest.raises(ValidationError, match="chưa có họ và tên"):
        services.pledge_sign(pledge=setup.pledge, unit=setup.members[0], acting_user=leader)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (S.DRAFT, "Giao ước chưa được mở để ký kết."),
        (S.SIGNED, "Giao ước đã được tất cả các đơn vị thành viên ký."),
        (S.LOCKED, "Giao ước đã khóa, không thể ký thêm."),
    ],
)
def test_signing_needs_an_open_pledge(status, message):
    setup = pledge_setup(units=2, status=status)
    with pytest.raises(ValidationError) as error:
        services.pledge_sign(
            pledge=setup.pledge, unit=setup.members[0], acting_user=setup.leader_of(0)
        )
    assert error.value.messages == [message]
    with pytest.raises(ValidationError) as error:
        services.pledge_record_paper_signature(
            pledge=setup.pledge, unit=setup.members[0], signer_name="Nguyễn Văn A",
            signer_title="", signed_on=datetime.date(2022, 6, 24), acting_user=setup.secretary,
        )
    assert error.value.messages == [message]
    assert not Signature.objects.exists()


# --- paper signatures ------------------------------------------------------------------------

def test_secretariat_records_a_paper_signature(open_pledge):
    setup = open_pledge
    signature = services.pledge_record_paper_signature(
        pledge=setup.pledge, unit=setup.members[1], signer_name="  Trần Văn B ",
        signer_title="Phó Giám đốc", signed_on=datetime.date(2022, 6, 24),
        note="Ký tại hội nghị", acting_user=setup.secretary,
    )
    signature.refresh_from_db()
    assert signature.is_paper
    assert signature.signer is None
    assert (signature.signer_name, signature.signer_title) == ("Trần Văn B", "Phó Giám đốc")
    assert signature.recorded_by == setup.secretary
    assert signature.signed_on == datetime.date(2022, 6, 24)
    assert signature.note == "Ký tại hội nghị"


def test_paper_signature_input_is_checked(open_pledge):
    setup = open_pledge
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.pledge_record_paper_signature(
            pledge=setup.pledge, unit=setup.members[0], signer_name=" ", signer_title="",
            signed_on=tomorrow, acting_user=setup.secretary,
            signer=setup.leader_of(1),
        )
    errors = error.value.message_dict
    assert errors["signer_name"] == ["Vui lòng nhập họ và tên người ký."]
    assert errors["signed_on"][0].startswith("Ngày ký không được sau ngày hôm nay")
    assert errors["signer"] == [f"Người ký phải thuộc {setup.members[0].name}."]
    assert not Signature.objects.exists()


def test_paper_signature_of_the_last_member_completes_the_pledge():
    setup = pledge_setup(units=3, status=S.OPEN, signed=2)
    services.pledge_record_paper_signature(
        pledge=setup.pledge, unit=setup.members[2], signer_name="Lê Thị C", signer_title="",
        signed_on=datetime.date(2022, 6, 24), acting_user=setup.secretary,
    )
    assert Pledge.objects.get(pk=setup.pledge.pk).status == S.SIGNED
    assert PledgeEvent.objects.get().actor == setup.secretary


# --- who has and has not signed ---------------------------------------------------------------

def test_board_lists_every_member_with_its_signature():
    setup = pledge_setup(units=4, status=S.OPEN, signed=2)
    board = selectors.pledge_signature_board(pledge=setup.pledge)
    assert [row.unit for row in board.rows] == setup.members
    assert [bool(row.signature) for row in board.rows] == [True, True, False, False]
    assert (board.signed_count, board.member_count) == (2, 4)
    assert board.missing == setup.members[2:]
    assert not board.complete
    summary = selectors.pledge_signing_summary(pledge=setup.pledge)
    assert (summary.signed_count, summary.member_count) == (2, 4)


def test_board_keeps_a_signature_of_a_unit_that_left():
    setup = pledge_setup(units=2, status=S.OPEN)
    setup.cluster.memberships.filter(unit=setup.members[1]).update(to_year=2021, from_year=2020)
    SignatureFactory(pledge=setup.pledge, unit=setup.members[1])
    board = selectors.pledge_signature_board(pledge=setup.pledge)
    assert [(r.unit, r.is_member) for r in board.rows] == [
        (setup.members[0], True), (setup.members[1], False),
    ]
    assert (board.signed_count, board.member_count) == (0, 1)
