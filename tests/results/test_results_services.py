"""Services of unit results: every allowed and forbidden transition of the table, the phases,
scoring of each criterion kind through the report (the cluster's leader for quantitative
ones), optimistic locking, lateness, required evidence, review and explanation, finalising."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns.services import criterion_delete
from results.models import CriterionScore, EvidenceFile, ReportEvent, ReportingPeriod, UnitReport
from results.selectors import results as result_selectors
from results.services import results as services
from tests.results.factories_results import ReportingPeriodFactory, World, pdf

pytestmark = pytest.mark.django_db
State = UnitReport.State
Phase = ReportingPeriod.Phase
D = Decimal


@pytest.fixture
def world():
    return World()


def message(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- periods and phases -----------------------------------------------------------------------


def test_period_create_copies_areas_and_refuses_a_second_of_the_same_kind(world):
    period = services.period_create(
        cluster=world.cluster, year=2024, kind=ReportingPeriod.Kind.YEAR_END,
        deadline=timezone.make_aware(datetime.datetime(2024, 11, 30, 17)),
        acting_user=world.secretary)
    assert period.phase == Phase.NOT_OPEN
    assert [a.name for a in result_selectors.state_areas(cluster=world.cluster, year=2024)] \
        == services.DEFAULT_AREAS
    with pytest.raises(ValidationError, match="Cụm đã có kỳ báo cáo này"):
        services.period_create(
            cluster=world.cluster, year=2024, kind=ReportingPeriod.Kind.YEAR_END,
            deadline=timezone.make_aware(datetime.datetime(2024, 12, 1)),
            acting_user=world.secretary)


def test_a_deadline_far_from_the_year_is_refused(world):
    with pytest.raises(ValidationError, match="Hạn nộp phải gần năm 2024"):
        services.period_create(
            cluster=world.cluster, year=2024, kind=ReportingPeriod.Kind.MID_YEAR,
            deadline=timezone.make_aware(datetime.datetime(2204, 6, 15)),
            acting_user=world.secretary)


def test_phases_move_one_step_at_a_time_only_by_the_secretariat(world):
    period = world.period
    with pytest.raises(ValidationError, match="Chỉ Cụm trưởng"):
        services.period_set_phase(period=period, phase=Phase.VERIFYING,
                                  acting_user=world.officers[1])
    with pytest.raises(ValidationError, match="liền kề"):
        services.period_set_phase(period=period, phase=Phase.EXPLAINING,
                                  acting_user=world.secretary)
    with pytest.raises(ValidationError, match="Chốt kết quả"):
        services.period_set_phase(period=period, phase=Phase.FINAL, acting_user=world.secretary)
    period = services.period_set_phase(period=period, phase=Phase.VERIFYING,
                                       acting_user=world.secretary)
    period = services.period_set_phase(period=period, phase=Phase.SUBMITTING,
                                       acting_user=world.secretary)
    assert period.phase == Phase.SUBMITTING
    reasons = [h.history_change_reason for h in period.history.order_by("history_date")]
    assert reasons[-2:] == ["Giai đoạn: Cụm trưởng thẩm định", "Giai đoạn: Đơn vị nộp báo cáo"]


def test_moving_the_deadline_is_recorded_and_does_not_rewrite_lateness(world):
    world.period.deadline = timezone.now() - datetime.timedelta(hours=1)
    world.period.save()
    world.save(1)
    assert world.submit(1).is_late
    period = services.period_update(
        period=world.period, deadline=timezone.make_aware(datetime.datetime(2024, 1, 10, 17)),
        tie_break=ReportingPeriod.TieBreak.EARLIER, acting_user=world.secretary)
    assert period.tie_break == ReportingPeriod.TieBreak.EARLIER
    assert period.history.first().history_change_reason.startswith("Đổi hạn nộp từ")
    assert UnitReport.objects.get(unit=world.units[1]).is_late


# --- the transition table ----------------------------------------------------------------------

# (from, to, actor, phase) for every allowed transition, and who may not make it.
ALLOWED = [
    (State.DRAFT, State.SUBMITTED, "leader", Phase.SUBMITTING),
    (State.DRAFT, State.SUBMITTED, "leader", Phase.VERIFYING),
    (State.RETURNED, State.SUBMITTED, "leader", Phase.EXPLAINING),
    (State.SUBMITTED, State.REVIEWED, "secretary", Phase.VERIFYING),
    (State.SUBMITTED, State.REVIEWED, "secretary", Phase.EXPLAINING),
    (State.REVIEWED, State.EXPLAINED, "officer", Phase.EXPLAINING),
    (State.EXPLAINED, State.SECOND_REVIEWED, "secretary", Phase.EXPLAINING),
    (State.SUBMITTED, State.RETURNED, "secretary", Phase.SUBMITTING),
    (State.REVIEWED, State.RETURNED, "secretary", Phase.VERIFYING),
    (State.EXPLAINED, State.RETURNED, "secretary", Phase.EXPLAINING),
    (State.SECOND_REVIEWED, State.RETURNED, "secretary", Phase.EXPLAINING),
]


def actor(world, who: str):
    return {"leader": world.leaders[1], "officer": world.officers[1],
            "secretary": world.secretary, "other_leader": world.leaders[2],
            "other_officer": world.officers[2]}[who]


def put(world, state, phase) -> UnitReport:
    world.phase(Phase.SUBMITTING)
    report = world.report(1)
    if report.state == State.DRAFT:
        report = world.save(1)
    UnitReport.objects.filter(pk=report.pk).update(
        state=state, submitted_at=None if state == State.DRAFT else timezone.now())
    world.phase(phase)
    return UnitReport.objects.get(pk=report.pk)


@pytest.mark.parametrize("source, target, who, phase", ALLOWED)
def test_every_allowed_transition_is_made_and_logged(world, source, target, who, phase):
    report = put(world, source, phase)
    version = report.version
    report = services.report_transition(report=report, to_state=target,
                                        acting_user=actor(world, who), note="Ghi chú")
    assert report.state == target and report.version == version + 1
    event = ReportEvent.objects.get(report=report)
    assert (event.from_state, event.to_state, event.actor, event.note) == (
        source, target, actor(world, who), "Ghi chú")
    assert report.history.first().history_user == actor(world, who)


@pytest.mark.parametrize("source, target, who, phase", ALLOWED)
def test_every_transition_is_refused_to_the_wrong_people(world, source, target, who, phase):
    report = put(world, source, phase)
    wrong = {"leader": ["officer", "secretary", "other_leader"],
             "officer": ["secretary", "other_officer", "other_leader"],
             "secretary": ["officer", "leader", "other_leader"]}[who]
    for person in wrong:
        with pytest.raises(ValidationError, match="Chỉ "):
            services.report_transition(report=report, to_state=target,
                                       acting_user=actor(world, person), note="x")
    assert UnitReport.objects.get(pk=report.pk).state == source
    assert not ReportEvent.objects.exists()


@pytest.mark.parametrize("source, target, who, phase", ALLOWED)
def test_every_transition_is_refused_outside_its_phases(world, source, target, who, phase):
    transition = services.REPORT_TRANSITIONS[(source, target)]
    closed = [p for p in services.PHASE_ORDER if p not in transition.phases]
    report = put(world, source, closed[0])
    with pytest.raises(ValidationError, match="giai đoạn"):
        services.report_transition(report=report, to_state=target,
                                   acting_user=actor(world, who), note="x")


@pytest.mark.parametrize("source", list(State))
def test_transitions_outside_the_table_are_refused(world, source):
    allowed = {t for (s, t) in services.REPORT_TRANSITIONS if s == source}
    for target in State:
        if target in allowed or target == source:
            continue
        report = put(world, source, Phase.EXPLAINING)
        with pytest.raises(ValidationError, match="Không thể chuyển báo cáo"):
            services.report_transition(report=report, to_state=target,
                                       acting_user=world.secretary, note="x")


def test_an_unknown_state_and_the_same_state_are_refused(world):
    report = world.save(1)
    with pytest.raises(ValidationError, match="Trạng thái không hợp lệ"):
        services.report_transition(report=report, to_state="bogus", acting_user=world.leaders[1])
    with pytest.raises(ValidationError, match="đã ở trạng thái"):
        services.report_transition(report=report, to_state=State.DRAFT,
                                   acting_user=world.leaders[1])


def test_returning_needs_a_note(world):
    world.save(1)
    report = world.submit(1)
    with pytest.raises(ValidationError) as caught:
        services.report_transition(report=report, to_state=State.RETURNED,
                                   acting_user=world.secretary, note="  ")
    assert caught.value.message_dict == {"note": ["Vui lòng ghi rõ nội dung cần bổ sung."]}


def test_nothing_moves_after_the_period_is_final(world):
    world.save(1)
    world.submit(1)
    services.period_finalise(period=world.period, acting_user=world.secretary)
    report = UnitReport.objects.get(unit=world.units[1])
    assert report.state == State.FINAL
    for target, who in ((State.RETURNED, world.secretary), (State.REVIEWED, world.secretary)):
        with pytest.raises(ValidationError):
            services.report_transition(report=report, to_state=target, acting_user=who,
                                       note="x")
    with pytest.raises(ValidationError, match="đã chốt"):
        services.period_set_phase(period=world.period, phase=Phase.EXPLAINING,
                                  acting_user=world.secretary)
    with pytest.raises(ValidationError, match="đã được chốt"):
        services.period_finalise(period=world.period, acting_user=world.secretary)
    with pytest.raises(ValidationError, match="không thể sửa"):
        world.save(1)
    with pytest.raises(ValidationError, match="đã chốt"):
        services.evidence_add(report=report, uploaded_file=pdf(), acting_user=world.officers[1])


def test_finalising_locks_every_report_with_an_event_and_a_history_row(world):
    world.save(1)
    world.submit(1)
    world.save(2)  # a draft, never submitted
    period = services.period_finalise(period=world.period, acting_user=world.secretary)
    assert period.phase == Phase.FINAL and period.finalised_by == world.secretary
    for unit in world.units[1:]:
        report = UnitReport.objects.get(unit=unit)
        assert report.state == State.FINAL
        assert report.events.last().to_state == State.FINAL
        assert report.history.first().state == State.FINAL
    rows = result_selectors.progress_board(period=period)
    statuses = {r.unit.pk: r.status for r in rows}
    assert statuses[world.units[1].pk] == "final"
    assert statuses[world.units[2].pk] == "not_submitted"
    assert [r.unit for r in result_selectors.ranking(period=period)] == [world.units[1]]


def test_a_criteria_change_moves_open_periods_at_once_and_never_a_finalised_result(world):
    """The year's tree serves both periods: once mid-year is final its points are the ones it
    was finalised with; the open year-end period's stored points follow the change at once."""
    from campaigns.services import criterion_save

    world.save(1, scores=world.scores(**{"1.1": {"achieved": True}}))
    world.submit(1)
    year_end = ReportingPeriodFactory(cluster=world.cluster, kind=ReportingPeriod.Kind.YEAR_END)
    report = services.report_get_or_create(period=year_end, unit=world.units[1],
                                           acting_user=world.officers[1])
    services.report_save(report=report, expected_version=report.version,
                         acting_user=world.officers[1],
                         scores=world.scores(**{"1.1": {"achieved": True}}))
    services.period_finalise(period=world.period, acting_user=world.secretary)
    final = UnitReport.objects.get(period=world.period, unit=world.units[1])
    assert final.self_total == D("10.00")

    criterion_save(cluster=world.cluster, year=world.period.year, criterion=world.c("1.1"),
                   acting_user=world.secretary, max_points=D("12"))
    period = ReportingPeriod.objects.get(pk=world.period.pk)
    assert result_selectors.period_totals(period=period)[final.pk] == (D("10.00"), D("10.00"))
    assert [r.final_total for r in result_selectors.ranking(period=period)] == [D("10.00")]
    assert result_selectors.report_detail(report=final).self_total == D("10.00")
    assert UnitReport.objects.get(pk=final.pk).self_total == D("10.00")
    open_report = UnitReport.objects.get(period=year_end, unit=world.units[1])
    assert open_report.self_total == D("12.00")  # stored at once, before anyone saves again
    assert open_report.scores.get(criterion=world.c("1.1")).self_points == D("12.00")


