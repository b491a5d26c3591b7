"""Chấm điểm thi đua theo cây tiêu chí — pure-Python (no Django) scoring of cluster scoresheets.

A cluster-year has a tree of criteria (codes ``I``, ``1.1``, ``1.2.3`` …) whose leaves carry one
of four rules; a parent's points are the plain sum of its children's (never capped:
:func:`validate_tree` reports inconsistent maxima instead). Arithmetic uses Decimal and every
returned score is quantized to 2 decimals, ROUND_HALF_UP. User-facing messages are Vietnamese.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeVar

__all__ = ["ScoringInputError", "ScoringRuleError", "QuantitativeRule", "QualitativeRule",
           "PerOccurrenceRule", "BonusPenaltyRule", "LeafRule", "CriterionNode", "quantize",
           "quantitative_points_for_cluster", "tree_points", "validate_tree", "detect_cycle",
           "parse_code"]

K = TypeVar("K", bound=Hashable)
CENT = Decimal("0.01")


class ScoringInputError(ValueError):
    """Dữ liệu đơn vị nhập không hợp lệ (invalid value entered by a member unit)."""


class ScoringRuleError(ValueError):
    """Tham số cách tính điểm hoặc cấu trúc cây tiêu chí không hợp lệ (invalid configuration)."""


def quantize(value: Decimal) -> Decimal:
    """Round to 2 decimals, ROUND_HALF_UP (``Decimal("2.345")`` → ``Decimal("2.35")``)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _to_decimal(value: object, label: str, error: type[ValueError] = ScoringInputError) -> Decimal:
    """Coerce ``Decimal``/``int``/numeric ``str`` to a finite Decimal; refuse float and bool."""
    if isinstance(value, bool) or isinstance(value, float):
        raise error(f"{label} phải là số Decimal, số nguyên hoặc chuỗi số "
                    f"(không nhận kiểu {type(value).__name__}), nhận được {value!r}.")
    try:
        result = value if isinstance(value, Decimal) else Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        raise error(f"{label} phải là một số, nhận được {value!r}.") from None
    if not result.is_finite():
        raise error(f"{label} phải là một số hữu hạn, nhận được {value!r}.")
    return result


def _non_negative(value: object, label: str) -> Decimal:
    result = _to_decimal(value, label)
    if result < 0:
        raise ScoringInputError(f"{label} không được âm, nhận được {value!r}.")
    return result


def _count(value: object) -> int:
    """Validate an occurrence count: a non-negative integer (an integral Decimal is accepted)."""
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScoringInputError(f"Số lần phải là số nguyên không âm, nhận được {value!r}.")
    if value < 0:
        raise ScoringInputError(f"Số lần không được âm, nhận được {value!r}.")
    return value


