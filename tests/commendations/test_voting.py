"""The voting session through the services: its state machine, nominations, one ballot per
member unit, paper and written ballots, and a closed session that nothing can change."""

import pytest
from django.db import IntegrityError, transaction

from commendations import services
from commendations.models import (
    AwardTally,
    Ballot,
    BallotKind,
    Dossier,
    Nomination,
    SealedBallot,
    SessionEvent,
    SessionStatus,
    TallyResult,
)
from tests.commendations.factories import (
    cast,
    close,
    nominate_one,
    sealed_ballots,
    vote_setup,
)

pytestmark = pytest.mark.django_db
S = SessionStatus


def test_the_state_machine_and_its_log():
    setup = vote_setup(units=3)
    secretary = setup.secretary
    with pytest.raises(services.CommendationError, match="Không thể chuyển phiên bình xét"):
        services.session_transition(session=setup.session, to_status=S.CLOSED, present_count=3,
                                    acting_user=secretary)
    with pytest.raises(services.CommendationError, match="số thành viên có mặt"):
        services.session_transition(session=setup.session, to_status=S.OPEN,
                                    acting_user=secretary)
    with pytest.raises(services.CommendationError, match="vượt quá số thành viên"):
        services.session_transition(session=setup.session, to_status=S.OPEN, present_count=4,
                                    acting_user=secretary)
    services.session_transition(session=setup.session, to_status=S.OPEN, present_count=3,
                                acting_user=secretary, note="Tại hội nghị")
    services.session_transition(session=setup.session, to_status=S.DRAFT,
                                acting_user=secretary)
    services.session_transition(session=setup.session, to_status=S.OPEN, present_count=3,
                                acting_user=secretary)
    cast(setup, 0)
    with pytest.raises(services.CommendationError, match="Đã có đơn vị bỏ phiếu"):
        services.session_transition(session=setup.session, to_status=S.DRAFT,
                                    acting_user=secretary)
    close(setup)
    events = list(SessionEvent.objects.filter(session=setup.session)
                  .values_list("from_status", "to_status", "actor", "note"))
    assert events == [
        (S.DRAFT, S.OPEN, secretary.pk, "Tại hội nghị"), (S.OPEN, S.DRAFT, secretary.pk, ""),
        (S.DRAFT, S.OPEN, secretary.pk, ""), (S.OPEN, S.COUNTING, secretary.pk, ""),
        (S.COUNTING, S.CLOSED, secretary.pk, ""),
    ]
    session = setup.reload()
    assert session.closed_by == secretary and session.closed_at is not None
    history = list(session.history.values_list("history_change_reason", flat=True))
    assert "Kết thúc bỏ phiếu" in history


def test_nominations_are_checked():
    setup = vote_setup(units=3, nominate=[])
    outsider = vote_setup(units=2, nominate=[]).members[0]
    with pytest.raises(services.CommendationError) as error:
        services.nomination_add(session=setup.session, award=setup.awards["co_bo"],
                                unit=outsider, summary=" ", acting_user=setup.secretary)
    assert "không phải là thành viên của cụm trong năm 2022" in str(error.value)
    assert "Vui lòng nhập tóm tắt thành tích." in str(error.value)
    with pytest.raises(services.CommendationError, match="không nhập thông tin cá nhân"):
        nominate_one(setup, "co_bo", 0, person_name="Nguyễn Văn A")
    with pytest.raises(services.CommendationError, match="vui lòng nhập họ và tên"):
        nominate_one(setup, "cstd", 0, person_name="")
    with pytest.raises(services.CommendationError, match="giới tính"):
        nominate_one(setup, "cstd", 0, person_gender="")
    nominate_one(setup, "co_bo", 0)
    with pytest.raises(services.CommendationError, match="đã có trong phiên"):
        nominate_one(setup, "co_bo", 0)
    person = nominate_one(setup, "cstd", 1, person_name="Trần Thị B", person_gender="nu")
    assert person.candidate_name == f"Trần Thị B ({setup.members[1].short_name})"
    services.nomination_update(nomination=person, summary="Đã sửa", acting_user=None)
    services.nomination_delete(nomination=person, acting_user=None)
    assert Nomination.objects.filter(session=setup.session).count() == 1


def test_each_member_unit_votes_once_by_its_leader():
    setup = vote_setup(units=3, open_with_present=3)
    unit = setup.members[0]
    choices = {n.pk: True for n in setup.nominations}
    officer = setup.officers[unit.pk]
    with pytest.raises(services.CommendationError, match="Chỉ lãnh đạo của"):
        services.ballot_cast(session=setup.session, unit=unit, choices=choices,
                             acting_user=officer)
    with pytest.raises(services.CommendationError, match="Chỉ lãnh đạo của"):
        services.ballot_cast(session=setup.session, unit=unit, choices=choices,
                             acting_user=setup.leader_of(1))
    with pytest.raises(services.CommendationError, match="không thiếu, không thừa"):
        services.ballot_cast(session=setup.session, unit=unit,
                             choices={setup.nominations[0].pk: True},
                             acting_user=setup.leaders[unit.pk])
    ballot = cast(setup, 0)
    assert (ballot.kind, ballot.cast_by) == (BallotKind.ONLINE, setup.leaders[unit.pk])
    with pytest.raises(services.CommendationError, match="mỗi đơn vị chỉ bỏ một phiếu"):
        cast(setup, 0, False)
    with pytest.raises(services.CommendationError, match="mỗi đơn vị chỉ bỏ một phiếu"):
        cast(setup, 0, False, kind=BallotKind.PAPER)
    assert Ballot.objects.filter(session=setup.session).count() == 1
    assert sealed_ballots(setup.session) == [{n.pk: True for n in setup.nominations}]
    assert SealedBallot.objects.filter(session=setup.session).count() == 1