def test_finalise_is_refused_before_the_period_opens_and_to_others(world):
    world.phase(Phase.NOT_OPEN)
    with pytest.raises(ValidationError, match="chưa mở"):
        services.period_finalise(period=world.period, acting_user=world.secretary)
    with pytest.raises(ValidationError, match="Chỉ Cụm trưởng"):
        services.period_finalise(period=world.period, acting_user=world.leaders[1])


# --- saving: who, when, optimistic locking --------------------------------------------------


def test_only_the_units_staff_save_its_report(world):
    for person in (world.officers[2], world.leaders[2], world.secretary):
        with pytest.raises(ValidationError, match="Chỉ cán bộ của đơn vị"):
            world.save(1, user=person)
    report = world.save(1, user=world.leaders[1])
    assert report.last_saved_by == world.leaders[1]


def test_the_second_save_with_the_same_version_is_refused_and_changes_nothing(world):
    first = world.save(1, version=0, fields={"highlights": "Bản của người thứ nhất"})
    assert first.version == 1
    with pytest.raises(services.ConcurrentEditError) as caught:
        world.save(1, version=0, user=world.leaders[1],
                   fields={"highlights": "Bản của người thứ hai"},
                   scores=world.scores(**{"1.1": {"achieved": True}}))
    assert "vừa được" in message(caught.value) and "CHƯA" in message(caught.value)
    report = UnitReport.objects.get(pk=first.pk)
    assert (report.version, report.highlights) == (1, "Bản của người thứ nhất")
    assert CriterionScore.objects.get(report=report, criterion=world.c("1.1")).achieved is None
    assert report.history.count() == 2  # created, then the first save


