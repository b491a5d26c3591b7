"""Kết quả bình xét — pure-Python (no Django) tally of a secret-ballot deliberation (issue #5).

Every legal number is data (:class:`AwardRule`, per award and cluster-year) with its citation in
``sources``, echoed in ``AwardTally.applied_rules``. Comparisons are exact ("từ 80%" means
``agree * 100 >= 80 * base``); floats are refused; messages are Vietnamese. Our conventions:
absent members voting in writing take part (quorum and the "present" base). The quota cut orders
candidates meeting the threshold by agree votes (desc), the tie rule (women, or collectives with
at least ``women_share_percent`` women, first), then the year's score (desc). Candidates still
equal at the cut (or equal with a score missing) are flagged in ``ties_unresolved``, not passed:
the cluster decides, e.g. by a new vote. Key order only stabilises the listing; it cuts no one.

Two kinds of text come out (issue #15): ``applied_rules``, ``quorum_explanation``,
``ordering_explanation`` and ``ties_explanation`` are administrative prose that the minutes of
the vote print; ``secretariat_notes`` are for the secretariat on the page only (missing sources,
how a quota is rounded, what the listing order means) and never reach a document. None of the
prose may contain a word of :data:`SOFTWARE_WORDS`.

The defaults cite only what was in force on the day the rules are for
(:func:`default_rules` with ``on``): see ``commendations.legal_texts``.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Literal

__all__ = ["ROUNDING_SOURCE", "SOFTWARE_WORDS", "TallyError", "QuotaRule", "AwardRule",
           "Candidate", "Electorate", "CandidateResult", "AwardTally", "tally", "default_rules",
           "secretariat_notes"]

Base = Literal["all_members", "ballots_cast", "present"]
SOURCE_KEYS = ("threshold", "quorum", "quota", "tie_break")
NO_SOURCE = "chưa ghi nguồn văn bản"
_BASE_LABEL = {"all_members": "trên tổng số thành viên", "ballots_cast": "trên số phiếu thu về",
               "present": "trên số thành viên tham dự (kể cả bỏ phiếu bằng văn bản)"}
_OF_LABEL = {"members": "số thành viên của cụm", "leaders": "số đơn vị được suy tôn dẫn đầu"}
_OF_UNIT = {"members": "thành viên", "leaders": "đơn vị được suy tôn dẫn đầu"}
_ROUNDING_LABEL = {"floor": "làm tròn xuống", "round_half_up": "làm tròn (từ 0,5 lên)",
                   "ceil": "làm tròn lên"}
_SCORE_NOTE = "sau đó theo điểm thi đua của năm, cao trước"
_SOURCE_LABEL = {"threshold": "Tỷ lệ đồng ý", "quorum": "Số thành viên tham dự",
                 "quota": "Chỉ tiêu", "tie_break": "Ưu tiên khi bằng phiếu"}

#: Words about the software, or notes for its users, that never appear in an official document
#: (DOMAIN.md, "Words that never appear"; issue #15): the tests render every document kind and
#: look for each, case-insensitively. Chosen so that administrative prose does not trip them
#: ("hệ thống chính trị", "áp dụng" are fine; "trên hệ thống", "ứng dụng" are not).
SOFTWARE_WORDS = ("phần mềm", "ứng dụng", "trên hệ thống", "hệ thống tự", "người dùng",
                  "mặc định", "quy ước của", "thứ tự mã", "cần xác nhận", "chưa xác nhận",
                  "chưa đối chiếu", "chưa ghi nguồn", "chưa có căn cứ")


class TallyError(ValueError):
    """Số liệu phiếu hoặc quy tắc bình xét không hợp lệ."""


def _count(value: object, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TallyError(f"{label} phải là số nguyên, nhận được {value!r}.")
    if value < 0:
        raise TallyError(f"{label} không được âm, nhận được {value}.")
    return value


def _decimal(value: object, label: str, *, percent: bool = True) -> Decimal:
    """Decimal/int/numeric str → Decimal (within 0..100 when ``percent``); float is refused."""
    if isinstance(value, (bool, float)) or not isinstance(value, (Decimal, int, str)):
        raise TallyError(f"{label} phải là số Decimal, số nguyên hoặc chuỗi số "
                         f"(không nhận kiểu {type(value).__name__}), nhận được {value!r}.")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise TallyError(f"{label} phải là một số, nhận được {value!r}.") from None
    if not result.is_finite() or (percent and not 0 <= result <= 100):
        raise TallyError(f"{label} phải nằm trong khoảng 0–100%, nhận được {value}.")
    return result


def _set(obj: object, name: str, label: str, percent: bool = True) -> None:
    """Coerce an optional numeric field of a frozen dataclass to Decimal, in place."""
    if (value := getattr(obj, name)) is not None:
        object.__setattr__(obj, name, _decimal(value, label, percent=percent))


def _num(value: Decimal | Fraction | int) -> str:
    """Vietnamese number: 80.00 → "80", 66.67 → "66,67", 6/5 → "1,2" (exact fractions only)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def _round2(value: Fraction) -> Decimal:
    """Round half up to 2 decimals, exactly (for display only — never compared)."""
    return Decimal(math.floor(value * 100 + Fraction(1, 2))).scaleb(-2)


