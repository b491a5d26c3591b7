"""Eligibility from the honours history, pure (no database, like ``commendations.tally``).

A ``Condition`` of an award form is checked against the candidate's history, a list of
``(year, award_code)`` pairs (the year being the year of achievement), for a nomination of
``year``; ``evaluate`` says whether it is met and why, in Vietnamese. Three kinds:

- ``title_each_year``: one of the listed awards in each of the N consecutive years before the
  nomination's year (Y-N … Y-1), or ending with it when ``include_current`` (Y-N+1 … Y: the
  year's title is decided at the same meeting). A gap year is named: "Thiếu năm 2021".
- ``none_within``: none of the listed awards in the last M years: an award of year X blocks the
  nomination while Y - X < M; exactly M years later (Y - X = M) it is met again.
- ``min_years_since``: at least M years since the most recent of the listed awards (the law
  counts "05 năm tiếp theo" from the previous award): met when Y - X >= M; not met when the
  history holds none of them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Kind(enum.StrEnum):
    TITLE_EACH_YEAR = "title_each_year"
    NONE_WITHIN = "none_within"
    MIN_YEARS_SINCE = "min_years_since"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.TITLE_EACH_YEAR: "Được tặng danh hiệu, hình thức mỗi năm trong N năm liên tục",
    Kind.NONE_WITHIN: "Không được tặng hình thức này (hoặc hình thức đã kê) trong M năm",
    Kind.MIN_YEARS_SINCE: "Ít nhất M năm kể từ lần được tặng hình thức đã kê",
}


@dataclass(frozen=True)
class Condition:
    kind: Kind
    years: int
    #: the listed awards, code → name (one of them is enough)
    award_names: dict[str, str]
    include_current: bool = False
    text: str = ""
    source: str = ""

    @property
    def names(self) -> str:
        return " hoặc ".join(self.award_names.values())


@dataclass(frozen=True)
class Verdict:
    met: bool
    explanation: str
    #: the years of the history that the explanation rests on
    years_found: tuple[int, ...] = field(default_factory=tuple)
    #: the years missing (``title_each_year``)
    years_missing: tuple[int, ...] = field(default_factory=tuple)


def applies(valid_from: int | None, valid_to: int | None, year: int) -> bool:
    """Whether a row valid from ``valid_from`` to ``valid_to`` (bounds included, None open)
    applies in ``year``."""
    return (valid_from is None or valid_from <= year) and (valid_to is None or year <= valid_to)


def years_label(valid_from: int | None, valid_to: int | None) -> str:
    if valid_from and valid_to:
        return f"áp dụng từ năm {valid_from} đến năm {valid_to}"
    if valid_from:
        return f"áp dụng từ năm {valid_from}"
    if valid_to:
        return f"áp dụng đến năm {valid_to}"
    return "áp dụng mọi năm"


def _years(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


def _names_of(condition: Condition, codes: Iterable[str]) -> str:
    seen = [condition.award_names[c] for c in condition.award_names if c in set(codes)]
    return ", ".join(seen) or condition.names


def evaluate(condition: Condition, history: Iterable[tuple[int, str]], year: int) -> Verdict:
    """Whether ``condition`` is met for a nomination of ``year`` given ``history``."""
    relevant = [(y, code) for y, code in history if code in condition.award_names and y <= year]
    if condition.kind == Kind.TITLE_EACH_YEAR:
        return _each_year(condition, relevant, year)
    if condition.kind == Kind.NONE_WITHIN:
        return _none_within(condition, relevant, year)
    if condition.kind == Kind.MIN_YEARS_SINCE:
        return _min_years_since(condition, relevant, year)
    raise ValueError(f"unknown condition kind: {condition.kind}")


def _each_year(condition: Condition, relevant, year: int) -> Verdict:
    n = condition.years
    last = year if condition.include_current else year - 1
    window = range(last - n + 1, last + 1)
    found = sorted({y for y, _code in relevant if y in window})
    missing = tuple(y for y in window if y not in found)
    codes = {code for y, code in relevant if y in window}
    if not missing:
        return Verdict(True, f"Đã được tặng {_names_of(condition, codes)} năm {_years(found)} "
                             f"({n} năm liên tục).", tuple(found))
    need = (f"cần {condition.names} mỗi năm từ {window[0]} đến {window[-1]} "
            f"({n} năm liên tục)")
    have = f"; đã có năm {_years(found)}" if found else "; chưa có năm nào"
    return Verdict(False, f"Thiếu năm {_years(missing)}: {need}{have}.", tuple(found),
                   missing)


def _none_within(condition: Condition, relevant, year: int) -> Verdict:
    m = condition.years
    blocking = sorted({y for y, _code in relevant if year - y < m})
    if blocking:
        latest = blocking[-1]
        codes = {code for y, code in relevant if y == latest}
        return Verdict(False, f"Đã được tặng {_names_of(condition, codes)} năm {latest}, "
                              f"chưa đủ {m} năm (đề nghị lại từ năm {latest + m}).",
                       tuple(blocking))
    if relevant:
        latest = max(y for y, _code in relevant)
        codes = {code for y, code in relevant if y == latest}
        return Verdict(True, f"Lần gần nhất được tặng {_names_of(condition, codes)} năm "
                             f"{latest}, đã đủ {m} năm.", (latest,))
    return Verdict(True, f"Không được tặng {condition.names} trong {m} năm gần đây.")


def _min_years_since(condition: Condition, relevant, year: int) -> Verdict:
    m = condition.years
    if not relevant:
        return Verdict(False, f"Chưa có {condition.names} trong lịch sử khen thưởng.")
    latest = max(y for y, _code in relevant)
    codes = {code for y, code in relevant if y == latest}
    since = year - latest
    if since >= m:
        return Verdict(True, f"Được tặng {_names_of(condition, codes)} năm {latest}, đến năm "
                             f"{year} đủ {since} năm (cần {m} năm).", (latest,))
    return Verdict(False, f"Được tặng {_names_of(condition, codes)} năm {latest}, đến năm "
                          f"{year} mới {since} năm, cần đủ {m} năm (từ năm {latest + m}).",
                   (latest,))