def test_saving_is_refused_outside_the_editing_phases_and_states(world):
    world.phase(Phase.NOT_OPEN)
    with pytest.raises(ValidationError, match="không nhận chỉnh sửa"):
        world.save(1)
    world.phase(Phase.EXPLAINING)
    with pytest.raises(ValidationError, match="không nhận chỉnh sửa"):
        world.save(1)
    world.phase(Phase.SUBMITTING)
    world.save(1)
    world.submit(1)
    with pytest.raises(ValidationError, match="“Đã nộp”, không thể sửa"):
        world.save(1)


def test_a_returned_report_is_completed_and_resubmitted_even_while_explaining(world):
    world.save(1)
    world.submit(1)
    world.phase(Phase.EXPLAINING)
    report = services.report_transition(report=world.report(1), to_state=State.RETURNED,
                                        acting_user=world.secretary, note="Bổ sung số liệu")
    report = world.save(1, fields={"key_figures": "Đã bổ sung"})
    assert report.key_figures == "Đã bổ sung"
    report = world.submit(1)
    assert report.state == State.SUBMITTED


def test_invalid_inputs_are_refused_per_criterion_and_nothing_is_saved(world):
    scores = world.scores(**{
        "1.2": {"actual": "-3"}, "1.1": {"achieved": "có"}, "2.2": {"count": 1.5},
        "3.1": {"count": 1}})
    with pytest.raises(ValidationError) as caught:
        world.save(1, scores=scores, fields={"highlights": "không lưu"})
    assert set(caught.value.message_dict) == {
        f"score_{world.c(code).pk}" for code in ("1.2", "1.1", "2.2")}
    report = UnitReport.objects.get(unit=world.units[1])
    assert report.highlights == "" and report.version == 0
    assert CriterionScore.objects.get(report=report, criterion=world.c("3.1")).count is None