@dataclass(frozen=True)
class QuotaRule:
    """Chỉ tiêu: at most ``percent``% of the members or of the units voted as leaders, rounded
    by ``rounding`` (minimum 0). A cap of 0 means nobody passes on this award."""

    percent: Decimal
    of: Literal["members", "leaders"] = "leaders"
    rounding: Literal["floor", "round_half_up", "ceil"] = "floor"

    def __post_init__(self) -> None:
        object.__setattr__(self, "percent", _decimal(self.percent, "Tỷ lệ chỉ tiêu"))
        if self.of not in _OF_LABEL:
            raise TallyError(f"Chỉ tiêu phải tính theo thành viên hoặc đơn vị dẫn đầu, "
                             f"nhận được {self.of!r}.")
        if self.rounding not in _ROUNDING_LABEL:
            raise TallyError(f"Cách làm tròn chỉ tiêu không hợp lệ: {self.rounding!r}.")

    def exact(self, count: int) -> Fraction:
        """The unrounded cap, ``count * percent / 100``."""
        return Fraction(self.percent) * count / 100

    def cap(self, count: int) -> int:
        """The cap for ``count`` members or leaders: 6 leaders × 20% = 1,2 → 1 (floor)."""
        exact = self.exact(count)
        rounded = {"floor": math.floor(exact), "ceil": math.ceil(exact),
                   "round_half_up": math.floor(exact + Fraction(1, 2))}[self.rounding]
        return max(0, rounded)

    def first_seat(self) -> int | None:
        """The smallest count that gives one seat (20%, floor: 5; 20%, half up: 3), or None
        when no count does (0%)."""
        if self.percent <= 0:
            return None
        return next(n for n in range(1, 10_001) if self.cap(n) >= 1)  # 0,01% → 10 000


#: Why the quota is rounded as it is (a note for the secretariat, never printed in a document).
#: No text found in force says how to round a quota; the first proposal (down) follows from
#: "không quá", which a seat more than the percentage would break.
ROUNDING_SOURCE = ("cách làm tròn: văn bản về chỉ tiêu chỉ nêu tỷ lệ “không quá”, không quy "
                   "định làm tròn; làm tròn xuống để không vượt tỷ lệ là đề xuất ban đầu, cụm "
                   "có thể thống nhất cách khác")


