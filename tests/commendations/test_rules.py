"""The rules of deliberation at their edges, through the services (open, cast, close): the
stored tally says who passed, why, and which rule from which source it applied."""

from decimal import Decimal

import pytest

from commendations import services
from commendations.models import AwardRule, Dossier, SessionStatus, TallyResult
from commendations.tally import ROUNDING_SOURCE
from tests.commendations.factories import cast, close, nominate_one, vote_setup, year_end_ranking

pytestmark = pytest.mark.django_db


def result(nomination) -> TallyResult:
    return TallyResult.objects.select_related("award_tally").get(nomination=nomination)


def _set_rule(setup, key, **fields):
    rule = AwardRule.objects.get(cluster=setup.cluster, year=setup.year,
                                 award=setup.awards[key])
    return services.award_rule_save(cluster=setup.cluster, year=setup.year, award=rule.award,
                                    rule=rule, acting_user=setup.secretary, **fields)


def _open(setup, present):
    services.session_transition(session=setup.session, to_status=SessionStatus.OPEN,
                                present_count=present, acting_user=setup.secretary)
    setup.reload()


def test_exactly_80_percent_of_all_members_passes_and_one_vote_under_does_not():
    setup = vote_setup(units=5, nominate=[("co_bo", 0, {}), ("co_bo", 1, {})])
    _open(setup, 5)
    cast(setup, 0, [True, True])
    cast(setup, 1, [True, True])
    cast(setup, 2, [True, True])
    cast(setup, 3, [True, False])
    cast(setup, 4, [False, True])  # 4 agree of 5 members on each
    close(setup)
    first, second = (result(n) for n in setup.nominations)
    assert (first.agree, first.disagree, first.passed) == (4, 1, True)
    assert first.percent == Decimal("80.00")
    assert "Đạt: 4/5 phiếu đồng ý (80%) trên tổng số thành viên" in first.reason
    assert second.passed is True

    under = vote_setup(units=5, nominate=[("co_bo", 0, {})])
    _open(under, 5)
    for index, agree in enumerate([True, True, True, False, False]):
        cast(under, index, agree)
    close(under)
    line = result(under.nominations[0])
    assert (line.agree, line.passed, line.meets_threshold) == (3, False, False)
    assert "Không đạt: 3/5 phiếu đồng ý (60%)" in line.reason
    assert "chưa đạt mức từ 80%" in line.reason
    assert not Dossier.objects.filter(nomination=under.nominations[0]).exists()


def test_the_base_is_all_members_so_a_missing_ballot_counts_against():
    """Default base: every member of the year. 4 agree of 5 ballots is 4/6 with six members."""
    setup = vote_setup(units=6, nominate=[("co_bo", 0, {})])
    _open(setup, 5)
    for index in range(4):
        cast(setup, index, True)
    cast(setup, 4, False)
    close(setup, present=5)
    line = result(setup.nominations[0])
    assert line.award_tally.base_count == 6 and line.agree == 4 and not line.passed
    assert "4/6 phiếu đồng ý (66,67%)" in line.reason


def test_90_percent_for_chien_si_thi_dua():
    setup = vote_setup(units=10, nominate=[("cstd", 0, {}), ("cstd", 1, {})])
    _open(setup, 10)
    for index in range(10):
        cast(setup, index, [True, index != 9 and index != 8])
    close(setup)
    nine, eight = (result(n) for n in setup.nominations)
    assert (nine.agree, nine.passed) == (10, True)
    assert (eight.agree, eight.passed) == (8, False)
    assert "chưa đạt mức từ 90%" in eight.reason
    # 2022: Nghị định 98/2023/NĐ-CP did not exist yet, so the 90% cites no text (issue #15)
    assert "Tỷ lệ đồng ý: từ 90% trên tổng số thành viên\n" in nine.award_tally.applied_rules
    assert "98/2023" not in nine.award_tally.applied_rules
    assert "chưa ghi nguồn văn bản" in nine.award_tally.secretariat_notes