def test_criteria_added_after_the_report_was_created_get_a_row(world):
    report = world.report(1)
    from campaigns.models import Criterion
    from tests.results.factories_results import Kind

    late = Criterion.objects.create(cluster=world.cluster, year=2023, parent=world.c("II"),
                                    code="2.4", name="Mới", max_points=D(5),
                                    kind=Kind.QUALITATIVE)
    world.save(1, scores={late.pk: {"achieved": True}})
    assert CriterionScore.objects.get(report=report, criterion=late).self_points == D(5)


def test_a_criterion_with_scores_cannot_be_deleted(world):
    world.save(1)
    with pytest.raises(ValidationError, match="đã được các đơn vị chấm điểm"):
        criterion_delete(criterion=world.c("1.1"), acting_user=world.secretary)


# --- scoring of each kind through the report --------------------------------------------------


def points(world, i=1) -> dict[str, Decimal]:
    report = UnitReport.objects.get(unit=world.units[i])
    return {s.criterion.code: s.self_points for s in report.scores.select_related("criterion")}


def test_each_kind_of_criterion_is_scored_from_what_the_unit_entered(world):
    world.save(1, scores=world.scores(**{
        "1.1": {"achieved": True}, "1.3.1": {"achieved": False},
        "1.2": {"actual": "90"},  # under target: 15 * 90 / 95
        "1.3.2": {"count": 7},  # 7 * 2 capped at 10
        "2.2": {"count": 3},  # 7.5
        "3.1": {"count": 4},  # 8 clamped to 5
        "3.2": {"count": 2},  # -2
    }))
    got = points(world)
    assert got["1.1"] == D("10.00") and got["1.3.1"] == D("0.00")
    assert got["1.2"] == D("14.21")
    assert got["1.3.2"] == D("10.00") and got["2.2"] == D("7.50")
    assert got["3.1"] == D("5.00") and got["3.2"] == D("-2.00")
    report = UnitReport.objects.get(unit=world.units[1])
    assert report.self_total == D("44.71") == sum(got.values())
    detail = result_selectors.report_detail(report=report)
    group = {line.criterion.code: line for line in detail.lines}
    assert group["1.3"].self_points == D("10.00") and group["I"].self_points == D("34.21")
    assert group["III"].self_points == D("3.00")
    assert detail.self_total == D("44.71")