def _coerce_fields(obj: object, signed: bool = False, **labels: str) -> None:
    """Turn the named parameters of a frozen dataclass into Decimals (non-negative unless
    ``signed``), raising :class:`ScoringRuleError`."""
    for name, label in labels.items():
        value = _to_decimal(getattr(obj, name), label, ScoringRuleError)
        if value < 0 and not signed:
            raise ScoringRuleError(f"{label} không được âm, nhận được {value}.")
        object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class QuantitativeRule:
    """Tiêu chí định lượng — scored against a target, the cluster leader at the maximum.

    With ``M = max_points``, ``T = target``, ``a`` = the unit's actual result, ``A`` = the highest
    actual in the cluster for this criterion (the leader), ``L = leader_bonus_share`` and
    ``B = over_target_bonus_share`` (``0 <= B <= L``), and ``S = M / (1 + L)`` the points for
    meeting the target exactly:

    * under target (``a < T``): ``S * a / T``
    * on target (``a == T``): ``S``
    * over target and leader (``a > T`` and ``a == A``; ties all lead): ``M``
    * over target, not leader (``T < a < A``): ``S * (1 + B * (a - T) / (A - T))``

    **No criterion gives more than its maximum** (issue #13: a lone report over target, its
    own leader, scored 12 of 10 when the bonus was added on top of ``M``): the leader's share
    is taken out of ``M``, not added to it. With both shares 0 (the default) meeting the target
    gives ``M`` and nobody gets more; a cluster that rewards leading sets ``L`` (e.g. 0,2: the
    target gives ``M / 1,2``, the leader ``M``). The non-leader branch interpolates from ``S``
    (at the target) towards ``S * (1 + B)`` (just below the leader), never above ``M``, so the
    score is continuous at the target and non-decreasing in ``a``. These formulas are our
    design: the official text only names the cases.
    """

    max_points: Decimal
    target: Decimal
    leader_bonus_share: Decimal = Decimal("0")
    over_target_bonus_share: Decimal = Decimal("0")

    def __post_init__(self) -> None:
        _coerce_fields(self, max_points="Điểm tối đa", target="Chỉ tiêu",
                       leader_bonus_share="Tỷ lệ thưởng dẫn đầu cụm",
                       over_target_bonus_share="Tỷ lệ thưởng vượt chỉ tiêu")
        if self.target <= 0:
            raise ScoringRuleError(f"Chỉ tiêu phải lớn hơn 0, nhận được {self.target}.")
        if self.over_target_bonus_share > self.leader_bonus_share:
            raise ScoringRuleError("Tỷ lệ thưởng vượt chỉ tiêu không được lớn hơn "
                                   "tỷ lệ thưởng dẫn đầu cụm.")

    def validate_input(self, actual: object, cluster_actuals: Iterable[object] = ()) -> Decimal:
        """Check the unit's actual (and the cluster's actuals); return the actual as Decimal."""
        for other in cluster_actuals:
            _non_negative(other, "Kết quả thực hiện của đơn vị trong cụm")
        return _non_negative(actual, "Kết quả thực hiện")

    def points(self, actual: object, cluster_actuals: Iterable[object] = ()) -> Decimal:
        """Score one unit. ``cluster_actuals`` are the actuals of the cluster's units (the
        unit's own actual is always taken into account, so it may or may not be included);
        leaving it empty means a one-unit cluster. Prefer
        :func:`quantitative_points_for_cluster` to score a whole cluster at once."""
        others = [_non_negative(o, "Kết quả thực hiện của đơn vị trong cụm")
                  for o in cluster_actuals]
        own = self.validate_input(actual)
        return quantize(self._raw_points(own, max([own, *others])))

    def _raw_points(self, actual: Decimal, leader: Decimal) -> Decimal:
        m, t = self.max_points, self.target
        standard = m / (1 + self.leader_bonus_share)
        if actual < t:
            return standard * actual / t
        if actual == t:
            return standard
        if actual >= leader:
            return m
        return min(standard * (1 + self.over_target_bonus_share * (actual - t) / (leader - t)),
                   m)


@dataclass(frozen=True)
class QualitativeRule:
    """Tiêu chí định tính: Đạt → ``max_points``, Không đạt → 0."""

    max_points: Decimal

    def __post_init__(self) -> None:
        _coerce_fields(self, max_points="Điểm tối đa")

    def validate_input(self, achieved: object) -> bool:
        """The input must be a real ``bool`` (``True`` = Đạt)."""
        if not isinstance(achieved, bool):
            raise ScoringInputError("Kết quả tiêu chí định tính phải là Đạt (True) hoặc "
                                    f"Không đạt (False), nhận được {achieved!r}.")
        return achieved

    def points(self, achieved: object) -> Decimal:
        """``max_points`` if achieved, else 0."""
        return quantize(self.max_points if self.validate_input(achieved) else Decimal(0))


@dataclass(frozen=True)
class PerOccurrenceRule:
    """Tiêu chí tính theo lần: ``min(count * points_each, cap)``; ``cap`` defaults to
    ``max_points`` and may not exceed it."""

    max_points: Decimal
    points_each: Decimal
    cap: Decimal | None = None

    def __post_init__(self) -> None:
        if self.cap is None:
            object.__setattr__(self, "cap", self.max_points)
        _coerce_fields(self, max_points="Điểm tối đa", points_each="Điểm mỗi lần",
                       cap="Mức điểm trần")
        assert self.cap is not None
        if self.cap > self.max_points:
            raise ScoringRuleError(f"Mức điểm trần ({self.cap}) không được vượt quá điểm tối đa "
                                   f"({self.max_points}).")

    def validate_input(self, count: object) -> int:
        """The count must be a non-negative integer."""
        return _count(count)

    def points(self, count: object) -> Decimal:
        """``min(count * points_each, cap)``."""
        assert self.cap is not None
        return quantize(min(self.validate_input(count) * self.points_each, self.cap))


