"""Số, ký hiệu văn bản: parse, validate and render Vietnamese document numbers.

Pure Python (no Django). Supported shapes::

    1237/BNV-VP       công văn: number / issuer - drafting unit (no type code)
    612/KH-CTĐ        number / type - issuer
    152/2025/NĐ-CP    number / year / type - issuer
    06/2022/QH15      number / year / issuer (laws carry no type code)
    34-CT/TW          Party style: number - type / issuer

In the state style a leading symbol segment is read as a type code only if it is in
``KNOWN_TYPE_CODES`` (matched case-insensitively, rendered in canonical spelling); otherwise
it is the issuer. Segments after the issuer (drafting unit, or the co-issuers of a joint
document such as ``01/2014/TTLT-BNV-BTC``) are kept together in ``issuer_subunit``.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "KNOWN_TYPE_CODES", "PARTY_ONLY_TYPE_CODES", "MAX_LENGTH", "MIN_YEAR", "MAX_YEAR",
    "DocumentNumber", "DocumentNumberError", "format_series_number", "parse_document_number",
]

Style = Literal["state", "party"]

#: Type abbreviations (state and Party documents). Công văn has none in the state style.
KNOWN_TYPE_CODES: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình",
    "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo",
    "BB": "Biên bản", "TTr": "Tờ trình", "HĐ": "Hợp đồng", "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền", "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép", "NĐ": "Nghị định", "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch", "KL": "Kết luận",
}
#: Abbreviations used only in Party documents (e.g. ``45-CV/TU``, ``08-QĐi/TW``).
PARTY_ONLY_TYPE_CODES: dict[str, str] = {"CV": "Công văn", "QĐi": "Quy định"}

MAX_LENGTH = 60
MIN_YEAR, MAX_YEAR = 1945, 2099

_ALL_CODES = {**KNOWN_TYPE_CODES, **PARTY_ONLY_TYPE_CODES}
_CODE_BY_FOLD = {code.casefold(): code for code in _ALL_CODES}
_DIGITS = frozenset(string.digits)
_VI_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_SPACED_SEPARATOR = re.compile(r"\s*([/-])\s*")


def _is_vietnamese_letter(ch: str) -> bool:
    """True for a precomposed Latin letter (incl. Đ/đ) carrying only Vietnamese marks."""
    decomposed = unicodedata.normalize("NFD", ch)
    return (decomposed[0] in string.ascii_letters or decomposed[0] in "Đđ") and all(
        mark in _VI_MARKS for mark in decomposed[1:])


_LETTERS = frozenset(c for c in map(chr, range(0x41, 0x1F00)) if _is_vietnamese_letter(c))
_ALLOWED = _LETTERS | _DIGITS | {"/", "-"}
_CV_REASON = ("công văn hành chính không có ký hiệu loại văn bản, không ghi 'CV' "
              "(viết dạng 1237/BNV-VP: số/tên cơ quan-đơn vị soạn thảo)")


class DocumentNumberError(ValueError):
    """A document number-and-symbol is malformed; the message is in Vietnamese."""

    def __init__(self, reason: str, text: str | None = None) -> None:
        self.reason, self.text = reason, text
        shown = "" if text is None else " " + repr(text if len(text) <= 70 else text[:67] + "...")
        super().__init__(f"Số, ký hiệu văn bản{shown} không hợp lệ: {reason}.")


def _canonical_code(segment: str) -> str | None:
    """Canonical spelling of a known type code, or None."""
    return _CODE_BY_FOLD.get(segment.casefold())


def _check_segment(segment: str, what: str) -> None:
    """Validate one abbreviation segment: a letter, then letters or digits."""
    if not segment:
        raise DocumentNumberError(f"thiếu {what}")
    if segment[0] not in _LETTERS or not set(segment) <= _LETTERS | _DIGITS:
        raise DocumentNumberError(f"{what} '{segment}' phải bắt đầu bằng chữ cái và chỉ gồm "
                                  "chữ cái, chữ số")


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """Parts of a "số, ký hiệu"; invalid combinations raise ``DocumentNumberError``.

    ``number_text`` keeps the number as written (``"05"``); when omitted it is the number
    with a leading zero below 10, as numbering starts from 01.
    """

    number: int
    issuer: str
    type_code: str | None = None
    year: int | None = None
    issuer_subunit: str | None = None
    style: Style = "state"
    number_text: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.number, int) or isinstance(self.number, bool) or self.number < 1:
            raise DocumentNumberError("số văn bản phải là số nguyên lớn hơn 0")
        if not self.number_text:
            object.__setattr__(self, "number_text", f"{self.number:02d}")
        elif not set(self.number_text) <= _DIGITS or int(self.number_text) != self.number:
            raise DocumentNumberError(f"số '{self.number_text}' không khớp với {self.number}")
        if self.year is not None and (isinstance(self.year, bool) or not isinstance(
                self.year, int) or not MIN_YEAR <= self.year <= MAX_YEAR):
            raise DocumentNumberError(f"năm ban hành {self.year} nằm ngoài khoảng "
                                      f"{MIN_YEAR}–{MAX_YEAR}")
        _check_segment(self.issuer, "viết tắt tên cơ quan ban hành")
        for part in [] if self.issuer_subunit is None else self.issuer_subunit.split("-"):
            _check_segment(part, "viết tắt tên đơn vị")
        if self.style == "party":
            self._check_party()
        elif self.style == "state":
            self._check_state()
        else:
            raise DocumentNumberError(f"kiểu văn bản '{self.style}' phải là 'state' hoặc 'party'")
        if len(str(self)) > MAX_LENGTH:
            raise DocumentNumberError(f"dài quá {MAX_LENGTH} ký tự")

    def _check_party(self) -> None:
        if self.type_code is None or self.type_code not in _ALL_CODES:
            raise DocumentNumberError(f"ký hiệu loại văn bản của Đảng '{self.type_code}' "
                                      "không đúng (ví dụ: 34-CT/TW)")
        if self.year is not None or self.issuer_subunit is not None:
            raise DocumentNumberError("số, ký hiệu văn bản của Đảng chỉ có dạng "
                                      "số-loại/cơ quan (ví dụ: 34-CT/TW)")

    def _check_state(self) -> None:
        code = self.type_code if self.type_code is not None else _canonical_code(self.issuer)
        if code == "CV":
            raise DocumentNumberError(_CV_REASON)
        if code in PARTY_ONLY_TYPE_CODES:
            raise DocumentNumberError(f"ký hiệu '{code}' chỉ dùng cho văn bản của Đảng")
        if self.type_code is None and code is not None:
            raise DocumentNumberError(f"'{self.issuer}' là ký hiệu loại văn bản, thiếu viết "
                                      "tắt tên cơ quan ban hành")
        if self.type_code is not None and self.type_code not in KNOWN_TYPE_CODES:
            raise DocumentNumberError(f"ký hiệu loại văn bản '{self.type_code}' không có "
                                      "trong danh mục")

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """Parse ``text``; raise ``DocumentNumberError`` if malformed."""
        return parse_document_number(text)

    @property
    def type_name(self) -> str | None:
        """Vietnamese name of the document kind for ``type_code`` (None without one)."""
        return _ALL_CODES.get(self.type_code) if self.type_code else None

    def __str__(self) -> str:
        if self.style == "party":
            return f"{self.number_text}-{self.type_code}/{self.issuer}"
        year = "" if self.year is None else f"/{self.year}"
        symbol = "-".join(p for p in (self.type_code, self.issuer, self.issuer_subunit) if p)
        return f"{self.number_text}{year}/{symbol}"


def _normalise(text: str) -> str:
    """NFC, unify dashes, drop whitespace around separators and at both ends."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES)
    return _SPACED_SEPARATOR.sub(r"\1", text).strip()


