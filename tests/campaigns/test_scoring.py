"""Tests for campaigns.scoring (pure Python, no database)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaigns.scoring import (
    BonusPenaltyRule,
    CriterionNode,
    PerOccurrenceRule,
    QualitativeRule,
    QuantitativeRule,
    ScoringInputError,
    ScoringRuleError,
    detect_cycle,
    parse_code,
    quantitative_points_for_cluster,
    quantize,
    tree_points,
    validate_tree,
)

# max 10, target 100 (the default bonus shares, leader +20 %, over-target up to +10 %, are
# capped away: no criterion gives more than its maximum, issue #13)
RULE = QuantitativeRule(max_points=D("10"), target=D("100"))


# --- quantitative ---------------------------------------------------------------------------

def test_quantitative_actual_zero_scores_zero():
    assert RULE.points(D("0"), [D("150")]) == D("0.00")


def test_quantitative_just_under_target_is_proportional():
    assert RULE.points(D("99.99"), [D("150")]) == D("10.00")  # 9.999 rounds half up
    assert RULE.points(D("99.9"), [D("150")]) == D("9.99")
    assert RULE.points(D("50"), [D("150")]) == D("5.00")


def test_quantitative_exactly_target_scores_max():
    assert RULE.points(D("100"), [D("150")]) == D("10.00")


def test_quantitative_exactly_target_is_not_leader_even_if_highest():
    assert quantitative_points_for_cluster(RULE, {"a": D("100"), "b": D("80")}) == {
        "a": D("10.00"), "b": D("8.00")}


def test_quantitative_over_target_not_leader_gives_the_maximum():
    # 10 * (1 + 0.1 * (125 - 100) / (150 - 100)) = 10.5, capped at the maximum
    assert RULE.points(D("125"), [D("150")]) == D("10.00")
    assert RULE.points(D("149.99"), [D("150")]) == D("10.00")


def test_quantitative_leader_gives_no_more_than_the_maximum():
    assert RULE.points(D("150"), [D("125"), D("90")]) == D("10.00")  # was 12 of 10


def test_quantitative_own_actual_may_appear_in_cluster_list():
    assert RULE.points(D("150"), [D("150"), D("125")]) == D("10.00")


def test_quantitative_tie_for_leader():
    scores = quantitative_points_for_cluster(
        RULE, {"a": D("150"), "b": D("150"), "c": D("125"), "d": D("40")})
    assert scores == {"a": D("10.00"), "b": D("10.00"), "c": D("10.00"), "d": D("4.00")}


def test_quantitative_single_unit_cluster_is_not_lifted_over_the_maximum():
    """One report over target is its own leader: it scored 12 of 10 (issue #13)."""
    assert quantitative_points_for_cluster(RULE, {"only": D("100")}) == {"only": D("10.00")}
    assert quantitative_points_for_cluster(RULE, {"only": D("101")}) == {"only": D("10.00")}
    assert RULE.points(D("101")) == D("10.00")  # no cluster context = one-unit cluster
    assert RULE.points(D("101"), []) == D("10.00")
    generous = QuantitativeRule(max_points=D("10"), target=D("100"),
                                leader_bonus_share=D("1"), over_target_bonus_share=D("1"))
    assert generous.points(D("500")) == D("10.00")
    assert quantitative_points_for_cluster(RULE, {}) == {}


def test_quantitative_cluster_function_matches_points():
    actuals = {1: D("30"), 2: D("100"), 3: D("130"), 4: D("170")}
    scores = quantitative_points_for_cluster(RULE, actuals)
    for key, actual in actuals.items():
        assert scores[key] == RULE.points(actual, actuals.values())


def test_quantitative_rounding_half_up():
    rule = QuantitativeRule(max_points=D("1"), target=D("8"))
    assert rule.points(D("0.02"), [D("8")]) == D("0.00")  # 0.0025
    assert rule.points(D("0.04"), [D("8")]) == D("0.01")  # 0.005 -> up
    assert RULE.points(D("33.335"), [D("150")]) == D("3.33")  # 3.3335
    assert RULE.points(D("33.35"), [D("150")]) == D("3.34")  # 3.335 -> up


@pytest.mark.parametrize("bad", [D("-1"), -1, "abc", 1.5, None, True, D("NaN")])
def test_quantitative_refuses_bad_actual(bad):
    with pytest.raises(ScoringInputError, match="Kết quả thực hiện"):
        RULE.points(bad, [D("10")])


def test_quantitative_refuses_bad_cluster_actual_naming_unit():
    with pytest.raises(ScoringInputError, match=r"Đơn vị b: Kết quả thực hiện không được âm"):
        quantitative_points_for_cluster(RULE, {"a": D("1"), "b": D("-2")})
    with pytest.raises(ScoringInputError, match="đơn vị trong cụm"):
        RULE.points(D("1"), [D("-2")])


def test_quantitative_accepts_int_and_str():
    assert RULE.points(50, ["150"]) == RULE.points("50", [150]) == D("5.00")


@pytest.mark.parametrize("kwargs", [
    {"target": D("0")},
    {"target": D("-5")},
    {"target": D("100"), "over_target_bonus_share": D("0.3")},
    {"target": D("100"), "over_target_bonus_share": D("-0.1")},
    {"target": 100.0},
])
def test_quantitative_rule_parameters_checked(kwargs):
    with pytest.raises(ScoringRuleError):
        QuantitativeRule(max_points=D("10"), **kwargs)


def test_rules_are_frozen_and_coerced():
    rule = QuantitativeRule(max_points=10, target="100")
    assert rule == RULE and isinstance(rule.max_points, D)
    with pytest.raises(AttributeError):
        rule.target = D("1")  # type: ignore[misc]


decimals = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False,
                       allow_infinity=False)