def test_absent_members_voting_in_writing_take_part_in_quorum_and_base():
    setup = vote_setup(units=5, nominate=[("co_bo", 0, {})])
    _set_rule(setup, "co_bo", base=AwardRule.Base.PRESENT, quorum_percent=Decimal(80),
              quorum_source="Quy chế của cụm (thử)")
    _open(setup, 3)
    for index in range(3):
        cast(setup, index, True)
    cast(setup, 3, True, kind="van_ban")
    cast(setup, 4, False, kind="van_ban")
    session = close(setup, present=3)
    assert (session.members_count, session.present_count, session.written_count,
            session.ballots_count) == (5, 3, 2, 5)
    line = result(setup.nominations[0])
    tally_row = line.award_tally
    assert tally_row.quorum_met and tally_row.base_count == 5
    assert "tham dự 5/5 thành viên (100%: 3 có mặt, 2 bỏ phiếu bằng văn bản)" in \
        tally_row.quorum_explanation
    assert "Quy chế của cụm (thử)" in tally_row.quorum_explanation
    assert line.agree == 4 and line.passed


def test_quorum_not_met_means_no_total_and_nobody_passes():
    """Issue #10: fewer ballots than the year's quorum disclose no total at all (before, the
    tally lines were stored, each saying the quorum was not met, with the votes)."""
    setup = vote_setup(units=5, nominate=[("co_bo", 0, {})])
    _set_rule(setup, "co_bo", quorum_percent=Decimal(80))
    _open(setup, 3)
    for index in range(3):
        cast(setup, index, True)
    close(setup, present=3)
    session = setup.reload()
    assert session.totals_withheld and (session.ballots_count, session.required_ballots) == (
        3, 4)
    assert not TallyResult.objects.filter(nomination=setup.nominations[0]).exists()
    assert not Dossier.objects.filter(nomination__session=session).exists()


def test_quota_cuts_the_government_flag_at_20_percent_of_the_leaders():
    setup = vote_setup(units=6, nominate=[("co_cp", 0, {}), ("co_cp", 1, {}), ("co_cp", 2, {})])
    _open(setup, 6)
    for index in range(6):
        cast(setup, index, [True, index != 5, True])  # 6, 5, 6 agree
    close(setup, leaders=9)  # 9 × 20% = 1,8 → 1
    a, b, c = (result(n) for n in setup.nominations)
    assert a.award_tally.quota_cap == 1
    assert ("Chỉ tiêu: không quá 20% số đơn vị được suy tôn dẫn đầu (9 × 20% = 1,8, làm tròn "
            "xuống: 1)\n" in a.award_tally.applied_rules)
    assert ROUNDING_SOURCE[1:] in a.award_tally.secretariat_notes
    # a and c are equal (6 votes, no woman rule applies, no score): tied at the cut.
    assert a.tied_at_cut and c.tied_at_cut and not a.passed and not c.passed
    assert not b.passed and "ngoài chỉ tiêu 1" in b.reason
    assert "Hội nghị xem xét, quyết định" in a.award_tally.ties_explanation
    assert not Dossier.objects.filter(nomination__session=setup.session).exists()


def test_quota_needs_the_number_of_leaders_to_close():
    setup = vote_setup(units=3, nominate=[("co_cp", 0, {})], open_with_present=3)
    for index in range(3):
        cast(setup, index, True)
    with pytest.raises(services.CommendationError, match="số đơn vị được suy tôn dẫn đầu"):
        close(setup)
    assert setup.reload().status == SessionStatus.OPEN
    close(setup, leaders=5)
    assert result(setup.nominations[0]).passed


def test_ties_women_first_then_the_years_score():
    setup = vote_setup(units=6, nominate=[
        ("co_cp", 0, {"women_share_percent": Decimal(50)}),
        ("co_cp", 1, {"women_share_percent": Decimal(72)}),
        ("co_cp", 2, {}), ("co_cp", 3, {}),
    ])
    year_end_ranking(setup, {0: False, 2: False, 3: True})
    _open(setup, 6)
    for index in range(6):
        cast(setup, index, True)
    close(setup, leaders=10)  # cap 2
    first, second, third, fourth = (result(n) for n in setup.nominations)
    # The collective with at least 70% women goes first; then the better score of the year.
    assert second.position == 1 and second.passed
    assert fourth.position == 2 and fourth.passed and fourth.rank == 1
    assert fourth.score == Decimal(5) and third.score == Decimal(0)
    assert not first.passed and not third.passed
    # 2022: Nghị định 152/2025/NĐ-CP is not cited as the preference's basis
    assert "ưu tiên nữ, tập thể có từ 70% nữ; " in second.award_tally.applied_rules
    assert "152/2025" not in second.award_tally.applied_rules


