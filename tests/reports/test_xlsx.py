"""Score sheets as Excel: layout, real numbers, and no formula a user could slip in."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from reports.xlsx import Column, Sheet, is_formula_like, render_xlsx, safe_text

from .conftest import UNIT_SCORES

HOSTILE_CELLS = [
    "=1+1",
    "+A1",
    "-2+3",
    "@SUM(A1)",
    " =cmd",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://x")',
]


def ranking_sheet(**overrides) -> Sheet:
    rows = [
        (rank, name, Decimal(str(score)), bonus, score + bonus)
        for rank, (name, score, bonus) in enumerate(
            sorted(UNIT_SCORES, key=lambda unit: -(unit[1] + unit[2])), start=1
        )
    ]
    fields = dict(
        name="Xếp hạng 2022",
        title_lines=("CỤM THI ĐUA SỞ NỘI VỤ CÁC TỈNH BẮC TRUNG BỘ", "Kết quả chấm điểm năm 2022"),
        columns=(
            Column("TT", width=5),
            Column("Đơn vị", width=36),
            Column("Tự chấm", width=10, number_format="0.00"),
            Column("Thưởng", width=10, number_format="0.0"),
            Column("Tổng", width=10, number_format="0.00"),
        ),
        rows=rows,
        freeze_columns=2,
    )
    fields.update(overrides)
    return Sheet(**fields)


@pytest.fixture
def workbook():
    hostile = Sheet(
        name="Ý kiến",
        columns=(Column("Đơn vị"), Column("Ý kiến"), Column("Điểm")),
        rows=[("Sở Nội vụ tỉnh Nghệ An", text, -2) for text in HOSTILE_CELLS]
        + [("Sở Nội vụ tỉnh Hà Tĩnh", "#N/A", 0), ("Sở\x07 Nội vụ", "-5", 1.5)],
    )
    data = render_xlsx([ranking_sheet(), hostile])
    return openpyxl.load_workbook(io.BytesIO(data))


def test_title_header_widths_formats_and_frozen_panes(workbook):
    sheet = workbook["Xếp hạng 2022"]
    assert sheet["A1"].value == "CỤM THI ĐUA SỞ NỘI VỤ CÁC TỈNH BẮC TRUNG BỘ"
    assert sheet["A1"].font.bold
    assert "A1:E1" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet["A2"].value == "Kết quả chấm điểm năm 2022"
    header = [cell.value for cell in sheet[4]]
    assert header == ["TT", "Đơn vị", "Tự chấm", "Thưởng", "Tổng"]
    assert all(cell.font.bold for cell in sheet[4])
    assert sheet.column_dimensions["B"].width == 36
    assert sheet.freeze_panes == "C5"
    first = [cell.value for cell in sheet[5]]
    assert first == [1, "Sở Nội vụ tỉnh Quảng Trị", 97, 5, 102]
    assert sheet["C5"].number_format == "0.00"
    assert sheet["D5"].number_format == "0.0"
    assert sheet.max_row == 4 + 6
    assert int(sheet.page_setup.paperSize) == 9  # A4


def test_numbers_stay_numbers(workbook):
    sheet = workbook["Xếp hạng 2022"]
    for row in sheet.iter_rows(min_row=5, min_col=3, max_col=5):
        for cell in row:
            assert cell.data_type == "n"
            assert isinstance(cell.value, (int, float))
    assert sheet["C7"].value == pytest.approx(95.5)
    comments = workbook["Ý kiến"]
    assert comments["C2"].value == -2 and comments["C2"].data_type == "n"


def test_formula_like_text_is_an_inert_string(workbook):
    sheet = workbook["Ý kiến"]
    for row_number, typed in enumerate(HOSTILE_CELLS, start=2):
        cell = sheet.cell(row=row_number, column=2)
        assert cell.data_type == "s", typed
        assert cell.value == "'" + typed
    # Not formula-like: kept as typed, still strings (an error code stays text).
    assert sheet["B10"].value == "#N/A" and sheet["B10"].data_type == "s"
    assert sheet["B11"].value == "'-5"  # a number typed as text is text, and guarded
    assert sheet["A11"].value == "Sở Nội vụ"  # control characters Excel refuses are dropped


def test_the_raw_file_holds_no_formula():
    rows = [(text,) for text in HOSTILE_CELLS]
    data = render_xlsx([Sheet(name="x", columns=[Column("a")], rows=rows)])
    loaded = openpyxl.load_workbook(io.BytesIO(data))
    assert all(cell.data_type != "f" for row in loaded["x"].iter_rows() for cell in row)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "<f>" not in package.read("xl/worksheets/sheet1.xml").decode()


def test_guard_rules():
    for text in ("=1", "+1", "-1", "@x", "  =x", "\t", "\rx", "\n=1"):
        assert is_formula_like(text), repr(text)
    for text in ("Sở Nội vụ", "1+1", "a=b", "", " ", "95,5", "(để b/c)"):
        assert not is_formula_like(text), repr(text)
    assert safe_text("=1+1") == "'=1+1"
    assert safe_text("Giao ước") == "Giao ước"


def test_titles_and_headings_are_guarded_too():
    sheet = ranking_sheet(
        title_lines=("=cmd|' /C calc'!A0",), columns=(Column("@SUM(1)"), Column("b")), rows=[]
    )
    data = render_xlsx([sheet])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "'=cmd|' /C calc'!A0" and sheet["A1"].data_type == "s"
    assert sheet["A3"].value == "'@SUM(1)"


def test_sheet_names_follow_excel_rules():
    sheets = [
        ranking_sheet(name="Kết quả 6/2022: [Cụm]"),
        ranking_sheet(name="Kết quả 6-2022- -Cụm-"),
        ranking_sheet(name="x" * 40),
        ranking_sheet(name=""),
    ]
    names = openpyxl.load_workbook(io.BytesIO(render_xlsx(sheets))).sheetnames
    assert names[0] == "Kết quả 6-2022- -Cụm-"
    assert names[1] == "Kết quả 6-2022- -Cụm- (2)"
    assert names[2] == "x" * 31
    assert names[3] == "Sheet"


def test_dates_and_validation():
    sheet = Sheet(
        name="Lịch",
        columns=(Column("Ngày"), Column("Việc")),
        rows=[(datetime.date(2022, 6, 24), "Hội nghị sơ kết")],
    )
    loaded = openpyxl.load_workbook(io.BytesIO(render_xlsx([sheet]))).active
    assert loaded["A2"].is_date and loaded["A2"].number_format == "dd/mm/yyyy"
    with pytest.raises(ValueError):
        Sheet(name="x", columns=(Column("a"),), rows=[(1, 2)])
    with pytest.raises(ValueError):
        render_xlsx([])