@given(
    max_points=st.decimals(min_value=0, max_value=100, places=2),
    target=st.decimals(min_value=D("0.01"), max_value=5_000, places=2),
    leader_share=st.decimals(min_value=0, max_value=1, places=2),
    ratio=st.decimals(min_value=0, max_value=1, places=2),
    others=st.lists(decimals, max_size=6),
    a=decimals,
    b=decimals,
)
def test_quantitative_monotone_and_bounded(max_points, target, leader_share, ratio, others, a, b):
    rule = QuantitativeRule(max_points=max_points, target=target,
                            leader_bonus_share=leader_share,
                            over_target_bonus_share=quantize(leader_share * ratio))
    low, high = sorted([a, b])
    p_low, p_high = rule.points(low, others), rule.points(high, others)
    assert D(0) <= p_low <= p_high
    assert p_high <= max_points  # never more than the criterion's maximum


# --- qualitative, per occurrence, bonus/penalty --------------------------------------------

def test_qualitative():
    rule = QualitativeRule(max_points=D("2.5"))
    assert rule.points(True) == D("2.50")
    assert rule.points(False) == D("0.00")
    with pytest.raises(ScoringInputError, match="Đạt .* Không đạt"):
        rule.points(1)


def test_per_occurrence_below_at_and_over_cap():
    rule = PerOccurrenceRule(max_points=D("5"), points_each=D("0.5"), cap=D("2"))
    assert rule.points(0) == D("0.00")
    assert rule.points(3) == D("1.50")
    assert rule.points(4) == D("2.00")  # cap reached exactly
    assert rule.points(9) == D("2.00")  # cap exceeded
    assert rule.points(D("3")) == D("1.50")  # integral Decimal accepted


def test_per_occurrence_cap_defaults_to_max_and_may_not_exceed_it():
    assert PerOccurrenceRule(max_points=D("3"), points_each=D("1")).points(7) == D("3.00")
    with pytest.raises(ScoringRuleError, match="không được vượt quá điểm tối đa"):
        PerOccurrenceRule(max_points=D("3"), points_each=D("1"), cap=D("4"))


@pytest.mark.parametrize("rule", [
    PerOccurrenceRule(max_points=D("5"), points_each=D("1")),
    BonusPenaltyRule(points_each=D("-1"), lower_bound=D("-5"), upper_bound=D("0")),
])
@pytest.mark.parametrize("bad, message", [
    (-1, "Số lần không được âm"),
    (D("-2"), "Số lần không được âm"),
    (1.5, "Số lần phải là số nguyên không âm"),
    (2.0, "Số lần phải là số nguyên không âm"),
    (D("2.5"), "Số lần phải là số nguyên không âm"),
    ("3", "Số lần phải là số nguyên không âm"),
    (True, "Số lần phải là số nguyên không âm"),
])
def test_counts_must_be_non_negative_integers(rule, bad, message):
    with pytest.raises(ScoringInputError, match=message):
        rule.points(bad)


def test_bonus_hits_upper_bound():
    rule = BonusPenaltyRule(points_each=D("0.25"), lower_bound=D("0"), upper_bound=D("1"))
    assert rule.points(3) == D("0.75")
    assert rule.points(4) == D("1.00")
    assert rule.points(10) == D("1.00")


def test_penalty_hits_both_bounds():
    rule = BonusPenaltyRule(points_each=D("-1.5"), lower_bound=D("-4"), upper_bound=D("-1"))
    assert rule.points(2) == D("-3.00")
    assert rule.points(3) == D("-4.00")  # lower bound hit
    assert rule.points(0) == D("-1.00")  # upper bound hit (minimum penalty)