def test_a_quantitative_criterion_gives_no_more_than_its_maximum(world):
    """A lone report over target was its own leader and scored 12 of 10 (here 18 of 15):
    no criterion gives more than its maximum (issue #13), with one report or several."""
    world.save(1, scores=world.scores(**{"1.2": {"actual": "98"}}))
    world.evidence(1, "1.2")
    world.submit(1)
    assert points(world, 1)["1.2"] == D("15.00")  # the only report: its maximum, not 18
    world.save(2, scores=world.scores(**{"1.2": {"actual": "99"}}))
    assert points(world, 2)["1.2"] == D("15.00")
    world.evidence(2, "1.2")
    world.submit(2)
    assert points(world, 1)["1.2"] == points(world, 2)["1.2"] == D("15.00")
    world.save(0, scores=world.scores(**{"1.2": {"actual": "76"}}))
    assert points(world, 0)["1.2"] == D("12.00")  # under target: 15 * 76 / 95
    assert UnitReport.objects.get(unit=world.units[1]).self_total == D("15.00")
    assert all(r.final_total <= 15 for r in result_selectors.ranking(period=world.period))


def test_one_reports_points_equal_the_whole_periods_and_a_save_rewrites_only_its_own():
    """A save recomputes its own report from the submitted leaders (one aggregate query),
    not the period: the result must be what recomputing the whole period gives."""
    world = World(units=4)
    world.save(1, scores=world.scores(**{"1.2": {"actual": "97"}, "1.1": {"achieved": True}}))
    world.evidence(1, "1.2")
    world.submit(1)
    world.save(2, scores=world.scores(**{"1.2": {"actual": "99"}, "2.2": {"count": 2}}))
    world.save(3, scores=world.scores(**{"1.2": {"actual": "96"}}))
    untouched = UnitReport.objects.get(unit=world.units[1]).scores.values_list(
        "criterion_id", "self_points")
    before = sorted(untouched)
    world.save(2, scores=world.scores(**{"1.2": {"actual": "100"}}))
    assert sorted(untouched) == before  # a draft's save moves no other unit's points
    whole = result_selectors.period_points(period=world.period)
    for report in UnitReport.objects.filter(period=world.period):
        assert result_selectors.report_points(period=world.period, report=report) == (
            whole[report.pk])
        stored = {s.criterion_id: s.self_points for s in report.scores.all()}
        assert stored == whole[report.pk]
        assert report.self_total == sum(whole[report.pk].values())
    assert result_selectors.quantitative_leaders(period=world.period) == {
        world.c("1.2").pk: D("97.00")}  # drafts (99, 100) are not leaders


