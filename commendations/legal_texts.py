"""The national texts on emulation and commendation that the app cites by itself, with their
validity (issue #15): issued on, in force from, replaced by, expired on. Pure Python.

Every citation is chosen for the date of the document or of the rules it appears in: a text not
yet issued on that date is never cited, and one issued but not yet in force is not the basis of
a rule applied. The dates are those of DOMAIN.md and of the texts' own citations:

- Luật Thi đua, khen thưởng 2003 (amended 2005 and 2013): in force until Luật Thi đua, khen
  thưởng số 06/2022/QH15 (passed 15/6/2022) took effect on 1/1/2024.
- Nghị định 91/2017/NĐ-CP (31/7/2017) and Thông tư 12/2019/TT-BNV (04/11/2019) detailed the 2003
  law until then; their own dates of entry into force were not checked (taken as their dates of
  issue, which changes nothing for the years the app handles).
- Nghị định 98/2023/NĐ-CP (31/12/2023) took effect on its date; Nghị định 152/2025/NĐ-CP
  replaced it on 1/7/2025 (its date of issue was not checked: it is cited only from 1/7/2025).
- Công văn 5007/BNV-TĐKT (2023, day not checked): cited only from 1/1/2024.

No article number is given here that DOMAIN.md does not confirm: only khoản 7 Điều 30 Nghị định
98/2023/NĐ-CP (the 80%/90% thresholds). Whether Nghị định 152/2025/NĐ-CP keeps those numbers is
not confirmed, so from 1/7/2025 the threshold is left without a cited text (the secretariat's
note on the rules page says so).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

D = datetime.date
#: The first day of Luật Thi đua, khen thưởng số 06/2022/QH15.
LAW_2022_IN_FORCE = D(2024, 1, 1)
ND152_IN_FORCE = D(2025, 7, 1)


@dataclass(frozen=True)
class LegalText:
    number: str  # as cited: "98/2023/NĐ-CP"
    name: str  # as a document cites it
    issued_on: datetime.date | None  # None: not checked (then in_force_from bounds it)
    in_force_from: datetime.date | None = None  # None: from issued_on
    replaced_by: str = ""  # the number of the text that replaced it
    expired_on: datetime.date | None = None  # the first day it no longer applies

    @property
    def first_day(self) -> datetime.date:
        """The first day the text may be cited (its date of issue, or when that was not
        checked, its entry into force)."""
        return self.issued_on or self.in_force_from  # type: ignore[return-value]

    def citable_on(self, day: datetime.date) -> bool:
        """Issued on or before ``day``."""
        return self.first_day <= day

    def in_force_on(self, day: datetime.date) -> bool:
        start = self.in_force_from or self.issued_on
        return start <= day and (self.expired_on is None or day < self.expired_on)


TEXTS: tuple[LegalText, ...] = (
    LegalText("15/2003/QH11", "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003",
              D(2003, 11, 26), D(2004, 7, 1), "06/2022/QH15", LAW_2022_IN_FORCE),
    LegalText("06/2022/QH15", "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm "
              "2022", D(2022, 6, 15), LAW_2022_IN_FORCE),
    LegalText("91/2017/NĐ-CP", "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính "
              "phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
              D(2017, 7, 31), None, "98/2023/NĐ-CP", D(2023, 12, 31)),
    LegalText("12/2019/TT-BNV", "Thông tư số 12/2019/TT-BNV ngày 04 tháng 11 năm 2019 của Bộ "
              "trưởng Bộ Nội vụ quy định chi tiết thi hành một số điều của Nghị định số "
              "91/2017/NĐ-CP", D(2019, 11, 4), None, "", LAW_2022_IN_FORCE),
    LegalText("98/2023/NĐ-CP", "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính "
              "phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
              D(2023, 12, 31), D(2023, 12, 31), "152/2025/NĐ-CP", ND152_IN_FORCE),
    LegalText("152/2025/NĐ-CP", "Nghị định số 152/2025/NĐ-CP của Chính phủ", None,
              ND152_IN_FORCE),
    LegalText("5007/BNV-TĐKT", "Công văn số 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ", None,
              LAW_2022_IN_FORCE),
)
BY_NUMBER = {text.number: text for text in TEXTS}

_NUMBER = re.compile(r"\b\d{1,5}/\d{4}/[A-ZĐƠƯ\-]+\d*|\b\d{1,5}/[A-ZĐ]+-[A-ZĐ]+")


def cited_numbers(text: str) -> list[str]:
    """The numbers of texts a free-text citation names ("Khoản 7 Điều 30 Nghị định
    98/2023/NĐ-CP" → ["98/2023/NĐ-CP"])."""
    return list(dict.fromkeys(m.group(0).rstrip("-") for m in _NUMBER.finditer(text or "")))


def cited_texts(text: str) -> list[LegalText]:
    """The known national texts a citation names."""
    return [BY_NUMBER[n] for n in cited_numbers(text) if n in BY_NUMBER]


def framework_on(day: datetime.date) -> tuple[str, ...]:
    """The law and its detailing texts in force on ``day``, as a document cites them."""
    if day < LAW_2022_IN_FORCE:
        return ("Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một "
                "số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng "
                "11 năm 2013",
                BY_NUMBER["91/2017/NĐ-CP"].name, BY_NUMBER["12/2019/TT-BNV"].name)
    decree = "98/2023/NĐ-CP" if day < ND152_IN_FORCE else "152/2025/NĐ-CP"
    return (BY_NUMBER["06/2022/QH15"].name, BY_NUMBER[decree].name)


def rules_day(year: int) -> datetime.date:
    """The day a cluster-year's rules of deliberation are chosen for: 1 December, the first day
    of the month the year-end vote is held in. Not the year's last day: a vote of 22/12/2023
    could not rest on Nghị định 98/2023/NĐ-CP, issued on 31/12/2023."""
    return D(year, 12, 1)


def threshold_source(day: datetime.date) -> str:
    """The citation of the voting threshold in force on ``day``, or "" when no text in force
    is confirmed to give it."""
    nd98 = BY_NUMBER["98/2023/NĐ-CP"]
    if nd98.in_force_on(day):
        return "khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP"
    return ""


def not_yet_issued(text: str, day: datetime.date) -> list[LegalText]:
    """The known texts a citation names that were not yet issued on ``day``."""
    return [t for t in cited_texts(text) if not t.citable_on(day)]


def not_in_force(text: str, day: datetime.date) -> list[LegalText]:
    """The known texts a citation names that were issued but not in force on ``day``
    (not yet, replaced or expired)."""
    return [t for t in cited_texts(text) if t.citable_on(day) and not t.in_force_on(day)]