def test_the_database_refuses_a_second_ballot_of_a_unit():
    setup = vote_setup(units=2, open_with_present=2)
    cast(setup, 0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(session=setup.session, unit=setup.members[0], kind="ban_giay")


def test_outsiders_and_closed_or_unopened_sessions_take_no_ballot():
    setup = vote_setup(units=2)
    with pytest.raises(services.CommendationError, match="chưa mở bỏ phiếu"):
        cast(setup, 0)
    other = vote_setup(units=2)
    outsider_leader = other.leader_of(0)
    services.session_transition(session=setup.session, to_status=S.OPEN, present_count=2,
                                acting_user=setup.secretary)
    with pytest.raises(services.CommendationError, match="không phải là thành viên"):
        services.ballot_record(session=setup.session, unit=other.members[0],
                               kind=BallotKind.PAPER,
                               choices={n.pk: True for n in setup.nominations},
                               acting_user=setup.secretary)
    with pytest.raises(services.CommendationError, match="Chỉ lãnh đạo"):
        services.ballot_cast(session=setup.session, unit=setup.members[0],
                             choices={n.pk: True for n in setup.nominations},
                             acting_user=outsider_leader)
    with pytest.raises(services.CommendationError, match="phiếu giấy hoặc"):
        cast(setup, 0, kind=BallotKind.ONLINE.replace("truc_tuyen", "khac"))
    cast(setup, 0)
    cast(setup, 1, kind=BallotKind.PAPER)
    close(setup)
    with pytest.raises(services.CommendationError, match="đã kết thúc, không nhận thêm phiếu"):
        services.ballot_record(session=setup.session, unit=setup.members[1],
                               kind=BallotKind.WRITTEN,
                               choices={n.pk: True for n in setup.nominations},
                               acting_user=setup.secretary)


def test_written_votes_must_fit_the_absent_members():
    setup = vote_setup(units=3, open_with_present=3)
    cast(setup, 0)
    cast(setup, 1, kind=BallotKind.WRITTEN)
    with pytest.raises(services.CommendationError, match="vượt quá số thành viên vắng mặt"):
        close(setup, present=3)
    close(setup, present=2)
    assert setup.session.written_count == 1


def test_closing_fixes_the_tally_and_opens_a_dossier_for_each_passed_proposal():
    setup = vote_setup(units=5, open_with_present=5)
    for index in range(5):
        cast(setup, index, [True, True, True, index < 3, True])
    close(setup)
    assert AwardTally.objects.filter(session=setup.session).count() == 1
    results = {r.nomination_id: r for r in TallyResult.objects.filter(
        award_tally__session=setup.session)}
    assert [results[n.pk].passed for n in setup.nominations] == [True, True, True, False, True]
    assert set(Dossier.objects.values_list("nomination_id", flat=True)) == {
        n.pk for n in setup.nominations if results[n.pk].passed}


def test_nothing_about_a_closed_session_changes():
    setup = vote_setup(units=3, open_with_present=3)
    for index in range(3):
        cast(setup, index)
    close(setup)
    before = (list(TallyResult.objects.values_list("pk", "agree", "passed", "reason")),
              SealedBallot.objects.count(), Ballot.objects.count())
    nomination = setup.nominations[0]
    refusals = [
        lambda: cast(setup, 0),
        lambda: services.session_transition(session=setup.session, to_status=S.CLOSED,
                                            present_count=3, acting_user=setup.secretary),
        lambda: services.session_transition(session=setup.session, to_status=S.OPEN,
                                            present_count=3, acting_user=setup.secretary),
        lambda: services.session_transition(session=setup.session, to_status=S.DRAFT,
                                            acting_user=setup.secretary),
        lambda: nominate_one(setup, "co_cp", 1),
        lambda: services.nomination_update(nomination=nomination, summary="x",
                                           acting_user=None),
        lambda: services.nomination_delete(nomination=nomination, acting_user=None),
    ]
    for refuse in refusals:
        with pytest.raises(services.CommendationError, match="đã kết thúc"):
            refuse()
    after = (list(TallyResult.objects.values_list("pk", "agree", "passed", "reason")),
             SealedBallot.objects.count(), Ballot.objects.count())
    assert after == before
    assert setup.reload().status == S.CLOSED


def test_nominations_freeze_once_voting_opens():
    setup = vote_setup(units=2, open_with_present=2)
    with pytest.raises(services.CommendationError, match="đang chuẩn bị"):
        nominate_one(setup, "co_cp", 1)
    with pytest.raises(services.CommendationError, match="đang chuẩn bị"):
        services.nomination_delete(nomination=setup.nominations[0], acting_user=None)


def test_a_session_belongs_to_a_conference_of_its_cluster_year():
    setup = vote_setup(units=2, nominate=[])
    with pytest.raises(services.CommendationError, match="không thuộc cụm này trong năm 2023"):
        services.session_create(cluster=setup.cluster, year=2023, conference=setup.conference,
                                title="Bình xét", acting_user=None)
    with pytest.raises(services.CommendationError, match="Vui lòng nhập tên"):
        services.session_create(cluster=setup.cluster, year=2022, conference=setup.conference,
                                title=" ", acting_user=setup.secretary)
