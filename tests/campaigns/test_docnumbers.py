"""Tests for campaigns.docnumbers (số, ký hiệu văn bản)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from campaigns.docnumbers import (
    KNOWN_TYPE_CODES,
    MAX_LENGTH,
    MAX_YEAR,
    MIN_YEAR,
    PARTY_ONLY_TYPE_CODES,
    DocumentNumber,
    DocumentNumberError,
    format_series_number,
    parse_document_number,
)

# text, number, number_text, year, type_code, issuer, issuer_subunit, style
VALID = [
    ("1237/BNV-VP", 1237, "1237", None, None, "BNV", "VP", "state"),
    ("612/KH-CTĐ", 612, "612", None, "KH", "CTĐ", None, "state"),
    ("05/BC-CTĐ", 5, "05", None, "BC", "CTĐ", None, "state"),
    ("19/CT-TTg", 19, "19", None, "CT", "TTg", None, "state"),
    ("152/2025/NĐ-CP", 152, "152", 2025, "NĐ", "CP", None, "state"),
    ("06/2022/QH15", 6, "06", 2022, None, "QH15", None, "state"),
    ("34-CT/TW", 34, "34", None, "CT", "TW", None, "party"),
    ("98/2023/NĐ-CP", 98, "98", 2023, "NĐ", "CP", None, "state"),
    ("30/2020/NĐ-CP", 30, "30", 2020, "NĐ", "CP", None, "state"),
    ("5007/BNV-TĐKT", 5007, "5007", None, None, "BNV", "TĐKT", "state"),
    ("01/2024/TT-BNV", 1, "01", 2024, "TT", "BNV", None, "state"),
    ("1/QĐ-UBND", 1, "1", None, "QĐ", "UBND", None, "state"),
    ("05/QĐ-UBND", 5, "05", None, "QĐ", "UBND", None, "state"),
    ("12/TTr-CTĐ", 12, "12", None, "TTr", "CTĐ", None, "state"),
    ("01/2014/TTLT-BNV-BTC", 1, "01", 2014, "TTLT", "BNV", "BTC", "state"),
    ("45-CV/TU", 45, "45", None, "CV", "TU", None, "party"),
]

# input, canonical rendering
CANONICAL = [
    ("  612 / KH - CTĐ  ", "612/KH-CTĐ"),
    ("152 / 2025 / NĐ - CP", "152/2025/NĐ-CP"),
    ("34 - CT / TW", "34-CT/TW"),
    ("612/KH–CTĐ", "612/KH-CTĐ"),  # en dash
    ("\t05/BC-CTĐ\n", "05/BC-CTĐ"),
    ("12/TTR-CTĐ", "12/TTr-CTĐ"),  # type code spelling is canonicalised
    ("7/BCĐ-TU\u031b", "7/BCĐ-TƯ"),  # NFD input becomes NFC
] + [(row[0], row[0]) for row in VALID]

# input, a fragment the Vietnamese message must contain
MALFORMED = [
    ("", "rỗng"),
    ("   ", "rỗng"),
    ("/KH-CTĐ", "thiếu số"),
    ("abc/KH-CTĐ", "chữ số"),
    ("0/KH-CTĐ", "lớn hơn 0"),
    ("000/KH-CTĐ", "lớn hơn 0"),
    ("612/KH-", "cơ quan ban hành"),
    ("612/KH", "cơ quan ban hành"),
    ("612", "thiếu ký hiệu"),
    ("1/1800/NĐ-CP", "năm ban hành"),
    ("1/2100/NĐ-CP", "năm ban hành"),
    ("1/99/NĐ-CP", "4 chữ số"),
    ("612/KH-CT<script>", "ký tự không hợp lệ"),
    ("12/CV-CTĐ", "công văn"),
    ("12/cv-CTĐ", "công văn"),
    ("12/CV", "công văn"),
    ("1" * (MAX_LENGTH + 1), "dài quá"),
    ("12/" + "A" * MAX_LENGTH, "dài quá"),
    ("612//KH-CTĐ", "liền nhau"),
    ("612/KH--CTĐ", "liền nhau"),
    ("612/-KH", "liền nhau"),
    ("1/2020/2021/NĐ-CP", "quá nhiều"),
    ("6 12/KH-CTĐ", "khoảng trắng"),
    ("612/KH-1CTĐ", "chữ cái"),
    ("34-XY/TW", "Đảng"),
    ("34-CT", "Đảng"),
    ("34-CT/TW-VP", "Đảng"),
    ("12/QĐi-TU", "Đảng"),
    ("١٢/KH-CTĐ", "ký tự không hợp lệ"),  # non-ASCII digits
]


@pytest.mark.parametrize(
    ("text", "number", "number_text", "year", "type_code", "issuer", "subunit", "style"), VALID
)
def test_parse_valid(
    text: str,
    number: int,
    number_text: str,
    year: int | None,
    type_code: str | None,
    issuer: str,
    subunit: str | None,
    style: str,
) -> None:
    doc = parse_document_number(text)
    assert doc.number == number
    assert doc.number_text == number_text
    assert doc.year == year
    assert doc.type_code == type_code
    assert doc.issuer == issuer
    assert doc.issuer_subunit == subunit
    assert doc.style == style
    assert DocumentNumber.parse(text) == doc


@pytest.mark.parametrize(("text", "canonical"), CANONICAL)
def test_round_trip_to_canonical(text: str, canonical: str) -> None:
    doc = parse_document_number(text)
    assert str(doc) == canonical
    assert parse_document_number(str(doc)) == doc


@pytest.mark.parametrize(("text", "fragment"), MALFORMED)
def test_parse_malformed(text: str, fragment: str) -> None:
    with pytest.raises(DocumentNumberError) as info:
        parse_document_number(text)
    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert "Số, ký hiệu văn bản" in message
    assert "không hợp lệ" in message
    assert fragment in message


def test_cv_message_explains_cong_van_has_no_type_code() -> None:
    with pytest.raises(DocumentNumberError, match="không có ký hiệu loại văn bản"):
        parse_document_number("12/CV-CTĐ")


def test_non_string_input() -> None:
    with pytest.raises(DocumentNumberError):
        parse_document_number(612)  # type: ignore[arg-type]


def test_type_name_and_known_codes() -> None:
    assert parse_document_number("612/KH-CTĐ").type_name == "Kế hoạch"
    assert parse_document_number("34-CT/TW").type_name == "Chỉ thị"
    assert parse_document_number("1237/BNV-VP").type_name is None
    assert "CV" not in KNOWN_TYPE_CODES
    for code in ("QĐ", "CT", "QC", "TB", "HD", "KH", "BC", "BB", "TTr", "GM", "NĐ", "TT",
                 "NQ", "CĐ", "PA", "ĐA", "CTr"):
        assert KNOWN_TYPE_CODES[code]


@pytest.mark.parametrize(
    ("number", "type_code", "issuer", "expected"),
    [
        (5, "BC", "CTĐ", "05/BC-CTĐ"),
        (1, "QĐ", "UBND", "01/QĐ-UBND"),
        (10, "KH", "CTĐ", "10/KH-CTĐ"),
        (612, "KH", "CTĐ", "612/KH-CTĐ"),
        (19, "CT", "TTg", "19/CT-TTg"),
    ],
)
def test_format_series_number(number: int, type_code: str, issuer: str, expected: str) -> None:
    assert format_series_number(number, type_code, issuer) == expected


@pytest.mark.parametrize(
    ("number", "type_code", "issuer"),
    [(0, "BC", "CTĐ"), (-3, "BC", "CTĐ"), (5, "CV", "CTĐ"), (5, "XYZ", "CTĐ"), (5, "BC", ""),
     (5, "BC", "CT Đ"), (True, "BC", "CTĐ")],
)
def test_format_series_number_rejects_bad_parts(number: int, type_code: str, issuer: str) -> None:
    with pytest.raises(DocumentNumberError):
        format_series_number(number, type_code, issuer)


def test_dataclass_is_frozen_and_validates() -> None:
    doc = parse_document_number("612/KH-CTĐ")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.number = 1  # type: ignore[misc]
    with pytest.raises(DocumentNumberError):
        DocumentNumber(5, "KH")  # a bare type code is not an issuer
    with pytest.raises(DocumentNumberError):
        DocumentNumber(5, "CTĐ", "BC", number_text="06")
    with pytest.raises(DocumentNumberError):
        DocumentNumber(5, "TW", "CT", year=2020, style="party")
    assert str(DocumentNumber(7, "BNV", issuer_subunit="VP")) == "07/BNV-VP"


# --- property-based tests ----------------------------------------------------------------

_UPPER = "ABCDEGHIKLMNOPQRSTUVXYĐ"
_CODES = sorted(KNOWN_TYPE_CODES)
_RESERVED = {c.casefold() for c in [*KNOWN_TYPE_CODES, *PARTY_ONLY_TYPE_CODES]}

segments = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(_UPPER + "g"),
    st.text(alphabet=_UPPER + "0123456789g", max_size=7),
)
issuers_without_type = segments.filter(lambda s: s.casefold() not in _RESERVED)
numbers = st.integers(min_value=1, max_value=99_999)
years = st.none() | st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR)


@given(numbers, st.sampled_from(_CODES), segments)
def test_format_then_parse_returns_same_parts(number: int, type_code: str, issuer: str) -> None:
    doc = parse_document_number(format_series_number(number, type_code, issuer))
    assert (doc.number, doc.type_code, doc.issuer, doc.year, doc.issuer_subunit, doc.style) == (
        number, type_code, issuer, None, None, "state")
    assert doc.number_text == (f"0{number}" if number < 10 else str(number))


@given(
    numbers,
    years,
    st.none() | st.sampled_from(_CODES),
    segments,
    issuers_without_type,
    st.none() | segments,
)
def test_state_parts_round_trip(
    number: int,
    year: int | None,
    type_code: str | None,
    issuer_any: str,
    issuer_plain: str,
    subunit: str | None,
) -> None:
    issuer = issuer_plain if type_code is None else issuer_any
    doc = DocumentNumber(number, issuer, type_code, year, subunit)
    assert parse_document_number(str(doc)) == doc


@given(numbers, st.sampled_from(sorted({**KNOWN_TYPE_CODES, **PARTY_ONLY_TYPE_CODES})), segments)
def test_party_parts_round_trip(number: int, type_code: str, issuer: str) -> None:
    doc = DocumentNumber(number, issuer, type_code, style="party")
    assert str(doc) == f"{doc.number_text}-{type_code}/{issuer}"
    assert parse_document_number(str(doc)) == doc


def _parse_or_error(text: str) -> None:
    try:
        doc = parse_document_number(text)
    except DocumentNumberError as exc:
        assert str(exc).startswith("Số, ký hiệu văn bản")
    else:
        assert parse_document_number(str(doc)) == doc  # canonical form is stable


@given(st.text(max_size=80))
@example("\x00")
@example("1/" + "Đ" * 200)
def test_random_text_only_raises_document_number_error(text: str) -> None:
    _parse_or_error(text)


@given(st.text(alphabet="0123456789/-–  KHCTĐQgVvi<", max_size=30))
@example("12/cv-x")
def test_near_miss_text_only_raises_document_number_error(text: str) -> None:
    _parse_or_error(text)
