"""The document snapshot: the lines both renderers print are computed once, here."""

import dataclasses
import datetime
from decimal import Decimal

import pytest

from reports.document import (
    NBSP,
    BulletList,
    Cell,
    Document,
    Heading,
    IssuingBody,
    Paragraph,
    Signature,
    Table,
    format_number,
    format_value,
    heading_label,
    paragraphs,
)

from .conftest import CLUSTER, mid_year_report


def test_number_takes_a_leading_zero_under_ten():
    assert format_number(5, "BC-CTĐ") == "05/BC-CTĐ"
    assert format_number(612, "KH-CTĐ") == "612/KH-CTĐ"
    assert format_number(10, "TTr-CTĐ") == "10/TTr-CTĐ"
    assert format_number(None, "BC-CTĐ") == "\u00a0" * 8 + "/BC-CTĐ"  # kept by HTML
    with pytest.raises(ValueError):
        format_number(0, "BC-CTĐ")


def test_lines_as_printed(report):
    assert report.number_line == "Số: 05/BC-CTĐ"
    assert report.date_line == "Huế, ngày 24 tháng 6 năm 2022"
    assert report.kind_line == "BÁO CÁO"
    # Word groups are bound with no-break spaces (test_layout_readback.py tests where).
    assert tuple(line.replace(NBSP, " ") for line in report.issuer.name_lines) == (
        "CỤM THI ĐUA SỞ NỘI VỤ", "CÁC TỈNH BẮC TRUNG BỘ")
    assert report.title == "BÁO CÁO Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022"
    assert tuple(line.replace(NBSP, " ") for line in report.signatures[0].authority_lines) == (
        "TM. CỤM THI ĐUA",
        "CỤM TRƯỞNG",
        "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG TRỊ",
    )


def test_draft_leaves_number_and_day_blank():
    draft = mid_year_report(number=None, date=None)
    assert draft.number_line.startswith("Số: \u00a0")
    assert draft.date_line.startswith("Huế, ngày \u00a0")


def test_date_line_leading_zeros_and_new_place_name():
    document = mid_year_report(place="Thành phố Huế", date=datetime.date(2025, 2, 5))
    assert document.date_line == "Thành phố Huế, ngày 05 tháng 02 năm 2025"


def test_recipients_one_per_line_then_archive(report):
    assert report.recipient_lines == (
        "- Vụ Thi đua - Khen thưởng, Bộ Nội vụ (để b/c);",
        "- Ban Thi đua - Khen thưởng Trung ương;",  # typed with its marks: not doubled
        "- Sở Nội vụ các tỉnh trong Cụm;",
        "- Lưu: VT, CTĐ.",
    )
    assert mid_year_report(recipients=(), archive="").recipient_lines == ()


def test_headings_numbered_per_level():
    document = mid_year_report(
        body=[
            Heading("A"),
            Heading("A1", level=2),
            Heading("A1a", level=3),
            Heading("A1b", level=3),
            Heading("A2", level=2),
            Heading("A2a", level=3),
            Paragraph("text"),
            Heading("B"),
            Heading("B1", level=2),
            Heading("Phụ lục", label=""),
            Heading("Căn cứ", level=2, label="*"),
        ]
    )
    labels = [label for _, label in document.numbered_body()]
    assert labels == ["I.", "1.", "a)", "b)", "2.", "a)", "", "II.", "1.", "", "*"]
    assert heading_label(1, 4) == "IV." and heading_label(1, 9) == "IX."
    assert heading_label(3, 5) == "đ)"  # a) b) c) d) đ) as Vietnamese documents count


def test_values_print_the_vietnamese_way():
    assert format_value(1234567) == "1.234.567"
    assert format_value(92.5) == "92,5"
    assert format_value(Decimal("96.25")) == "96,25"
    assert format_value(Decimal("95.00")) == "95"
    assert format_value(-0.5) == "-0,5"
    assert format_value(None) == ""
    assert format_value("05/BC-CTĐ") == "05/BC-CTĐ"
    assert Cell(3).alignment == "right" and Cell("x").alignment == "left"


def test_snapshot_is_immutable_and_lists_become_tuples(report):
    assert isinstance(report.body, tuple) and isinstance(report.recipients, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.number = 6
    table = Table(header_rows=[["a", "b"]], rows=[[1, 2]])
    assert table.rows == ((Cell(1), Cell(2)),)
    assert BulletList(["x"]).items == ("x",)
    assert IssuingBody("Sở Nội vụ").name == ("Sở Nội vụ",)


def test_table_geometry_and_validation():
    table = Table(
        header_rows=[[Cell("TT", rowspan=2), Cell("Điểm", colspan=2)], ["a", "b"]],
        rows=[[1, 2, 3]],
        column_widths=(1, 2, 1),
    )
    assert table.column_count == 3
    assert table.width_percentages == (25.0, 50.0, 25.0)
    with pytest.raises(ValueError):
        Table(header_rows=[["a", "b"]], rows=[], column_widths=(1,))
    with pytest.raises(ValueError):
        Cell("x", colspan=0)
    with pytest.raises(ValueError):
        Heading("x", level=4)


def test_landscape_when_a_table_asks_for_it(report):
    assert not report.is_landscape
    wide = Table(header_rows=[["a"]], rows=[[1]], landscape=True)
    assert mid_year_report(body=[wide]).is_landscape
    assert mid_year_report(landscape=True).is_landscape


def test_signature_grid_for_a_pledge_of_six_units():
    signatures = [Signature(("Giám đốc",), f"Người ký {n}") for n in range(6)]
    document = Document(
        issuer=CLUSTER,
        kind="Giao ước thi đua",
        subject="Năm 2022",
        symbol="GƯ-CTĐ",
        place="Huế",
        date=datetime.date(2022, 6, 24),
        signatures=signatures,
        archive="",
    )
    grid = document.signature_grid
    assert [len(row) for row in grid] == [3, 3]
    assert dataclasses.replace(document, signature_columns=2).signature_grid[2][1].name == (
        "Người ký 5"
    )
    five = dataclasses.replace(document, signatures=signatures[:5])
    assert five.signature_grid[1] == (signatures[3], signatures[4], None)


def test_narrative_split_into_paragraphs():
    assert paragraphs("Dòng một.\n\n  Dòng hai.  \n") == (
        Paragraph("Dòng một."),
        Paragraph("Dòng hai."),
    )


def test_a_document_needs_its_symbol():
    with pytest.raises(ValueError):
        mid_year_report(symbol=" ")


def test_an_unnumbered_document_has_no_number_line():
    """A pledge signed by every member, a score table: not registered in a series."""
    import io

    import docx

    from reports.docx import render_docx
    from reports.pdf import render_html

    document = mid_year_report(numbered=False)
    assert document.number_line == ""
    assert "Số:" not in render_html(document)
    assert "Số: 05/BC-CTĐ" in render_html(mid_year_report())
    word = docx.Document(io.BytesIO(render_docx(document)))
    cells = [p.text for t in word.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert "BÁO CÁO" in [p.text for p in word.paragraphs]
    assert not any(text.startswith("Số:") for text in cells)