def test_bonus_penalty_bounds_order_checked():
    with pytest.raises(ScoringRuleError, match="Cận dưới"):
        BonusPenaltyRule(points_each=D("1"), lower_bound=D("2"), upper_bound=D("1"))


# --- tree -----------------------------------------------------------------------------------

def make_tree() -> CriterionNode:
    return CriterionNode("I", "Công tác chuyên môn", D("20"), children=[
        CriterionNode("1", "Kết quả thực hiện nhiệm vụ", D("15"), children=[
            CriterionNode("1.1", "Thu ngân sách", D("10"),
                          rule=QuantitativeRule(D("10"), D("100"))),
            CriterionNode("1.2", "Báo cáo đúng hạn", D("5"), children=[
                CriterionNode("1.2.1", "Báo cáo quý", D("3"),
                              rule=PerOccurrenceRule(D("3"), D("0.75"))),
                CriterionNode("1.2.2", "Báo cáo năm", D("2"), rule=QualitativeRule(D("2"))),
            ]),
        ]),
        CriterionNode("2", "Xây dựng tổ chức", D("5"), rule=QualitativeRule(D("5"))),
        CriterionNode("3", "Điểm trừ", None,
                      rule=BonusPenaltyRule(D("-0.5"), D("-2"), D("0"))),
    ])


def test_tree_points_depth_three():
    scores = tree_points(
        make_tree(),
        {"1.1": D("125"), "1.2.1": 3, "1.2.2": True, "2": False, "3": 1},
        cluster_actuals={"1.1": [D("150"), D("80")]},
    )
    assert scores == {
        "1.1": D("10.00"), "1.2.1": D("2.25"), "1.2.2": D("2.00"), "1.2": D("4.25"),
        "1": D("14.25"), "2": D("0.00"), "3": D("-0.50"), "I": D("13.75"),
    }


def test_tree_points_parent_not_capped_and_missing_inputs_are_zero():
    scores = tree_points(make_tree(), {"1.1": D("200"), "1.2.1": 9, "1.2.2": True, "2": True})
    assert scores["1.1"] == D("10.00")  # sole unit over target: its maximum, not 12
    assert scores["1"] == D("15.00")
    assert scores["I"] == D("20.00")
    wide = CriterionNode("I", "Cây sai", D("5"), children=[
        CriterionNode("1", "Một", D("5"), rule=QualitativeRule(D("5"))),
        CriterionNode("2", "Hai", D("5"), rule=QualitativeRule(D("5")))])
    assert tree_points(wide, {"1": True, "2": True})["I"] == D("10.00")  # reported elsewhere
    assert tree_points(make_tree(), {})["I"] == D("0.00")


def test_tree_points_errors_name_the_criterion():
    with pytest.raises(ScoringInputError, match="Tiêu chí 1.2.1: Số lần không được âm"):
        tree_points(make_tree(), {"1.2.1": -1})
    with pytest.raises(ScoringInputError, match="không có trong cây.*1.2, 9.9"):
        tree_points(make_tree(), {"9.9": 1, "1.2": 1})
    with pytest.raises(ScoringRuleError, match="chưa có cách tính điểm"):
        tree_points(CriterionNode("I", "Trống"), {})


def test_validate_tree_consistent_tree_has_no_problems():
    assert validate_tree(make_tree()) == []


def test_validate_tree_reports_problems_in_vietnamese():
    rule = QualitativeRule(D("4"))
    root = CriterionNode("I", "Gốc", D("20"), children=[
        CriterionNode("1", "Nhánh", D("10"), rule=rule, children=[
            CriterionNode("1.1", "Lá", D("4"), rule=rule),
        ]),
        CriterionNode("1.1", "Lá trùng", D("4"), rule=rule),
        CriterionNode("2", "Lá thiếu cách tính", D("3")),
        CriterionNode("3", "Lệch điểm", D("5"), rule=QualitativeRule(D("6"))),
        CriterionNode("A.1", "Mã sai", None, rule=BonusPenaltyRule(D("1"), D("0"), D("1"))),
    ])
    problems = validate_tree(root)
    assert "Mã tiêu chí 1.1 bị trùng lặp (2 lần)." in problems
    assert "Tiêu chí 1 (Nhánh) vừa có tiêu chí con vừa có cách tính điểm." in problems
    assert ("Tiêu chí 2 (Lá thiếu cách tính) là tiêu chí lá nhưng chưa có cách tính điểm."
            in problems)
    assert ("Tiêu chí I (Gốc): tổng điểm tối đa của các tiêu chí con là 22, khác điểm tối đa "
            "của tiêu chí (20).") in problems
    assert ("Tiêu chí 1 (Nhánh): tổng điểm tối đa của các tiêu chí con là 4, khác điểm tối đa "
            "của tiêu chí (10).") in problems
    assert ("Tiêu chí 3 (Lệch điểm) có điểm tối đa 5 khác điểm tối đa 6 của cách tính điểm."
            in problems)
    assert any("'A.1' không đúng định dạng" in p for p in problems)
    assert "Tiêu chí 1 (Nhánh) có điểm tối đa 10 khác điểm tối đa 4 của cách tính điểm." in problems
    assert len(problems) == 8


