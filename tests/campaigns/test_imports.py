"""The criteria table from Excel: parse → rows and errors; confirm saves; twice = no change;
realistic files (merged cells, headers without diacritics, "2,5", a formula, an empty
trailing row, not a spreadsheet, too large); export → import is a no-op."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from simple_history.utils import get_history_model_for_model

from campaigns import imports, services
from campaigns.models import Criterion
from cluster import spreadsheets
from tests.factories import ClusterFactory
from tests.spreadsheet_files import Upload, with_cached_value, xlsx

pytestmark = pytest.mark.django_db
K = Criterion.Kind
HEADER = ["Mã", "Mã tiêu chí cha", "Tên tiêu chí", "Cách tính điểm", "Điểm tối đa",
          "Chỉ tiêu", "Hướng dẫn chấm", "Bắt buộc có minh chứng"]
ROWS = [
    ["I", "", "Thực hiện nhiệm vụ chuyên môn", "", 20, None, "", ""],
    ["1.1", "I", "Ban hành kế hoạch thi đua", "Định tính", 10, None, "Đúng hạn: 10 điểm", "Có"],
    ["1.2", "I", "Tỷ lệ hồ sơ đúng hạn", "Định lượng", "2,5", "95", "", ""],
    ["II", "", "Điểm thưởng", "", None, None, "", ""],
]


@pytest.fixture
def cluster():
    return ClusterFactory()


def preview(cluster, data, year=2024):
    return imports.criteria_preview(cluster=cluster, year=year, data=data)


def run(cluster, data, year=2024):
    return imports.criteria_import(cluster=cluster, year=year, data=data, acting_user=None)


def table(cluster, year=2024):
    return {c.code: c for c in Criterion.objects.filter(cluster=cluster, year=year)}


def test_a_valid_file_previews_every_row_and_saves_nothing(cluster):
    result = preview(cluster, xlsx(HEADER, ROWS))
    assert result.is_valid, result.errors
    assert [(r.number, r.code, r.parent_code, r.status) for r in result.rows] == [
        (3, "I", "", "new"), (4, "1.1", "I", "new"), (5, "1.2", "I", "new"),
        (6, "II", "", "new")]
    assert result.rows[2].fields["max_points"] == Decimal("2.50")
    assert not Criterion.objects.filter(cluster=cluster).exists()


def test_confirm_saves_the_tree_and_the_same_file_twice_changes_nothing(cluster):
    data = xlsx(HEADER, ROWS)
    run(cluster, data)
    saved = table(cluster)
    assert saved["1.1"].parent == saved["I"]
    assert saved["1.1"].kind == K.QUALITATIVE and saved["1.1"].evidence_required
    assert saved["1.1"].guidance == "Đúng hạn: 10 điểm"
    assert saved["1.2"].kind == K.QUANTITATIVE
    assert (saved["1.2"].max_points, saved["1.2"].target) == (Decimal("2.5"), Decimal(95))
    history = get_history_model_for_model(Criterion)
    count = history.objects.count()
    again = run(cluster, data)
    assert [r.status for r in again.rows] == ["same"] * 4
    assert history.objects.count() == count
    assert table(cluster)["1.2"].max_points == Decimal("2.5")


def test_a_changed_row_is_saved_and_criteria_not_in_the_file_stay(cluster):
    run(cluster, xlsx(HEADER, ROWS))
    services.criterion_save(cluster=cluster, year=2024, acting_user=None, code="III",
                            name="Khác")
    changed = [row[:] for row in ROWS]
    changed[1][4] = 12
    result = run(cluster, xlsx(HEADER, changed))
    assert [r.status for r in result.rows] == ["same", "changed", "same", "same"]
    assert table(cluster)["1.1"].max_points == 12
    assert "III" in table(cluster)


def test_every_rows_errors_are_in_vietnamese_with_row_and_column_and_nothing_saved(cluster):
    rows = [
        ["I", "", "Nhóm", "", 20, None, "", ""],
        ["1.1", "I", "", "Định tính", 10, None, "", ""],  # no name
        ["1.2", "I", "Tỷ lệ", "Định lượng", "mười", None, "", ""],  # not a number, no target
        ["1.2", "I", "Trùng mã", "Định tính", 5, None, "", ""],  # duplicate code
        ["1.3", "IX", "Cha không có", "Định tính", 5, None, "", ""],
        ["a.b", "", "Mã sai", "Kiểu lạ", 5, None, "", "có lẽ"],
    ]
    result = preview(cluster, xlsx(HEADER, rows))
    assert not result.is_valid
    found = {(e.row, e.column) for e in result.errors}
    assert {(4, "Tên tiêu chí"), (5, "Điểm tối đa"), (6, "Mã"), (7, "Mã tiêu chí cha"),
            (8, "Mã"), (8, "Cách tính điểm"), (8, "Bắt buộc có minh chứng")} <= found
    messages = " ".join(e.message for e in result.errors)
    assert "Thiếu tên tiêu chí." in messages
    assert "“mười” không phải là số" in messages
    assert "Mã 1.2 trùng với dòng 5." in messages
    assert "Không có tiêu chí mã IX" in messages
    with pytest.raises(ValidationError) as refused:
        run(cluster, xlsx(HEADER, rows))
    assert "Dòng 4, cột “Tên tiêu chí”: Thiếu tên tiêu chí." in refused.value.messages
    assert not Criterion.objects.filter(cluster=cluster).exists()


def test_children_listed_before_their_parents_are_saved_under_them(cluster):
    rows = [["1.1.1", "1.1", "Cháu", "Định tính", 5, None, "", ""],
            ["1.1", "I", "Con", "", None, None, "", ""],
            ["I", "", "Ông", "", None, None, "", ""]]
    run(cluster, xlsx(HEADER, rows))
    saved = table(cluster)
    assert saved["1.1.1"].parent == saved["1.1"] and saved["1.1"].parent == saved["I"]


def test_a_leaf_with_children_and_a_parent_that_is_a_leaf_are_refused(cluster):
    rows = [["1", "", "Lá", "Định tính", 10, None, "", ""],
            ["1.1", "1", "Con của lá", "Định tính", 5, None, "", ""]]
    result = preview(cluster, xlsx(HEADER, rows))
    messages = [(e.row, e.message) for e in result.errors]
    assert any(row == 3 and "nên là nhóm tiêu chí" in m for row, m in messages)
    assert any(row == 4 and "không thể có tiêu chí con" in m for row, m in messages)


def test_headers_without_diacritics_in_another_case_and_spacing(cluster):
    header = ["  MA ", "ma tieu chi cha", "Ten  tieu chi", "cach tinh diem",
              "DIEM TOI DA (điểm)", "chi tieu", "huong dan cham", "bat buoc co minh chung"]
    result = preview(cluster, xlsx(header, ROWS))
    assert result.is_valid, result.errors
    assert [r.code for r in result.rows] == ["I", "1.1", "1.2", "II"]


def test_level_column_and_code_prefix_give_the_parent(cluster):
    header = ["Mã", "Cấp", "Tên tiêu chí", "Cách tính điểm", "Điểm tối đa"]
    rows = [["I", 1, "Nhóm I", "", 20], ["1", 2, "Nhóm 1", "", 20],
            ["1.1", None, "Con theo mã", "Định tính", 10], ["2", 2, "Nhóm 2", "Định tính", 10]]
    result = preview(cluster, xlsx(header, rows))
    assert result.is_valid, result.errors
    assert [(r.code, r.parent_code) for r in result.rows] == [
        ("I", ""), ("1", "I"), ("1.1", "1"), ("2", "I")]
    bad = preview(cluster, xlsx(header, [["1", 2, "Không có cấp 1 phía trên", "", None]]))
    assert [(e.row, e.column) for e in bad.errors] == [(3, "Cấp")]


def test_merged_title_and_group_cells_decimal_commas_and_an_empty_trailing_row(cluster):
    rows = [
        ["I", "", "Nhóm I (ô tên gộp qua các cột)", None, None, None, None, None],
        ["1.1", "I", "Tiêu chí", "Định tính", "2,5", None, None, None],
        ["1.2", "I", "Tiêu chí", "định lượng", "1.000,5", "1,5", None, None],
        [None] * 8,
        ["", "  ", None, None, None, None, None, None],
    ]
    data = xlsx(HEADER, rows, merges=["C3:H3", "B4:B5"])
    result = preview(cluster, data)
    assert result.is_valid, result.errors
    assert [r.code for r in result.rows] == ["I", "1.1", "1.2"]
    assert [r.parent_code for r in result.rows] == ["", "I", "I"]  # B4:B5 merged down
    assert result.rows[1].fields["max_points"] == Decimal("2.5")
    assert result.rows[2].fields["max_points"] == Decimal("1000.5")
    assert result.rows[2].fields["target"] == Decimal("1.5")


def test_a_formula_gives_its_computed_value_or_a_clear_error(cluster):
    rows = [["I", "", "Nhóm", "", None, None, "", ""],
            ["1.1", "I", "Tiêu chí", "Định tính", None, None, "", ""]]
    data = xlsx(HEADER, rows, formulas={"E4": "=5+5"})
    result = preview(cluster, data)
    assert [(e.row, e.column) for e in result.errors][:1] == [(4, "Điểm tối đa")]
    assert "công thức" in result.errors[0].message
    computed = preview(cluster, with_cached_value(data, "E4", "10"))
    assert computed.is_valid, computed.errors
    assert computed.rows[1].fields["max_points"] == Decimal(10)


@pytest.mark.parametrize(("content", "name", "expected"), [
    (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "tieu-chi.xlsx", "không phải bảng tính Excel"),
    ("Mã;Tên tiêu chí\nI;Nhóm\n".encode(), "tieu-chi.xlsx", "không phải bảng tính Excel"),
    (b"PK\x03\x04 not really a zip", "tieu-chi.xlsx", "hỏng"),
    (b"", "tieu-chi.xlsx", "rỗng"),
])
def test_a_file_that_is_not_a_spreadsheet_is_refused_in_vietnamese(content, name, expected):
    with pytest.raises(ValidationError) as refused:
        spreadsheets.check_upload(Upload(content, name))
    assert expected in " ".join(refused.value.messages)


def test_a_too_large_file_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheets, "IMPORT_MAX_BYTES", 1000)
    with pytest.raises(ValidationError) as refused:
        spreadsheets.check_upload(Upload(xlsx(HEADER, ROWS * 20)))
    assert "Tệp quá lớn" in refused.value.messages[0]


def test_a_spreadsheet_without_the_header_is_refused(cluster):
    with pytest.raises(ValidationError) as refused:
        preview(cluster, xlsx(["Cột A", "Cột B"], [["x", "y"]]))
    assert "Không tìm thấy dòng tiêu đề" in refused.value.messages[0]


def test_export_then_import_is_a_no_op_and_formula_like_text_stays_inert(cluster):
    run(cluster, xlsx(HEADER, ROWS))
    services.criterion_save(
        cluster=cluster, year=2024, acting_user=None, code="2.1",
        parent=table(cluster)["II"], name="=HYPERLINK(\"http://x\")", kind=K.BONUS_PENALTY,
        points_each=Decimal("0.5"), lower_bound=Decimal(-2), upper_bound=Decimal(2),
        guidance="- trừ 0,5 điểm mỗi lần chậm")
    exported = imports.criteria_workbook(cluster=cluster, year=2024, with_rows=True)
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(exported))["Tiêu chí"]
    names = [sheet.cell(row=r, column=4).value for r in range(4, sheet.max_row + 1)]
    assert "'=HYPERLINK(\"http://x\")" in names
    result = preview(cluster, exported)
    assert result.is_valid, result.errors
    assert {r.status for r in result.rows} == {"same"}
    assert table(cluster)["2.1"].guidance == "- trừ 0,5 điểm mỗi lần chậm"


def test_the_template_reads_back_as_its_three_example_rows(cluster):
    template = imports.criteria_workbook(cluster=cluster, year=2024, with_rows=False)
    result = preview(cluster, template)
    assert result.is_valid, result.errors
    assert [(r.code, r.parent_code, r.fields["kind"]) for r in result.rows] == [
        ("I", "", K.GROUP), ("1.1", "I", K.QUALITATIVE), ("1.2", "I", K.QUANTITATIVE)]