@dataclass(frozen=True)
class AwardRule:
    """Quy tắc bình xét of one award for one cluster-year. ``sources`` maps ``threshold``,
    ``quorum``, ``quota`` and ``tie_break`` to Vietnamese citations; a missing one is shown as
    "chưa ghi nguồn văn bản" on the tally rather than hidden."""

    award_code: str
    award_name: str
    threshold_percent: Decimal
    base: Base = "all_members"
    quorum_percent: Decimal | None = None
    quota: QuotaRule | None = None
    tie_break: Literal["none", "women_first"] = "none"
    sources: dict[str, str] = field(default_factory=dict, hash=False)
    women_share_percent: Decimal = Decimal(70)

    def __post_init__(self) -> None:
        _set(self, "threshold_percent", "Tỷ lệ đồng ý")
        _set(self, "quorum_percent", "Tỷ lệ thành viên tham dự")
        _set(self, "women_share_percent", "Tỷ lệ nữ được ưu tiên")
        if not isinstance(self.sources, dict):
            raise TallyError("Nguồn quy tắc phải là một dict {tên quy tắc: văn bản}.")
        unknown = set(self.sources) - set(SOURCE_KEYS)
        for bad, message in (
                (not self.award_code or not self.award_name, "Danh hiệu/hình thức khen thưởng "
                 "phải có mã và tên."),
                (self.base not in _BASE_LABEL, f"Cách tính tỷ lệ không hợp lệ: {self.base!r}."),
                (self.tie_break not in ("none", "women_first"),
                 f"Quy tắc khi bằng phiếu không hợp lệ: {self.tie_break!r}."),
                (not isinstance(self.quota, (QuotaRule, type(None))),
                 "Chỉ tiêu phải là QuotaRule."),
                (unknown or not all(isinstance(v, str) for v in self.sources.values()),
                 f"Nguồn quy tắc chỉ gồm {', '.join(SOURCE_KEYS)} (văn bản), nhận được "
                 f"{sorted(map(str, unknown)) or self.sources!r}.")):
            if bad:
                raise TallyError(message)
        object.__setattr__(self, "sources", dict(self.sources))

    def source(self, name: str) -> str:
        """The citation of one rule, or "chưa ghi nguồn văn bản"."""
        return self.sources.get(name) or NO_SOURCE

    def cited(self, name: str) -> str:
        """The citation of one rule as a document prints it: " (…)", or nothing when the rule
        has no source (the secretariat's notes say so)."""
        return f" ({self.sources[name]})" if self.sources.get(name) else ""


@dataclass(frozen=True)
class Candidate:
    """Ứng viên: a unit or a person. ``women_share`` is a percent (0..100) for collectives;
    ``score`` is the unit's score for the year (secondary ordering only)."""

    key: str
    name: str
    agree: int
    disagree: int = 0
    is_woman: bool | None = None
    women_share: Decimal | None = None
    score: Decimal | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key:
            raise TallyError(f"Mã ứng viên phải là chuỗi khác rỗng, nhận được {self.key!r}.")
        _count(self.agree, f"Số phiếu đồng ý của {self.name}")
        _count(self.disagree, f"Số phiếu không đồng ý của {self.name}")
        if self.is_woman not in (None, True, False):
            raise TallyError(f"Giới tính nữ của {self.name} phải là True, False hoặc None.")
        _set(self, "women_share", f"Tỷ lệ nữ của {self.name}")
        _set(self, "score", f"Điểm của {self.name}", percent=False)


@dataclass(frozen=True)
class Electorate:
    """Thành phần bỏ phiếu: ``written_votes`` are absent members voting in writing."""

    members: int
    present: int
    written_votes: int
    ballots_cast: int

    def __post_init__(self) -> None:
        for name, label in (("members", "Số thành viên"), ("present", "Số thành viên có mặt"),
                            ("written_votes", "Số phiếu bằng văn bản"),
                            ("ballots_cast", "Số phiếu thu về")):
            _count(getattr(self, name), label)
        m, p, w, b = self.members, self.present, self.written_votes, self.ballots_cast
        for bad, message in (
                (m == 0, "Số thành viên phải lớn hơn 0."),
                (b > m, f"Số phiếu thu về ({b}) vượt quá số thành viên ({m})."),
                (p > m, f"Số thành viên có mặt ({p}) vượt quá số thành viên ({m})."),
                (w > m - p, f"Số phiếu bằng văn bản ({w}) vượt quá số thành viên vắng mặt "
                            f"({m - p})."),
                (b > p + w, f"Số phiếu thu về ({b}) vượt quá số thành viên tham dự ({p + w}: "
                            f"{p} có mặt, {w} bằng văn bản).")):
            if bad:
                raise TallyError(message)

    @property
    def participants(self) -> int:
        """Members present plus absent members voting in writing."""
        return self.present + self.written_votes


