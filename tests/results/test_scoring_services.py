"""Issue #17's scoring rules at their edges: a unit's own target (and a target of zero), a
criterion or a whole group not applicable to a unit (no division by zero when nothing
applies), the ranking by percentage, a band boundary hit exactly, and a finalised period
that never moves."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cluster.permissions import NotAllowed
from results.models import Basis, NotApplicable, ReportingPeriod, UnitReport, UnitTarget
from results.selectors import ranking, ranking_rule, report_detail
from results.selectors import scoring as scoring_selectors
from results.services import results as services
from results.services import scoring
from tests.results.factories_results import World

pytestmark = pytest.mark.django_db
D = Decimal
Phase = ReportingPeriod.Phase


def full(world: World, i: int, actual: str = "95") -> UnitReport:
    """Unit ``i`` answers every criterion (all achieved, 1.2 = ``actual``), then submits."""
    world.save(i, scores=world.scores(**{
        "1.1": {"achieved": True}, "1.2": {"actual": actual}, "1.3.1": {"achieved": True},
        "1.3.2": {"count": 5}, "1.4": {"achieved": True}, "2.1": {"achieved": True},
        "2.2": {"count": 6}, "2.3": {"achieved": True}}))
    for code in ("1.2", "1.3.2"):
        world.evidence(i, code)
    return world.submit(i)


def rows(world: World) -> dict[int, object]:
    return {row.unit.pk: row for row in ranking(period=world.period)}


def test_a_units_own_target_replaces_the_criterions():
    world = World(units=3)
    for i in (1, 2):
        full(world, i, actual="50")
    scoring.targets_save(period=world.period, acting_user=world.secretary, values={
        (world.units[1].pk, world.c("1.2").pk): ("50", "Địa bàn sáp nhập"),
        (world.units[2].pk, world.c("1.2").pk): ("", "")})
    ranked = rows(world)
    assert ranked[world.units[1].pk].final_total == D("100.00")  # 50 of its own 50: all 15
    assert ranked[world.units[2].pk].final_total == D("92.89")  # 50 of 95: 15 × 50/95 = 7.89
    stored = UnitReport.objects.get(period=world.period, unit=world.units[1])
    assert stored.self_total == D("100.00")
    line = next(line for line in report_detail(report=stored).lines
                if line.criterion.code == "1.2")
    assert line.target == D("50") and line.self_points == D("15.00")


@pytest.mark.parametrize("typed", ["0", "0,00", "-5"])
def test_a_target_of_zero_or_less_is_refused_and_nothing_is_saved(typed):
    world = World(units=3)
    with pytest.raises(ValidationError) as caught:
        scoring.targets_save(period=world.period, acting_user=world.secretary, values={
            (world.units[1].pk, world.c("1.2").pk): ("80", ""),
            (world.units[2].pk, world.c("1.2").pk): (typed, "")})
    key = f"target_{world.units[2].pk}_{world.c('1.2').pk}"
    assert "phải lớn hơn 0" in caught.value.message_dict[key][0]
    assert not UnitTarget.objects.exists()


def test_a_target_on_a_criterion_that_is_not_quantitative_is_refused():
    world = World(units=3)
    with pytest.raises(ValidationError):
        scoring.targets_save(period=world.period, acting_user=world.secretary, values={
            (world.units[1].pk, world.c("1.1").pk): ("5", "")})


def test_a_criterion_not_applicable_leaves_the_units_maximum_and_points():
    world = World(units=3)
    for i in (1, 2):
        full(world, i)
    with pytest.raises(ValidationError) as caught:
        scoring.not_applicable_add(period=world.period, unit=world.units[1],
                                   criterion=world.c("2.2"), reason=" ",
                                   acting_user=world.secretary)
    assert "reason" in caught.value.message_dict
    scoring.not_applicable_add(period=world.period, unit=world.units[1],
                               criterion=world.c("2.2"), reason="Không có điển hình cấp tỉnh",
                               acting_user=world.secretary)
    ranked = rows(world)
    mine = ranked[world.units[1].pk]
    assert (mine.final_total, mine.maximum, mine.percentage) == (D("85.00"), D("85"),
                                                                  D("100.00"))
    other = ranked[world.units[2].pk]
    assert (other.final_total, other.maximum) == (D("100.00"), D("100"))
    detail = report_detail(report=UnitReport.objects.get(period=world.period,
                                                         unit=world.units[1]))
    line = next(line for line in detail.lines if line.criterion.code == "2.2")
    assert line.not_applicable == "Không có điển hình cấp tỉnh" and line.self_points == 0
    assert (detail.total_max, detail.tree_max, detail.percentage) == (D("85"), D("100"),
                                                                       D("100.00"))


def test_a_whole_group_not_applicable_and_nothing_applicable_divides_by_nothing():
    world = World(units=3)
    full(world, 1)
    for code in ("I", "II"):
        scoring.not_applicable_add(period=world.period, unit=world.units[1],
                                   criterion=world.c(code), reason="Thí điểm",
                                   acting_user=world.secretary)
    row = rows(world)[world.units[1].pk]
    assert (row.final_total, row.maximum, row.percentage) == (D("0"), D("0"), None)
    report = UnitReport.objects.get(period=world.period, unit=world.units[1])
    assert report.applicable_max == 0 and report.self_total == 0
    detail = report_detail(report=report)
    assert detail.percentage is None
    group = next(line for line in detail.lines if line.criterion.code == "I")
    assert group.self_points == 0 and group.not_applicable == "Thí điểm"


def test_ranking_by_percentage_of_the_applicable_points():
    world = World(units=3)
    full(world, 1)
    full(world, 2)
    # Unit 1 loses 2.3 (15) as not applicable: 85 of 85; unit 2 has 100 of 100 but gets
    # 2.2 adjusted to 5: 90 of 100.
    scoring.not_applicable_add(period=world.period, unit=world.units[1],
                               criterion=world.c("2.3"), reason="Không giao",
                               acting_user=world.secretary)
    services.report_review(report=UnitReport.objects.get(period=world.period,
                                                         unit=world.units[2]),
                           adjustments={world.c("2.2").pk: ("5", "Thiếu quyết định")},
                           acting_user=world.secretary)
    by_points = ranking(period=world.period)
    assert [r.unit.pk for r in by_points] == [world.units[2].pk, world.units[1].pk]
    scoring.year_rules_save(cluster=world.cluster, year=world.period.year,
                            ranking_basis=Basis.PERCENT, band_basis=Basis.PERCENT, bands=[],
                            acting_user=world.secretary)
    by_percent = ranking(period=world.period)
    assert [r.unit.pk for r in by_percent] == [world.units[1].pk, world.units[2].pk]
    assert "tỷ lệ phần trăm" in ranking_rule(period=world.period)


def test_a_band_boundary_hit_exactly_lands_in_the_higher_band():
    bands = [type("B", (), {"name": n, "lower_bound": D(b)})() for n, b in (
        ("Xuất sắc", "90"), ("Tốt", "80"), ("Khá", "65"))]
    band_for = scoring_selectors.band_for
    assert band_for(D("90.00"), D("100"), bands, Basis.POINTS) == "Xuất sắc"
    assert band_for(D("89.99"), D("100"), bands, Basis.POINTS) == "Tốt"
    assert band_for(D("64.99"), D("100"), bands, Basis.POINTS) == ""
    # 76.5 of 85 is exactly 90%: no rounding decides it.
    assert band_for(D("76.50"), D("85"), bands, Basis.PERCENT) == "Xuất sắc"
    assert band_for(D("76.49"), D("85"), bands, Basis.PERCENT) == "Tốt"
    assert band_for(D("10"), D("0"), bands, Basis.PERCENT) == ""


def test_bands_are_validated_and_shown_in_the_ranking():
    world = World(units=3)
    full(world, 1)
    with pytest.raises(ValidationError) as caught:
        scoring.year_rules_save(cluster=world.cluster, year=world.period.year,
                                ranking_basis=Basis.POINTS, band_basis=Basis.PERCENT,
                                bands=[("Xuất sắc", "120"), ("Tốt", "abc"), ("", "50")],
                                acting_user=world.secretary)
    assert set(caught.value.message_dict) == {"band_0", "band_1", "band_2"}
    scoring.year_rules_save(cluster=world.cluster, year=world.period.year,
                            ranking_basis=Basis.POINTS, band_basis=Basis.POINTS,
                            bands=[("Xuất sắc", "100"), ("Tốt", "80"), ("", "")],
                            acting_user=world.secretary)
    assert rows(world)[world.units[1].pk].band == "Xuất sắc"  # 100 exactly


def test_only_the_secretariat_changes_the_rules():
    world = World(units=3)
    with pytest.raises(NotAllowed):
        scoring.targets_save(period=world.period, acting_user=world.officers[1], values={})
    with pytest.raises(NotAllowed):
        scoring.not_applicable_add(period=world.period, unit=world.units[1],
                                   criterion=world.c("2.2"), reason="x",
                                   acting_user=world.officers[1])
    with pytest.raises(NotAllowed):
        scoring.year_rules_save(cluster=world.cluster, year=world.period.year,
                                ranking_basis=Basis.POINTS, band_basis=Basis.POINTS, bands=[],
                                acting_user=world.leaders[1])


def test_a_finalised_period_never_moves():
    world = World(units=3)
    full(world, 1)
    full(world, 2, actual="50")
    scoring.targets_save(period=world.period, acting_user=world.secretary, values={
        (world.units[2].pk, world.c("1.2").pk): ("50", "")})
    mark = scoring.not_applicable_add(period=world.period, unit=world.units[1],
                                      criterion=world.c("2.3"), reason="Không giao",
                                      acting_user=world.secretary)
    scoring.year_rules_save(cluster=world.cluster, year=world.period.year,
                            ranking_basis=Basis.PERCENT, band_basis=Basis.POINTS,
                            bands=[("Xuất sắc", "100"), ("Tốt", "80")],
                            acting_user=world.secretary)
    world.phase(Phase.VERIFYING)
    services.period_finalise(period=world.period, acting_user=world.secretary)
    before = [(r.unit.pk, r.rank, r.final_total, r.maximum, r.band)
              for r in ranking(period=world.period)]
    assert [b[4] for b in before] == ["Xuất sắc", "Tốt"]  # 100 of 100; 85 of 85 on points
    assert sorted(UnitReport.objects.filter(period=world.period).values_list(
        "band", flat=True)) == ["Tốt", "Xuất sắc"]  # stored when finalised
    with pytest.raises(ValidationError, match="đã chốt"):
        scoring.targets_save(period=world.period, acting_user=world.secretary, values={
            (world.units[2].pk, world.c("1.2").pk): ("", "")})
    with pytest.raises(ValidationError, match="đã chốt"):
        scoring.not_applicable_add(period=world.period, unit=world.units[2],
                                   criterion=world.c("2.3"), reason="Muộn",
                                   acting_user=world.secretary)
    with pytest.raises(ValidationError, match="đã chốt"):
        scoring.not_applicable_remove(mark=NotApplicable.objects.get(pk=mark.pk),
                                      acting_user=world.secretary)
    # The year's rules change (the year-end period follows them); the finalised one does not.
    scoring.year_rules_save(cluster=world.cluster, year=world.period.year,
                            ranking_basis=Basis.POINTS, band_basis=Basis.POINTS,
                            bands=[("Khá", "50")], acting_user=world.secretary)
    period = ReportingPeriod.objects.get(pk=world.period.pk)
    after = [(r.unit.pk, r.rank, r.final_total, r.maximum, r.band)
             for r in ranking(period=period)]
    assert after == before
    assert period.ranking_basis == Basis.PERCENT


def test_the_documents_state_the_rule_the_bands_and_which_target_applied():
    """The score table's snapshot and document (reports.kinds.scores): band per ranked unit,
    the year's rule, each unit's own target, and in the detail which target applied and why a
    criterion did not apply."""
    import datetime

    from reports.kinds.common import Stamp, canonical_json
    from reports.kinds.scores import build_scores, sheets_scores, snapshot_scores

    world = World(units=3)
    full(world, 1, actual="50")
    full(world, 2)
    scoring.targets_save(period=world.period, acting_user=world.secretary, values={
        (world.units[1].pk, world.c("1.2").pk): ("50", "")})
    scoring.not_applicable_add(period=world.period, unit=world.units[2],
                               criterion=world.c("2.3"), reason="Không giao",
                               acting_user=world.secretary)
    scoring.year_rules_save(cluster=world.cluster, year=world.period.year,
                            ranking_basis=Basis.POINTS, band_basis=Basis.PERCENT,
                            bands=[("Xuất sắc", "95"), ("Tốt", "80")],
                            acting_user=world.secretary)
    snapshot = snapshot_scores(world.period, day=datetime.date(2023, 7, 1))
    canonical_json(snapshot)  # plain JSON, as issuing stores it
    scores = snapshot["scores"]
    assert [(r["unit"], r["final_total"], r["band"]) for r in scores["ranking"]] == [
        (world.units[1].name, "100", "Xuất sắc"), (world.units[2].name, "85", "Xuất sắc")]
    assert "Xuất sắc từ 95%; Tốt từ 80%" in scores["rule"]
    assert scores["targets"] == [f"1.2 — {world.units[1].name}: 50 (chỉ tiêu chung: 95)"]
    detail = {(d["unit"], d["code"]): d for d in scores["detail"]}
    assert detail[(world.units[1].name, "1.2")]["target"] == "50 (riêng của đơn vị)"
    assert detail[(world.units[2].name, "1.2")]["target"] == "95"
    assert detail[(world.units[2].name, "2.3")]["not_applicable"] == "Không giao"
    stamp = Stamp(number=None, date=None, code="ABC", verify_url="http://x/")
    text = repr(build_scores(snapshot, stamp))
    assert "Cách xếp hạng: Xếp hạng theo tổng điểm" in text and "Xếp loại" in text
    summary, detail_sheet = sheets_scores(snapshot, stamp)
    assert summary.rows[0][-1] == "Xuất sắc"
    assert detail_sheet.rows[0][-2:] in {("50 (riêng của đơn vị)", ""), ("", "")}