def test_on_target_and_over_target_give_the_maximum(world):
    world.save(1, scores=world.scores(**{"1.2": {"actual": "95"}}))
    world.save(2, scores=world.scores(**{"1.2": {"actual": "97,5"}}))
    for i in (1, 2):
        world.evidence(i, "1.2")
        world.submit(i)
    assert points(world, 1)["1.2"] == D("15.00")
    assert points(world, 2)["1.2"] == D("15.00")  # the leader: its maximum, not 18


def test_a_misconfigured_criterion_keeps_the_input_and_scores_nothing(world):
    from campaigns.models import Criterion

    Criterion.objects.filter(pk=world.c("1.2").pk).update(target=None)
    world.save(1, scores=world.scores(**{"1.2": {"actual": "90"}}))
    assert CriterionScore.objects.get(criterion=world.c("1.2")).actual == D("90")
    assert points(world)["1.2"] == D("0")


# --- submission: evidence, lateness --------------------------------------------------------


def test_evidence_is_required_only_where_the_criterion_earns_points(world):
    world.save(1, scores=world.scores(**{"1.2": {"actual": "0"}, "1.3.2": {"count": 0}}))
    world.submit(1)  # no points, no evidence needed
    world.save(2, scores=world.scores(**{"1.2": {"actual": "90"}, "1.3.2": {"count": 2}}))
    with pytest.raises(ValidationError, match=r"tiêu chí: 1\.2, 1\.3\.2\.'"):
        world.submit(2)
    services.evidence_add(report=world.report(2), uploaded_file=pdf(),
                          acting_user=world.officers[2], criterion=world.c("1.2"))
    with pytest.raises(ValidationError, match=r"tiêu chí: 1\.3\.2\.'"):
        world.submit(2)
    services.evidence_add(report=world.report(2), uploaded_file=pdf(),
                          acting_user=world.leaders[2], criterion=world.c("1.3.2"))
    assert world.submit(2).state == State.SUBMITTED


def test_a_submission_after_the_deadline_is_marked_late_and_the_deadline_stays(world):
    deadline = timezone.now() - datetime.timedelta(minutes=5)
    ReportingPeriod.objects.filter(pk=world.period.pk).update(deadline=deadline)
    world.save(1)
    report = world.submit(1)
    assert report.is_late and report.submitted_by == world.leaders[1]
    assert ReportingPeriod.objects.get(pk=world.period.pk).deadline == deadline
    world.period.refresh_from_db()
    board = {r.unit.pk: r.status for r in result_selectors.progress_board(period=world.period)}
    assert board[world.units[1].pk] == "late"
    assert board[world.units[2].pk] == "overdue"