@dataclass(frozen=True)
class CandidateResult:
    """One candidate's line of the tally; ``reason`` is a Vietnamese sentence."""

    key: str
    name: str
    agree: int
    disagree: int
    percent: Decimal  # 2 places, display only
    meets_threshold: bool
    passed: bool
    tied_at_cut: bool
    reason: str


@dataclass(frozen=True)
class AwardTally:
    """The fixed result: ``results`` are in cut order (then those below the threshold)."""

    rule: AwardRule
    electorate: Electorate
    base_count: int
    quorum_met: bool
    quorum_explanation: str
    quota_cap: int | None
    ordering: tuple[str, ...]  # keys meeting the threshold, in the order used for the quota cut
    ordering_explanation: str
    results: tuple[CandidateResult, ...]
    applied_rules: tuple[str, ...]
    ties_unresolved: tuple[str, ...]
    ties_explanation: str | None
    secretariat_notes: tuple[str, ...] = ()

    @property
    def passed_keys(self) -> tuple[str, ...]:
        """Keys of the candidates proposed for the award, in cut order."""
        return tuple(r.key for r in self.results if r.passed)


def tally(rule: AwardRule, electorate: Electorate, candidates: Iterable[Candidate], *,
          leaders: int | None = None) -> AwardTally:
    """Bình xét one award: quorum, threshold, then quota cut. ``leaders`` is the number of
    units voted as leaders (needed when the quota counts leaders)."""
    e, cands, quota = electorate, tuple(candidates), rule.quota
    if len({c.key for c in cands}) != len(cands):
        raise TallyError("Mã ứng viên bị trùng.")
    for c in cands:
        if c.agree + c.disagree > e.ballots_cast:
            raise TallyError(f"{c.name}: số phiếu đồng ý ({c.agree}) và không đồng ý "
                             f"({c.disagree}) vượt quá số phiếu thu về ({e.ballots_cast}).")
    if leaders is not None:
        _count(leaders, "Số đơn vị được suy tôn dẫn đầu")
    if quota is not None and quota.of == "leaders" and leaders is None:
        raise TallyError("Chỉ tiêu tính theo đơn vị dẫn đầu: cần nhập số đơn vị được suy tôn "
                         "dẫn đầu.")
    quota_count = e.members if quota is None or quota.of == "members" else leaders or 0
    cap = None if quota is None else quota.cap(quota_count)
    base = {"all_members": e.members, "ballots_cast": e.ballots_cast,
            "present": e.participants}[rule.base]
    t, base_label = rule.threshold_percent, _BASE_LABEL[rule.base]
    quorum_met = (rule.quorum_percent is None
                  or e.participants * 100 >= Fraction(rule.quorum_percent) * e.members)

    def meets(c: Candidate) -> bool:
        return base > 0 and c.agree * 100 >= Fraction(t) * base

    def prio(c: Candidate) -> int:
        return int(rule.tie_break == "women_first" and (c.is_woman is True or (
            c.women_share is not None and c.women_share >= rule.women_share_percent)))

    ranked = sorted(cands, key=lambda c: (not meets(c), -c.agree, -prio(c), c.score is None,
                                          -(c.score or 0), c.key))
    eligible = [c for c in ranked if meets(c)] if quorum_met else []
    tied: list[Candidate] = []
    if cap is not None and 0 < cap < len(eligible):  # who is equal to the first one left out?
        out = eligible[cap]
        tied = [c for c in eligible if (c.agree, prio(c)) == (out.agree, prio(out))]
        if all(c.score is not None for c in tied):
            tied = [c for c in tied if c.score == out.score]
        if eligible[cap - 1] not in tied:
            tied = []
    passed = [c for c in eligible[:cap] if c not in tied]

    def pct(c: Candidate) -> Decimal:
        return _round2(Fraction(c.agree * 100, base)) if base else Decimal("0.00")

    def reason(c: Candidate) -> str:
        votes = f"{c.agree}/{base} phiếu đồng ý ({_num(pct(c))}%) {base_label}"
        rank = eligible.index(c) + 1 if c in eligible else 0
        if not quorum_met:
            return (f"Không xét: không đủ số thành viên tham dự (yêu cầu từ "
                    f"{_num(rule.quorum_percent or 0)}%), nên không ứng viên nào đạt.")
        if base == 0:
            return "Không đạt: không có phiếu nào để tính tỷ lệ."
        if not meets(c):
            return f"Không đạt: {votes}, chưa đạt mức từ {_num(t)}%."
        if cap is None:
            return f"Đạt: {votes}, đạt mức từ {_num(t)}%."
        if c in tied:
            return (f"Đạt tỷ lệ ({votes}) nhưng ngang nhau tại vị trí cắt chỉ tiêu: chờ cụm "
                    f"quyết định.")
        if c in passed:
            return f"Đạt: {votes}; xếp thứ {rank}, trong chỉ tiêu {cap}."
        if cap == 0:
            return f"Đạt tỷ lệ ({votes}) nhưng chỉ tiêu là 0 nên không ứng viên nào được đề nghị."
        return f"Đạt tỷ lệ ({votes}) nhưng xếp thứ {rank}, ngoài chỉ tiêu {cap}."

    share = _num(_round2(Fraction(e.participants * 100, e.members)))
    attendance = (f"tham dự {e.participants}/{e.members} thành viên ({share}%: {e.present} có "
                  f"mặt, {e.written_votes} bỏ phiếu bằng văn bản)")
    quorum_text = (f"Không yêu cầu số thành viên tham dự tối thiểu; {attendance}."
                   if rule.quorum_percent is None else
                   f"{'Đủ' if quorum_met else 'Không đủ'} số thành viên tham dự: {attendance}, "
                   f"yêu cầu từ {_num(rule.quorum_percent)}%{rule.cited('quorum')}.")
    ties_text = None if not tied else (
        f"{len(tied)} ứng viên ({', '.join(c.name for c in tied)}) ngang nhau tại vị trí cắt "
        f"theo chỉ tiêu sau khi áp dụng quy tắc khi bằng phiếu, còn {(cap or 0) - len(passed)} "
        f"suất: Hội nghị xem xét, quyết định (có thể bỏ phiếu lại giữa các ứng viên này).")
    women = (f"ưu tiên nữ, tập thể có từ {_num(rule.women_share_percent)}% nữ"
             f"{rule.cited('tie_break')}; " if rule.tie_break == "women_first" else
             "không có quy tắc ưu tiên; ")
    lines = [f"Tỷ lệ đồng ý: từ {_num(t)}% {base_label}{rule.cited('threshold')}",
             "Số thành viên tham dự: không yêu cầu số thành viên tối thiểu"
             if rule.quorum_percent is None else
             f"Số thành viên tham dự: từ {_num(rule.quorum_percent)}% tổng số thành viên, kể cả "
             f"bỏ phiếu bằng văn bản{rule.cited('quorum')}",
             "Chỉ tiêu: không giới hạn số ứng viên đạt" if quota is None else
             f"Chỉ tiêu: không quá {_num(quota.percent)}% {_OF_LABEL[quota.of]} ({quota_count} × "
             f"{_num(quota.percent)}% = {_num(quota.exact(quota_count))}, "
             f"{_ROUNDING_LABEL[quota.rounding]}: {cap})"
             f"{_zero_quota_note(quota, cap)}{rule.cited('quota')}",
             f"Khi bằng phiếu: {women}{_SCORE_NOTE}"]
    ordering_text = (f"Xếp theo số phiếu đồng ý, nhiều trước; khi bằng phiếu: {women}"
                     f"{_SCORE_NOTE}; thiếu điểm thì không phân định bằng điểm.")
    results = tuple(CandidateResult(c.key, c.name, c.agree, c.disagree, pct(c), meets(c),
                                    c in passed, c in tied, reason(c)) for c in ranked)
    return AwardTally(rule, e, base, quorum_met, quorum_text, cap, tuple(c.key for c in eligible),
                      ordering_text, results, tuple(lines), tuple(c.key for c in tied), ties_text,
                      secretariat_notes(rule, tied=bool(tied)))