def test_individual_women_first():
    setup = vote_setup(units=4, nominate=[("cstd", 0, {"person_gender": "nam"}),
                                          ("cstd", 1, {"person_gender": "nu"})])
    _set_rule(setup, "cstd", quota_percent=Decimal(25), quota_of=AwardRule.QuotaOf.MEMBERS,
              tie_break=AwardRule.TieBreak.WOMEN_FIRST)
    _open(setup, 4)
    for index in range(4):
        cast(setup, index, True)
    close(setup)
    man, woman = (result(n) for n in setup.nominations)
    assert woman.passed and not man.passed and man.meets_threshold


def test_rules_come_from_defaults_or_the_previous_year_and_say_where_from():
    setup = vote_setup(units=3, nominate=[])
    rules = {r.award.code: r for r in AwardRule.objects.filter(cluster=setup.cluster,
                                                                year=2022)}
    assert rules["t_co_cp"].threshold_percent == 80 and rules["t_cstd"].threshold_percent == 90
    assert rules["t_co_cp"].quota_percent == 20 and rules["t_co_cp"].quota_of == "leaders"
    # the rules of 2022 cite no text issued later (Công văn 5007 of 2023, Nghị định 98/2023)
    assert rules["t_co_cp"].quota_source == "" and rules["t_co_bo"].threshold_source == ""
    _set_rule(setup, "co_bo", threshold_percent=Decimal(75), threshold_source="Quy chế cụm")
    copied = services.award_rules_create_for_year(cluster=setup.cluster, year=2023,
                                                  copy_from_year=2022, acting_user=None)
    year_2022 = AwardRule.objects.filter(cluster=setup.cluster, year=2022)  # with the shipped
    assert {r.award_id for r in copied} == set(year_2022.values_list("award_id", flat=True))
    assert {r.award.code for r in copied} >= {"t_co_cp", "t_co_bo", "t_cstd"}
    co_bo = AwardRule.objects.get(cluster=setup.cluster, year=2023, award__code="t_co_bo")
    assert (co_bo.threshold_percent, co_bo.threshold_source) == (75, "Quy chế cụm")
    with pytest.raises(services.CommendationError, match="không có quy tắc mới"):
        services.award_rules_create_for_year(cluster=setup.cluster, year=2023,
                                             acting_user=None)
    with pytest.raises(services.CommendationError, match="Năm 2020 chưa có quy tắc"):
        services.award_rules_create_for_year(cluster=setup.cluster, year=2024,
                                             copy_from_year=2020, acting_user=None)


def test_invalid_rules_are_refused_in_vietnamese():
    setup = vote_setup(units=3, nominate=[])
    with pytest.raises(services.CommendationError, match="0–100%"):
        _set_rule(setup, "co_bo", threshold_percent=Decimal(120))
    rule = AwardRule.objects.get(cluster=setup.cluster, year=2022, award__code="t_co_bo")
    assert rule.threshold_percent == 80


def test_rules_freeze_once_voting_opens():
    setup = vote_setup(units=3, nominate=[("co_bo", 0, {})], open_with_present=3)
    with pytest.raises(services.CommendationError, match="quy tắc bình xét của năm không sửa"):
        _set_rule(setup, "co_bo", threshold_percent=Decimal(50))
    with pytest.raises(services.CommendationError, match="không sửa được"):
        services.award_rules_create_for_year(cluster=setup.cluster, year=2022,
                                             acting_user=None)


def test_opening_needs_nominations_and_a_rule_for_every_award():
    setup = vote_setup(units=3, nominate=[])
    with pytest.raises(services.CommendationError, match="chưa có đề nghị nào"):
        _open(setup, 3)
    nominate_one(setup, "co_bo", 0)
    AwardRule.objects.filter(cluster=setup.cluster, award=setup.awards["co_bo"]).delete()
    with pytest.raises(services.CommendationError, match="Chưa có quy tắc bình xét năm 2022"):
        _open(setup, 3)
    assert setup.reload().status == SessionStatus.DRAFT
