"""Reviewer independence (issue #17, part 3) and the review by criterion's service (part 5):
the secretariat never reviews, adjusts or returns its own unit's report; the vice-chair unit
does; a conflict of interest hands a report to the next of the chain; with both conflicted
and no alternate the refusal tells the secretariat to name one. In a ``World`` the first unit
chairs and the second is the vice-chair."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cluster.permissions import NotAllowed
from results.models import ReportEvent, ReportingPeriod, ReviewParty, ReviewRecusal, UnitReport
from results.selectors import report_points, reviewers
from results.services import results as services
from results.services import reviewers as reviewer_services
from tests.results.factories_results import World, bulk_report

pytestmark = pytest.mark.django_db
State = UnitReport.State


@pytest.fixture
def world():
    world = World(units=4)
    world.phase(ReportingPeriod.Phase.VERIFYING)
    criteria = list(world.criteria.values())
    world.reports = [bulk_report(world.period, unit, criteria=criteria) for unit in world.units]
    return world


def fresh(report):
    return UnitReport.objects.get(pk=report.pk)


def test_the_secretariat_is_refused_on_its_own_unit_and_the_vice_chair_reviews(world):
    chair_report, c22 = world.reports[0], world.c("2.2").pk
    for attempt in (
        lambda: services.report_review(report=chair_report, adjustments={},
                                       acting_user=world.secretary),
        lambda: services.report_transition(report=chair_report, to_state=State.RETURNED,
                                           acting_user=world.secretary, note="Bổ sung"),
        lambda: reviewer_services.report_adjust(report=chair_report, acting_user=world.secretary,
                                                adjustments={c22: ("5", "Điều chỉnh")}),
    ):
        with pytest.raises(NotAllowed, match="báo cáo của chính đơn vị mình"):
            attempt()
    # The chair unit's leader too, and an officer of another member.
    with pytest.raises(NotAllowed):
        services.report_review(report=chair_report, adjustments={},
                               acting_user=world.leaders[0])
    with pytest.raises(NotAllowed):
        services.report_review(report=chair_report, adjustments={},
                               acting_user=world.officers[2])
    assert fresh(chair_report).state == State.SUBMITTED
    # The vice-chair unit's officer adjusts and its leader completes the review.
    reviewer_services.report_adjust(report=chair_report, acting_user=world.officers[1],
                                    adjustments={c22: ("5", "Chỉ 2 điển hình")},
                                    expected_version=fresh(chair_report).version)
    report = services.report_review(report=chair_report, adjustments={},
                                    acting_user=world.leaders[1])
    assert report.state == State.REVIEWED
    assert report.scores.get(criterion_id=c22).adjusted_points == Decimal(5)
    line = reviewers.period_reviewed_by(period=world.period)[report.pk]
    assert (line.actor, line.unit) == (world.leaders[1], world.units[1])
    # Other members' reports stay with the secretariat, not with the vice-chair.
    with pytest.raises(NotAllowed):
        services.report_review(report=world.reports[2], adjustments={},
                               acting_user=world.officers[1])
    services.report_review(report=world.reports[2], adjustments={},
                           acting_user=world.secretary)


def test_a_conflict_hands_the_report_on_and_is_recorded(world):
    report = world.reports[3]
    with pytest.raises(ValidationError, match="lý do"):
        reviewer_services.report_recuse(report=report, reason=" ", acting_user=world.secretary)
    recusal = reviewer_services.report_recuse(report=report, acting_user=world.secretary,
                                              reason="Thư ký cụm là người nhà lãnh đạo đơn vị.")
    assert (recusal.party, recusal.unit, recusal.declared_by) == (
        ReviewParty.SECRETARIAT, world.units[0], world.secretary)
    assert recusal.history.first().history_user == world.secretary
    chosen = reviewers.assignment(period=world.period, unit_id=world.units[3].pk,
                                  report_id=report.pk)
    assert (chosen.party, chosen.unit) == (ReviewParty.VICE_CHAIR, world.units[1])
    with pytest.raises(NotAllowed, match="xung đột lợi ích"):
        services.report_review(report=report, adjustments={}, acting_user=world.secretary)
    # Someone who is not the reviewer cannot declare a conflict.
    with pytest.raises(NotAllowed):
        reviewer_services.report_recuse(report=report, reason="x", acting_user=world.officers[2])
    assert services.report_review(report=report, adjustments={},
                                  acting_user=world.officers[1]).state == State.REVIEWED


def test_chair_and_vice_chair_both_conflicted_need_the_named_alternate(world):
    report = world.reports[3]
    reviewer_services.report_recuse(report=report, reason="Xung đột 1",
                                    acting_user=world.secretary)
    with pytest.raises(ValidationError, match="cần chỉ định đơn vị thẩm định thay thế"):
        reviewer_services.report_recuse(report=report, reason="Xung đột 2",
                                        acting_user=world.officers[1])
    assert ReviewRecusal.objects.filter(report=report).count() == 1
    reviewer_services.review_setting_set(cluster=world.cluster, year=world.period.year,
                                         alternate_unit=world.units[2],
                                         acting_user=world.secretary)
    reviewer_services.report_recuse(report=report, reason="Xung đột 2",
                                    acting_user=world.officers[1])
    chosen = reviewers.assignment(period=world.period, unit_id=world.units[3].pk,
                                  report_id=report.pk)
    assert (chosen.party, chosen.unit) == (ReviewParty.ALTERNATE, world.units[2])
    for person in (world.secretary, world.officers[1]):
        with pytest.raises(NotAllowed):
            services.report_review(report=report, adjustments={}, acting_user=person)
    assert services.report_review(report=report, adjustments={},
                                  acting_user=world.leaders[2]).state == State.REVIEWED


def test_the_chair_report_with_the_vice_chair_conflicted_goes_to_the_alternate(world):
    report = world.reports[0]
    with pytest.raises(ValidationError, match="cần chỉ định"):
        reviewer_services.report_recuse(report=report, reason="Xung đột",
                                        acting_user=world.officers[1])
    reviewer_services.review_setting_set(cluster=world.cluster, year=world.period.year,
                                         alternate_unit=world.units[3],
                                         acting_user=world.secretary)
    reviewer_services.report_recuse(report=report, reason="Xung đột",
                                    acting_user=world.officers[1])
    assert services.report_review(report=report, adjustments={},
                                  acting_user=world.officers[3]).state == State.REVIEWED
    # The vice-chair's own report: the secretariat conflicted goes straight to the alternate.
    reviewer_services.report_recuse(report=world.reports[1], reason="Xung đột",
                                    acting_user=world.secretary)
    chosen = reviewers.assignment(period=world.period, unit_id=world.units[1].pk,
                                  report_id=world.reports[1].pk)
    assert chosen.party == ReviewParty.ALTERNATE


def test_no_reviewer_left_is_a_clear_refusal(world):
    """The alternate is cleared after both recused: nobody may review, and the refusal says
    what the secretariat must do."""
    reviewer_services.review_setting_set(cluster=world.cluster, year=world.period.year,
                                         alternate_unit=world.units[2],
                                         acting_user=world.secretary)
    report = world.reports[3]
    reviewer_services.report_recuse(report=report, reason="1", acting_user=world.secretary)
    reviewer_services.report_recuse(report=report, reason="2", acting_user=world.officers[1])
    reviewer_services.review_setting_set(cluster=world.cluster, year=world.period.year,
                                         alternate_unit=None, acting_user=world.secretary)
    with pytest.raises(NotAllowed, match="Thư ký cụm cần chỉ định"):
        services.report_review(report=report, adjustments={}, acting_user=world.secretary)


def test_the_alternate_must_be_another_member(world):
    for unit, text in ((world.units[0], "khác đơn vị Cụm trưởng"),
                       (world.units[1], "khác đơn vị Cụm trưởng")):
        with pytest.raises(ValidationError, match=text):
            reviewer_services.review_setting_set(cluster=world.cluster, year=world.period.year,
                                                 alternate_unit=unit,
                                                 acting_user=world.secretary)
    other = World(units=2)
    with pytest.raises(ValidationError, match="không phải là thành viên"):
        reviewer_services.review_setting_set(cluster=world.cluster, year=world.period.year,
                                             alternate_unit=other.units[0],
                                             acting_user=world.secretary)
    with pytest.raises(NotAllowed):
        reviewer_services.review_setting_set(cluster=world.cluster, year=world.period.year,
                                             alternate_unit=world.units[2],
                                             acting_user=world.officers[2])


def test_criterion_adjust_refuses_a_stale_row_and_saves_the_others(world):
    c22 = world.c("2.2").pk
    two, three = world.reports[2], world.reports[3]
    outcomes = reviewer_services.criterion_adjust(acting_user=world.secretary, reports={
        two.pk: (two.version - 1, {c22: ("5", "Cũ")}),
        three.pk: (three.version, {c22: ("7.5", "Ba điển hình")}),
    })
    assert outcomes[two.pk].stale and not outcomes[two.pk].saved
    assert "CHƯA được lưu" in outcomes[two.pk].errors["__all__"][0]
    assert outcomes[three.pk].saved and outcomes[three.pk].version == three.version + 1
    assert fresh(three).state == State.SUBMITTED  # the review itself is not completed
    assert three.scores.get(criterion_id=c22).adjusted_points == Decimal("7.5")
    assert two.scores.get(criterion_id=c22).adjusted_points != Decimal(5)
    # The same checks as the per-report review: a comment is required for points that differ
    # from the current ones (which depend on the other units' inputs: not assumed here).
    current = report_points(report=fresh(two), period=world.period)[c22]
    other = "0" if current != 0 else "1"
    outcomes = reviewer_services.criterion_adjust(acting_user=world.secretary, reports={
        two.pk: (two.version, {c22: (other, "")})})
    assert "ghi ý kiến" in outcomes[two.pk].errors[f"comment_{c22}"][0]
    # The chair's own report is refused to the secretariat, row by row.
    chair = world.reports[0]
    outcomes = reviewer_services.criterion_adjust(acting_user=world.secretary, reports={
        chair.pk: (chair.version, {c22: ("5", "x")})})
    assert "chính đơn vị mình" in outcomes[chair.pk].errors["__all__"][0]
    assert not ReportEvent.objects.filter(report=chair).exists()


def test_the_score_document_says_who_reviewed(world):
    from reports.kinds.scores import reviewed_by_note, score_part

    services.report_review(report=world.reports[0], adjustments={},
                           acting_user=world.officers[1])
    part = score_part(world.period)
    names = {row["unit"]: row["reviewed_by"] for row in part["ranking"]}
    assert names[world.units[0].name] == f"{world.units[1].name} ({world.officers[1]})"
    assert names[world.units[2].name] == ""
    assert world.units[1].name in reviewed_by_note(part).text