def secretariat_notes(rule: AwardRule, *, tied: bool = False) -> tuple[str, ...]:
    """Notes for the secretariat beside a tally (the page shows them; no document prints
    them): the rules applied without a cited text, how the quota is rounded, what the listing
    order means, and that nobody is cut at a tie."""
    used = {"threshold": True, "quorum": rule.quorum_percent is not None,
            "quota": rule.quota is not None, "tie_break": rule.tie_break != "none"}
    notes = [f"{_SOURCE_LABEL[name]}: {NO_SOURCE} (quy tắc do cụm thống nhất; ghi căn cứ nếu "
             f"có văn bản quy định)." for name in SOURCE_KEYS
             if used[name] and not rule.sources.get(name)]
    if rule.quota is not None:
        notes.append(ROUNDING_SOURCE[:1].upper() + ROUNDING_SOURCE[1:] + ".")
    notes.append("Khi vẫn bằng nhau sau các tiêu chí trên, danh sách xếp theo mã đề nghị chỉ để "
                 "hiển thị ổn định, không dùng để loại ai.")
    if tied:
        notes.append("Không ứng viên nào bị loại tự động khi ngang phiếu tại vị trí cắt: cụm "
                     "quyết định.")
    return tuple(notes)


def _zero_quota_note(quota: QuotaRule, cap: int | None) -> str:
    if cap != 0:
        return ""
    first = quota.first_seat()
    need = ("" if first is None else
            f", cần ít nhất {first} {_OF_UNIT[quota.of]} mới có 1 suất")
    return (f"; chỉ tiêu bằng 0 nên không ứng viên nào được đề nghị, kể cả ứng viên được mọi "
            f"phiếu đồng ý{need}")