# --- cycles and codes -----------------------------------------------------------------------

def test_detect_cycle_none_for_a_forest():
    assert detect_cycle({"I": None, "1": "I", "1.1": "1", "1.2": "1", "II": None}) is None
    assert detect_cycle({"1.1": "1"}) is None  # parent outside the data
    assert detect_cycle({}) is None


def test_detect_cycle_returns_closed_path():
    assert detect_cycle({"a": "b", "b": "c", "c": "a"}) == ["a", "b", "c", "a"]
    assert detect_cycle({"I": None, "x": "1", "1": "2", "2": "3", "3": "1"}) == [
        "1", "2", "3", "1"]


def test_detect_cycle_self_parent():
    assert detect_cycle({"I": None, "1": "1"}) == ["1", "1"]


def test_parse_code_orders_naturally():
    codes = ["1.10", "IV", "1.2", "II", "1", "1.2.3", "III", "I", "2", "IX", "1.9", "V"]
    assert sorted(codes, key=parse_code) == [
        "I", "II", "III", "IV", "V", "IX", "1", "1.2", "1.2.3", "1.9", "1.10", "2"]
    assert parse_code("IV") == (0, 4)
    assert parse_code("II.3") == (0, 2, 3)
    assert parse_code("1.10") == (1, 1, 10)
    assert parse_code(" xiv ") == parse_code("XIV") == (0, 14)
    assert parse_code("1.2.") == parse_code("1.2")


@pytest.mark.parametrize("bad", ["", "IIII", "VX", "A", "1..2", "1.a", "I.V", "1,2", "١"])
def test_parse_code_rejects_malformed(bad):
    with pytest.raises(ScoringInputError, match="không đúng định dạng"):
        parse_code(bad)


def test_negative_rule_parameters_refused():
    with pytest.raises(ScoringRuleError, match="Điểm tối đa không được âm"):
        QualitativeRule(D("-1"))
    with pytest.raises(ScoringRuleError, match="Điểm mỗi lần không được âm"):
        PerOccurrenceRule(D("3"), D("-1"))
    with pytest.raises(ScoringRuleError, match="Tỷ lệ thưởng dẫn đầu cụm không được âm"):
        QuantitativeRule(D("3"), D("1"), leader_bonus_share=D("-0.1"))


def test_tree_points_refuses_duplicate_codes_and_mixed_nodes():
    leaf = CriterionNode("1", "Lá", D("1"), rule=QualitativeRule(D("1")))
    with pytest.raises(ScoringRuleError, match="Mã tiêu chí 1 bị trùng lặp"):
        tree_points(CriterionNode("I", "Gốc", children=[leaf, leaf]), {})
    mixed = CriterionNode("I", "Gốc", children=[leaf], rule=QualitativeRule(D("1")))
    with pytest.raises(ScoringRuleError, match="vừa có tiêu chí con vừa có cách tính điểm"):
        tree_points(mixed, {})


# A cluster that rewards leading: the leader's share is taken out of the maximum, not added.
LEADING = QuantitativeRule(max_points=D("12"), target=D("100"),
                           leader_bonus_share=D("0.2"), over_target_bonus_share=D("0.1"))


def test_rewarding_leading_keeps_the_leader_at_the_maximum():
    assert LEADING.points(D("100"), [D("150")]) == D("10.00")  # 12 / 1.2 for the target
    assert LEADING.points(D("150"), [D("125")]) == D("12.00")  # the leader: the maximum
    # over target, not leading: 10 * (1 + 0.1 * 25 / 50)
    assert LEADING.points(D("125"), [D("150")]) == D("10.50")
    assert LEADING.points(D("50"), [D("150")]) == D("5.00")  # half the target's points


def test_a_lone_report_over_target_gets_the_maximum_not_more():
    assert quantitative_points_for_cluster(LEADING, {"only": D("101")}) == {"only": D("12.00")}


@pytest.mark.parametrize("actual", ["0", "99.99", "100", "100.01", "149.99", "150", "900"])
def test_no_quantitative_score_passes_the_maximum(actual):
    cluster = [D("150"), D("120"), D(actual)]
    assert LEADING.points(D(actual), cluster) <= LEADING.max_points
    assert RULE.points(D(actual), cluster) <= RULE.max_points