def test_on_time_then_returned_and_resubmitted_late_stays_on_time(world):
    world.save(1)
    first = world.submit(1)
    assert not first.is_late
    ReportingPeriod.objects.filter(pk=world.period.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1))
    services.report_transition(report=first, to_state=State.RETURNED,
                               acting_user=world.secretary, note="Bổ sung")
    world.save(1)
    again = world.submit(1)
    assert not again.is_late and again.submitted_at == first.submitted_at
    assert [e.to_state for e in again.events.all()] == [
        State.SUBMITTED, State.RETURNED, State.SUBMITTED]


def test_submit_refuses_a_report_changed_since_the_leader_read_it(world):
    report = world.save(1)
    seen = report.version
    world.save(1, fields={"highlights": "Sửa sau khi lãnh đạo mở"})
    with pytest.raises(services.ConcurrentEditError):
        world.submit(1, expected_version=seen)
    assert world.submit(1, expected_version=seen + 1).state == State.SUBMITTED


# --- review, explanation -----------------------------------------------------------------------


def submitted_world(world):
    world.save(1, scores=world.scores(**{"1.1": {"achieved": True}, "2.2": {"count": 4},
                                         "3.1": {"count": 1}}))
    return world.submit(1)


def test_review_adjusts_points_with_a_comment_and_a_file(world):
    report = submitted_world(world)
    world.phase(Phase.VERIFYING)
    report = services.report_review(
        report=report, acting_user=world.secretary, note="Thẩm định lần 1",
        adjustments={world.c("2.2").pk: ("7,5", "Chỉ 3 điển hình có quyết định"),
                     world.c("1.1").pk: (None, "")},
        files={world.c("2.2").pk: pdf("bien-ban.pdf")})
    assert report.state == State.REVIEWED
    score = CriterionScore.objects.get(report=report, criterion=world.c("2.2"))
    assert (score.self_points, score.adjusted_points) == (D("10.00"), D("7.50"))
    assert score.review_comment == "Chỉ 3 điển hình có quyết định"
    assert EvidenceFile.objects.get(report=report).stage == EvidenceFile.Stage.REVIEW
    report.refresh_from_db()
    assert (report.self_total, report.final_total) == (D("22.00"), D("19.50"))
    assert report.events.last().note == "Thẩm định lần 1"


def test_review_refuses_out_of_range_points_missing_comments_and_others(world):
    report = submitted_world(world)
    cases = [
        ({world.c("2.2").pk: ("16", "quá")}, f"adjust_{world.c('2.2').pk}", "từ 0 đến 15"),
        ({world.c("3.1").pk: ("-1", "âm")}, f"adjust_{world.c('3.1').pk}", "từ 0 đến 5"),
        ({world.c("1.2").pk: ("15.01", "x")}, f"adjust_{world.c('1.2').pk}", "từ 0 đến 15"),
        ({world.c("2.2").pk: ("5", " ")}, f"comment_{world.c('2.2').pk}", "ghi ý kiến"),
        ({world.c("2.2").pk: ("năm", "x")}, f"adjust_{world.c('2.2').pk}", "phải là một số"),
    ]
    for adjustments, key, text in cases:
        with pytest.raises(ValidationError) as caught:
            services.report_review(report=report, adjustments=adjustments,
                                   acting_user=world.secretary)
        assert text in " ".join(caught.value.message_dict[key])
    with pytest.raises(ValidationError, match="Chỉ Cụm trưởng"):
        services.report_review(report=report, adjustments={}, acting_user=world.leaders[1])
    assert UnitReport.objects.get(pk=report.pk).state == State.SUBMITTED
    assert not CriterionScore.objects.filter(adjusted_points__isnull=False).exists()
    # Keeping the self-score needs no comment.
    report = services.report_review(report=report, acting_user=world.secretary,
                                    adjustments={world.c("2.2").pk: ("10", "")})
    assert report.state == State.REVIEWED