@dataclass(frozen=True)
class BonusPenaltyRule:
    """Điểm thưởng / điểm trừ: ``clamp(count * points_each, lower_bound, upper_bound)``;
    ``points_each`` is positive for a bonus, negative for a penalty."""

    points_each: Decimal
    lower_bound: Decimal
    upper_bound: Decimal

    def __post_init__(self) -> None:
        _coerce_fields(self, signed=True, points_each="Điểm mỗi lần", lower_bound="Cận dưới",
                       upper_bound="Cận trên")
        if self.lower_bound > self.upper_bound:
            raise ScoringRuleError(f"Cận dưới ({self.lower_bound}) không được lớn hơn cận trên "
                                   f"({self.upper_bound}).")

    def validate_input(self, count: object) -> int:
        """The count must be a non-negative integer."""
        return _count(count)

    def points(self, count: object) -> Decimal:
        """``count * points_each`` clamped into ``[lower_bound, upper_bound]``."""
        raw = self.validate_input(count) * self.points_each
        return quantize(min(max(raw, self.lower_bound), self.upper_bound))


LeafRule = QuantitativeRule | QualitativeRule | PerOccurrenceRule | BonusPenaltyRule
_EMPTY_INPUT: dict[type, object] = {QuantitativeRule: Decimal(0), QualitativeRule: False,
                                    PerOccurrenceRule: 0, BonusPenaltyRule: 0}


@dataclass(frozen=True)
class CriterionNode:
    """One criterion of the tree: a parent (``children``) or a leaf (``rule``), never both."""

    code: str
    name: str
    max_points: Decimal | None = None
    children: tuple[CriterionNode, ...] = field(default_factory=tuple)
    rule: LeafRule | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "children", tuple(self.children))
        if self.max_points is not None:
            _coerce_fields(self, max_points=f"Điểm tối đa của tiêu chí {self.code}")

    def walk(self) -> Iterable[CriterionNode]:
        """Yield this node and all descendants, depth-first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


def quantitative_points_for_cluster(criterion: QuantitativeRule,
                                    actuals: Mapping[K, object]) -> dict[K, Decimal]:
    """Score every unit of a cluster on one quantitative criterion (leader found among them)."""
    clean: dict[K, Decimal] = {}
    for key, actual in actuals.items():
        try:
            clean[key] = criterion.validate_input(actual)
        except ScoringInputError as exc:
            raise ScoringInputError(f"Đơn vị {key}: {exc}") from None
    if not clean:
        return {}
    leader = max(clean.values())
    return {key: quantize(criterion._raw_points(a, leader)) for key, a in clean.items()}


def tree_points(root: CriterionNode, inputs: Mapping[str, object],
                cluster_actuals: Mapping[str, Iterable[object]] | None = None
                ) -> dict[str, Decimal]:
    """Points of every node of ``root`` for one unit, keyed by code.

    ``inputs`` maps leaf codes to what the unit entered (actual, ``bool``, or count); a missing
    leaf counts as nothing entered (0, Không đạt, 0 lần). ``cluster_actuals`` maps
    quantitative leaf codes to the actuals of all units in the cluster (to find the leader).
    A parent's points are the sum of its children's, not capped at its ``max_points``.
    """
    unknown = sorted(set(inputs) - {n.code for n in root.walk() if n.rule is not None})
    if unknown:
        raise ScoringInputError("Mã tiêu chí không có trong cây hoặc không phải tiêu chí lá: "
                                + ", ".join(unknown) + ".")
    cluster_actuals = cluster_actuals or {}
    result: dict[str, Decimal] = {}

    def score(node: CriterionNode) -> Decimal:
        if node.code in result:
            raise ScoringRuleError(f"Mã tiêu chí {node.code} bị trùng lặp.")
        if node.children and node.rule is not None:
            raise ScoringRuleError(
                f"Tiêu chí {node.code} vừa có tiêu chí con vừa có cách tính điểm.")
        if node.children:
            value = quantize(sum((score(c) for c in node.children), Decimal(0)))
        elif node.rule is None:
            raise ScoringRuleError(f"Tiêu chí {node.code} chưa có cách tính điểm.")
        else:
            entered = inputs.get(node.code, _EMPTY_INPUT[type(node.rule)])
            try:
                if isinstance(node.rule, QuantitativeRule):
                    value = node.rule.points(entered, cluster_actuals.get(node.code, ()))
                else:
                    value = node.rule.points(entered)
            except ScoringInputError as exc:
                raise ScoringInputError(f"Tiêu chí {node.code}: {exc}") from None
        result[node.code] = value
        return value

    score(root)
    return result


def validate_tree(root: CriterionNode) -> list[str]:
    """Return Vietnamese descriptions of the tree's problems (empty list when consistent)."""
    problems: list[str] = []
    nodes = list(root.walk())
    for code, n in Counter(node.code for node in nodes).items():
        if n > 1:
            problems.append(f"Mã tiêu chí {code} bị trùng lặp ({n} lần).")
    for node in nodes:
        label = f"Tiêu chí {node.code} ({node.name})"
        try:
            parse_code(node.code)
        except ScoringInputError as exc:
            problems.append(f"{label}: {exc}")
        if node.children and node.rule is not None:
            problems.append(f"{label} vừa có tiêu chí con vừa có cách tính điểm.")
        elif not node.children and node.rule is None:
            problems.append(f"{label} là tiêu chí lá nhưng chưa có cách tính điểm.")
        rule_max = getattr(node.rule, "max_points", None)
        if rule_max is not None and node.max_points is not None and rule_max != node.max_points:
            problems.append(f"{label} có điểm tối đa {node.max_points} khác điểm tối đa "
                            f"{rule_max} của cách tính điểm.")
        child_maxes = [c.max_points for c in node.children if c.max_points is not None]
        if node.max_points is not None and child_maxes and sum(child_maxes) != node.max_points:
            problems.append(f"{label}: tổng điểm tối đa của các tiêu chí con là "
                            f"{sum(child_maxes)}, khác điểm tối đa của tiêu chí "
                            f"({node.max_points}).")
    return problems