def _parse(s: str) -> DocumentNumber:
    if not s:
        raise DocumentNumberError("chuỗi rỗng, thiếu số và ký hiệu")
    if len(s) > MAX_LENGTH:
        raise DocumentNumberError(f"dài quá {MAX_LENGTH} ký tự")
    if any(ch.isspace() for ch in s):
        raise DocumentNumberError("có khoảng trắng bên trong số hoặc ký hiệu")
    bad = next((ch for ch in s if ch not in _ALLOWED), None)
    if bad is not None:
        raise DocumentNumberError(f"chứa ký tự không hợp lệ {bad!r}")
    if re.search(r"[/-]{2}", s):
        raise DocumentNumberError("có hai dấu phân cách '/' hoặc '-' liền nhau")
    if s[0] in "/-":
        raise DocumentNumberError("thiếu số văn bản ở đầu")
    if s[-1] in "/-":
        raise DocumentNumberError(f"thiếu viết tắt tên cơ quan ban hành sau dấu '{s[-1]}'")
    cut = next((i for i, ch in enumerate(s) if ch in "/-"), len(s))
    number_text, sep, rest = s[:cut], s[cut:cut + 1], s[cut + 1:]
    if not set(number_text) <= _DIGITS:
        raise DocumentNumberError(f"số văn bản '{number_text}' phải viết bằng chữ số Ả Rập")
    if int(number_text) == 0:
        raise DocumentNumberError("số văn bản phải lớn hơn 0")
    if not sep:
        raise DocumentNumberError("thiếu ký hiệu văn bản sau số")
    if sep == "-":  # Party style: 34-CT/TW
        type_part, slash, issuer = rest.partition("/")
        code = _canonical_code(type_part)
        if not slash or "/" in issuer or "-" in type_part + issuer or code is None:
            raise DocumentNumberError("văn bản của Đảng phải có dạng số-loại/cơ quan với loại "
                                      "văn bản đã biết (ví dụ: 34-CT/TW)")
        return DocumentNumber(int(number_text), issuer, code, style="party",
                              number_text=number_text)
    parts = rest.split("/")
    if len(parts) > 2:
        raise DocumentNumberError("có quá nhiều dấu '/' (dạng đúng: số/năm/ký hiệu)")
    year: int | None = None
    if len(parts) == 2:
        if len(parts[0]) != 4 or not set(parts[0]) <= _DIGITS:
            raise DocumentNumberError(f"năm ban hành '{parts[0]}' phải gồm 4 chữ số")
        year = int(parts[0])
    segments = parts[-1].split("-")
    code = _canonical_code(segments[0])
    if code is not None:
        if code == "CV":
            raise DocumentNumberError(_CV_REASON)
        segments = segments[1:]
        if not segments:
            raise DocumentNumberError(f"thiếu viết tắt tên cơ quan ban hành sau '{code}'")
    return DocumentNumber(int(number_text), segments[0], code, year,
                          "-".join(segments[1:]) or None, number_text=number_text)


def parse_document_number(text: str) -> DocumentNumber:
    """Parse a số, ký hiệu such as ``"152/2025/NĐ-CP"`` or ``" 34 - CT / TW "``.

    Surrounding whitespace and whitespace around ``/`` and ``-`` are ignored, Unicode is
    NFC-normalised and typographic dashes become ``-``. Raises ``DocumentNumberError``.
    """
    if not isinstance(text, str):
        raise DocumentNumberError("phải là chuỗi ký tự")
    try:
        return _parse(_normalise(text))
    except DocumentNumberError as exc:
        raise DocumentNumberError(exc.reason, text) from None


def format_series_number(number: int, type_code: str, issuer: str) -> str:
    """Render e.g. ``format_series_number(5, "BC", "CTĐ") == "05/BC-CTĐ"``.

    Numbers below 10 get a leading zero. Raises ``DocumentNumberError`` for invalid parts.
    """
    return str(DocumentNumber(number, issuer, type_code))