def test_explanation_then_second_review(world):
    report = submitted_world(world)
    services.report_review(report=report, acting_user=world.secretary,
                           adjustments={world.c("2.2").pk: ("5", "Thiếu quyết định")})
    with pytest.raises(ValidationError, match="chưa thể giải trình"):
        services.report_explain(report=report, acting_user=world.officers[1],
                                explanations={world.c("2.2").pk: "Có quyết định"})
    world.phase(Phase.EXPLAINING)
    with pytest.raises(ValidationError, match="ít nhất một tiêu chí"):
        services.report_explain(report=report, acting_user=world.officers[1],
                                explanations={world.c("2.2").pk: "  "})
    with pytest.raises(ValidationError, match="Chỉ cán bộ của đơn vị"):
        services.report_explain(report=report, acting_user=world.officers[2],
                                explanations={world.c("2.2").pk: "x"})
    report = services.report_explain(
        report=report, acting_user=world.officers[1],
        explanations={world.c("2.2").pk: "Bổ sung 2 quyết định khen thưởng"},
        files={world.c("2.2").pk: pdf("quyet-dinh.pdf")})
    assert report.state == State.EXPLAINED
    assert EvidenceFile.objects.get(stage=EvidenceFile.Stage.EXPLANATION).uploaded_by == \
        world.officers[1]
    report = services.report_review(report=report, acting_user=world.secretary,
                                    adjustments={world.c("2.2").pk: ("10", "Chấp nhận")})
    assert report.state == State.SECOND_REVIEWED
    assert report.final_total == report.self_total == D("22.00")
    services.period_finalise(period=world.period, acting_user=world.secretary)
    assert [e.to_state for e in UnitReport.objects.get(pk=report.pk).events.all()] == [
        State.SUBMITTED, State.REVIEWED, State.EXPLAINED, State.SECOND_REVIEWED, State.FINAL]


# --- evidence ----------------------------------------------------------------------------------


def test_evidence_rules(world):
    report = world.report(1)
    with pytest.raises(ValidationError, match="Chỉ cán bộ của đơn vị"):
        services.evidence_add(report=report, uploaded_file=pdf(), acting_user=world.officers[2])
    with pytest.raises(ValidationError, match="Chỉ Cụm trưởng"):
        services.evidence_add(report=report, uploaded_file=pdf(), acting_user=world.officers[1],
                              stage=EvidenceFile.Stage.REVIEW)
    other = World()
    with pytest.raises(ValidationError, match="không thuộc bảng tiêu chí"):
        services.evidence_add(report=report, uploaded_file=pdf(), acting_user=world.officers[1],
                              criterion=other.c("1.1"))
    with pytest.raises(ValidationError, match="không thuộc bảng tiêu chí"):
        services.evidence_add(report=report, uploaded_file=pdf(), acting_user=world.officers[1],
                              criterion=world.c("I"))
    with pytest.raises(ValidationError, match="Chỉ chấp nhận tệp PDF"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        services.evidence_add(report=report, acting_user=world.officers[1],
                              uploaded_file=SimpleUploadedFile("a.txt", b"hello"))
    evidence = services.evidence_add(report=report, uploaded_file=pdf("../../Báo cáo.pdf"),
                                     acting_user=world.officers[1], criterion=world.c("1.2"))
    assert evidence.original_name == "Báo cáo.pdf"
    assert evidence.file.name.startswith("evidence/") and "Báo" not in evidence.file.name
    assert evidence.mime == "application/pdf"
    world.submit(1)
    with pytest.raises(ValidationError, match="đang soạn hoặc được trả lại"):
        services.evidence_add(report=report, uploaded_file=pdf(), acting_user=world.officers[1])