def detect_cycle(edges: Mapping[str, str | None]) -> list[str] | None:
    """Find a cycle in child → parent links (e.g. rows loaded from the database).

    Returns the closed path, such as ``["1.1", "1.2", "1.1"]`` (``["A", "A"]`` for a node that is
    its own parent), or ``None``. A parent missing from ``edges`` (or ``None``) ends a chain.
    """
    done: set[str] = set()
    for start in edges:
        path: list[str] = []
        position: dict[str, int] = {}
        node: str | None = start
        while node is not None and node in edges and node not in done:
            if node in position:
                return path[position[node]:] + [node]
            position[node] = len(path)
            path.append(node)
            node = edges[node]
        done.update(path)
    return None


_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _roman_value(text: str) -> int:
    values = [_ROMAN_VALUES[char] for char in text] + [0]
    return sum(v if v >= nxt else -v for v, nxt in zip(values, values[1:], strict=False))


def parse_code(code: str) -> tuple[int, ...]:
    """Natural sort key for a criterion code.

    The first segment is a Roman numeral (``I``, ``IV``) or a number; further dot-separated
    segments are numbers. The key starts with 0 for a Roman top level and 1 for an Arabic one,
    so ``parse_code("IV") == (0, 4)``, ``parse_code("II.3") == (0, 2, 3)`` and
    ``parse_code("1.10") == (1, 1, 10)``: I < II < IV and 1.2 < 1.10. Surrounding spaces and one
    trailing dot (``"1.2."``) are ignored; Roman numerals are case-insensitive.
    """
    text = code.strip() if isinstance(code, str) else ""
    text = text[:-1] if text.endswith(".") else text
    head, *rest = text.split(".")
    numbers = [int(part) for part in rest if part.isascii() and part.isdigit()]
    if len(numbers) == len(rest):
        if head.isascii() and head.isdigit():
            return (1, int(head), *numbers)
        if head and _ROMAN.fullmatch(head.upper()):
            return (0, _roman_value(head.upper()), *numbers)
    raise ScoringInputError(f"Mã tiêu chí {code!r} không đúng định dạng (ví dụ: I, 1.2, 1.2.3).")