def default_rules(on: datetime.date | None = None) -> dict[str, AwardRule]:
    """Defaults the secretariat copies into a cluster-year and may change, citing only the
    texts in force ``on`` that day (today when None; ``legal_texts.rules_day(year)`` for a
    year's rules). The 80%/90% thresholds are those of khoản 7 Điều 30 Nghị định
    98/2023/NĐ-CP, cited while it is in force; before it and after its replacement by Nghị
    định 152/2025/NĐ-CP (not confirmed to keep them) they are kept as the first proposal without
    a cited text, and the secretariat's notes say so. The quota cites Công văn 5007/BNV-TĐKT
    (2023) from 2024 on; the preference for women cites Nghị định 152/2025/NĐ-CP from 1/7/2025.
    No quorum by default (the 80%-present example is one province's, 2025): with the
    all-members base it is implied."""
    from commendations import legal_texts

    day = on or datetime.date.today()
    threshold = legal_texts.threshold_source(day)
    quota = legal_texts.BY_NUMBER["5007/BNV-TĐKT"]
    nd152 = legal_texts.BY_NUMBER["152/2025/NĐ-CP"]
    flag_sources = {"threshold": threshold} if threshold else {}
    government = dict(flag_sources)
    if quota.in_force_on(day):
        government["quota"] = quota.name
    if nd152.in_force_on(day):
        government["tie_break"] = nd152.name
    rules = [
        AwardRule("co_chinh_phu", "Cờ thi đua của Chính phủ", Decimal(80),
                  quota=QuotaRule(Decimal(20), "leaders", "floor"), tie_break="women_first",
                  sources=government),
        AwardRule("co_bo_nganh_tinh", "Cờ thi đua của bộ, ban, ngành, tỉnh", Decimal(80),
                  sources=flag_sources),
        AwardRule("chien_si_thi_dua", "Chiến sĩ thi đua", Decimal(90), sources=flag_sources),
        AwardRule("bang_khen", "Bằng khen", Decimal(80)),
    ]
    return {r.award_code: r for r in rules}
