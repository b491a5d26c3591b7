"""The score table and the ranking as Excel: the numbers of results.selectors.results, real
numbers in the cells, and no formula a unit could slip in through its notes."""

import io

import openpyxl
import pytest
from django.test import Client

from reports.models import IssuedDocument
from results.selectors.results import ranking

from .data import FORMULA

pytestmark = pytest.mark.django_db


def workbook(mid_year, path: str):
    client = Client()
    client.force_login(mid_year.secretary)
    response = client.get(f"/cum/snv-bac-trung-bo/{mid_year.year}/van-ban/{path}")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rows_after_header(sheet, first_heading: str) -> list[tuple]:
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == first_heading)
    return rows[start + 1:]


def test_score_export_matches_the_ranking_and_keeps_user_text_inert(mid_year):
    book = workbook(mid_year, "bang-diem/6-thang/xlsx/")
    assert book.sheetnames == ["Tổng hợp", "Chi tiết"]
    summary = book["Tổng hợp"]
    code = IssuedDocument.objects.get().verification_code
    assert summary["A3"].value.startswith(f"Mã xác thực: {code} (http://testserver/xac-minh/")
    body = rows_after_header(summary, "TT")
    by_unit = {row[1]: row for row in body}
    expected = ranking(period=mid_year.period)
    assert expected
    for row in expected:
        line = by_unit[row.unit.name]
        assert line[-4:-1] == (float(row.self_total), float(row.final_total), row.rank)
        assert sum(line[2:-4]) == float(row.final_total)  # the groups add up
    assert by_unit["Sở Nội vụ tỉnh Hà Tĩnh"][-1] == "Đang soạn"
    assert set(by_unit) == {u.name for u in mid_year.members}

    detail = book["Chi tiết"]
    notes = [cell for row in detail.iter_rows() for cell in row
             if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    assert notes, "the unit's note is in the export"
    for cell in notes:
        assert cell.data_type == "s"
        assert cell.value == "'" + FORMULA
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate


def test_ranking_export(mid_year):
    book = workbook(mid_year, "xep-hang/6-thang/xlsx/")
    (sheet,) = book.worksheets
    assert sheet.title == "Xếp hạng"
    body = rows_after_header(sheet, "Hạng")
    expected = [(r.rank, r.unit.name, float(r.self_total), float(r.final_total))
                for r in ranking(period=mid_year.period)]
    assert [row[:4] for row in body[:len(expected)]] == expected
    assert body[len(expected)][1] == "Sở Nội vụ tỉnh Hà Tĩnh"  # not reported: last, no rank
    assert body[len(expected)][0] is None
