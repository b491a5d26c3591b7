"""The criteria table of a cluster-year from and to Excel (issue #13, point 5).

``criteria_preview`` reads a file (``cluster.spreadsheets``) and checks every row against the
year's table in memory — one query for the table, whatever the number of rows — saying what
each row would do (new, changed, unchanged) and every error in Vietnamese with its Excel row
and column. ``criteria_import`` saves a valid file in one transaction through
``criterion_save``; a row equal to the stored criterion is not saved at all, so importing the
same file twice changes nothing. ``criteria_workbook`` writes the template, and with
``with_rows`` the year's table in it: exporting and importing back is a no-op.

Matching: a row is the criterion with the same code in the cluster-year. Criteria of the
year that the file does not name are left as they are (an import never deletes).
Parent: the "Mã tiêu chí cha" column; else the "Cấp" column (the nearest row above of the
level above); else the code's prefix ("1.2" for "1.2.1") when that criterion exists; else
the stored parent of an existing criterion; else the top level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns import scoring
from campaigns.models import Criterion
from campaigns.services.criteria import KIND_PARAMETERS, PARAMETERS, criterion_save
from cluster.models import Cluster, User
from cluster.permissions import require
from cluster.rules import YearScope
from cluster.spreadsheets import (
    CellError,
    Column,
    Preview,
    RowError,
    RowReader,
    normalize_header,
    read_table,
    to_bool,
    to_decimal,
    to_int,
    to_text,
    write_table,
)

K = Criterion.Kind
KIND_NAMES = {
    K.GROUP: "Nhóm tiêu chí",
    K.QUANTITATIVE: "Định lượng",
    K.QUALITATIVE: "Định tính",
    K.PER_OCCURRENCE: "Theo số lần",
    K.BONUS_PENALTY: "Điểm thưởng / điểm trừ",
}
_KIND_WORDS = [
    (K.GROUP, ("nhom", "nhom tieu chi", "tong")),
    (K.QUANTITATIVE, ("dinh luong",)),
    (K.QUALITATIVE, ("dinh tinh", "dat khong dat")),
    (K.PER_OCCURRENCE, ("theo so lan", "theo lan", "tinh theo so lan", "so lan")),
    (K.BONUS_PENALTY, ("diem thuong diem tru", "thuong tru", "diem thuong", "diem tru",
                       "thuong", "tru")),
]

COLUMNS = (
    Column("code", "Mã", "Mã tiêu chí: I, II, … cho nhóm lớn; 1, 1.1, 1.2.3 … cho tiêu chí "
           "con. Mỗi mã chỉ một dòng.", required=True,
           aliases=("Mã tiêu chí", "Mã số", "Số hiệu"), width=8),
    Column("parent", "Mã tiêu chí cha", "Mã của nhóm chứa tiêu chí này; để trống nếu là "
           "nhóm lớn nhất. Có thể bỏ trống và dùng cột “Cấp”.",
           aliases=("Mã cha", "Tiêu chí cha", "Thuộc nhóm"), width=10),
    Column("level", "Cấp", "1 cho nhóm lớn nhất, 2 cho tiêu chí con của nhóm ngay phía trên, "
           "3 cho cấp dưới nữa… Chỉ dùng khi cột “Mã tiêu chí cha” để trống.",
           aliases=("Cấp tiêu chí", "Cấp độ"), width=6),
    Column("name", "Tên tiêu chí", "Tên, nội dung tiêu chí.", required=True,
           aliases=("Tiêu chí", "Nội dung", "Nội dung tiêu chí", "Tên"), width=50),
    Column("kind", "Cách tính điểm", "Một trong: " + "; ".join(KIND_NAMES.values())
           + ". Để trống cho nhóm tiêu chí (điểm bằng tổng các tiêu chí con).",
           aliases=("Loại", "Loại tiêu chí", "Cách tính", "Phương pháp chấm"), width=16),
    Column("max_points", "Điểm tối đa", "Số điểm tối đa, có thể có phần thập phân (2,5).",
           aliases=("Điểm chuẩn", "Thang điểm", "Điểm tối đa được chấm"), width=10),
    Column("target", "Chỉ tiêu", "Chỉ tiêu của tiêu chí định lượng.", width=10),
    Column("points_each", "Điểm mỗi lần", "Tiêu chí theo số lần, điểm thưởng / điểm trừ.",
           width=10),
    Column("cap", "Mức điểm trần", "Tiêu chí theo số lần: điểm tối đa cộng dồn.",
           aliases=("Mức trần", "Điểm trần"), width=10),
    Column("lower_bound", "Cận dưới", "Điểm thưởng / điểm trừ: mức thấp nhất (số âm nếu trừ).",
           width=10),
    Column("upper_bound", "Cận trên", "Điểm thưởng / điểm trừ: mức cao nhất.", width=10),
    Column("leader_bonus_share", "Tỷ lệ thưởng dẫn đầu cụm",
           "Định lượng: đơn vị dẫn đầu được điểm tối đa, đạt chỉ tiêu được điểm tối đa / "
           "(1 + tỷ lệ) (0,2 hoặc 20%; trống là 0).", width=12),
    Column("over_target_bonus_share", "Tỷ lệ thưởng vượt chỉ tiêu",
           "Định lượng: thêm đến tỷ lệ này trên điểm đạt chỉ tiêu khi vượt mà không dẫn "
           "đầu (0,1 hoặc 10%; trống là 0).", width=12),
    Column("guidance", "Hướng dẫn chấm", "Cách chấm, tài liệu kiểm chứng.",
           aliases=("Hướng dẫn", "Cách chấm", "Ghi chú"), width=40),
    Column("evidence_required", "Bắt buộc có minh chứng", "Ghi “Có” (hoặc x) nếu đơn vị phải "
           "gửi minh chứng; để trống nếu không.",
           aliases=("Minh chứng", "Cần minh chứng", "Bắt buộc minh chứng"), width=12),
)
_HEADERS = {c.key: c.header for c in COLUMNS}
_DECIMALS = ("max_points", "target", "points_each", "cap", "lower_bound", "upper_bound",
             "leader_bonus_share", "over_target_bonus_share")
_COMPARED = ("name", "kind", "guidance", "evidence_required", "max_points", *PARAMETERS)


def _kind(value: Any) -> str:
    text = normalize_header(to_text(value)).replace("_", " ")
    if not text:
        return K.GROUP
    for kind, words in _KIND_WORDS:
        if any(text == word or text.startswith(word + " ") for word in words):
            return kind
    raise CellError(f"“{value}” không phải cách tính điểm đã biết; hãy ghi một trong: "
                    + "; ".join(KIND_NAMES.values()) + ".")


@dataclass
class CriterionRow:
    number: int
    code: str = ""
    parent_code: str = ""
    depth: int = 0
    fields: dict = field(default_factory=dict)
    status: str = "new"  # "new", "changed", "same"
    errors: list[RowError] = field(default_factory=list)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.fields.get("kind", ""), "")


@dataclass
class CriteriaPreview(Preview):
    rows: list[CriterionRow] = field(default_factory=list)


def _clean_field(name: str, value: Any):
    return Criterion._meta.get_field(name).clean(value, None)


def _read_row(sheet_row) -> CriterionRow:
    values = sheet_row.values
    row = CriterionRow(sheet_row.number)

    reader = RowReader(row, values, _HEADERS)
    fail, cell = reader.fail, reader.cell

    code = cell("code", to_text) or ""
    row.code = code.rstrip(".").strip()
    if not row.code:
        fail("code", "Thiếu mã tiêu chí.")
    else:
        try:
            scoring.parse_code(row.code)
            _clean_field("code", row.code)
        except scoring.ScoringInputError as error:
            fail("code", error)
        except ValidationError as error:
            fail("code", " ".join(error.messages))
    row.parent_code = (cell("parent", to_text) or "").rstrip(".").strip()
    row.fields["level"] = cell("level", to_int)
    name = cell("name", to_text)
    if not name:
        fail("name", "Thiếu tên tiêu chí.")
    else:
        row.fields["name"] = cell("name", lambda v: _clean_field("name", to_text(v)))
    row.fields["kind"] = cell("kind", _kind) or K.GROUP
    for key in _DECIMALS:
        places = Criterion._meta.get_field(key).decimal_places
        number = cell(key, lambda v, p=places: to_decimal(v, places=p))
        if number is not None:
            try:
                _clean_field(key, number)
            except ValidationError:
                fail(key, f"Số {number} quá lớn.")
                number = None
        row.fields[key] = number
    row.fields["guidance"] = cell("guidance",
                                  lambda v: _clean_field("guidance", to_text(v))) or ""
    row.fields["evidence_required"] = bool(cell("evidence_required", to_bool))
    return row


def criteria_preview(*, cluster: Cluster, year: int, data: bytes) -> CriteriaPreview:
    """What importing ``data`` would do, with every error; saves nothing. Raises
    ValidationError when the file itself cannot be read (not a spreadsheet, no header)."""
    table = read_table(data, columns=COLUMNS)
    preview = CriteriaPreview(errors=list(table.errors))
    stored = {c.code: c for c in Criterion.objects.filter(cluster=cluster, year=year)
              .select_related("parent")}
    rows = [_read_row(sheet_row) for sheet_row in table.rows]
    by_code: dict[str, CriterionRow] = {}
    for row in rows:
        if row.code and row.code in by_code:
            row.errors.append(RowError(row.number, _HEADERS["code"],
                                       f"Mã {row.code} trùng với dòng {by_code[row.code].number}."))
        elif row.code:
            by_code[row.code] = row
    known = set(by_code) | set(stored)
    # Parents, in file order so "Cấp" can look at the rows above.
    above: list[CriterionRow] = []
    for row in rows:
        level = row.fields.pop("level")
        parent = ""
        if row.parent_code:
            parent = row.parent_code
            if parent == row.code:
                row.errors.append(RowError(row.number, _HEADERS["parent"],
                                           "Tiêu chí không thể là tiêu chí cha của chính nó."))
                parent = ""
            elif parent not in known:
                row.errors.append(RowError(
                    row.number, _HEADERS["parent"],
                    f"Không có tiêu chí mã {parent} trong tệp hay trong bảng tiêu chí năm "
                    f"{year}."))
                parent = ""
        elif level is not None:
            if level < 1:
                row.errors.append(RowError(row.number, _HEADERS["level"],
                                           "Cấp phải là số nguyên từ 1 trở lên."))
            elif level > 1:
                match = next((r for r in reversed(above) if r.depth == level - 2), None)
                if match is None:
                    row.errors.append(RowError(
                        row.number, _HEADERS["level"],
                        f"Không có tiêu chí cấp {level - 1} ở dòng nào phía trên để làm "
                        "tiêu chí cha."))
                else:
                    parent = match.code
        elif "." in row.code and row.code.rsplit(".", 1)[0] in known:
            parent = row.code.rsplit(".", 1)[0]
        elif row.code in stored and stored[row.code].parent_id:
            parent = stored[row.code].parent.code
        row.parent_code = parent
        row.depth = by_code[parent].depth + 1 if parent in by_code else (1 if parent else 0)
        above.append(row)
    # The tree as it would be: the file's rows over the stored ones.
    edges = {code: (c.parent.code if c.parent_id else None) for code, c in stored.items()}
    edges.update({code: (row.parent_code or None) for code, row in by_code.items()})
    kinds = {code: c.kind for code, c in stored.items()}
    kinds.update({code: row.fields["kind"] for code, row in by_code.items()})
    cycle = scoring.detect_cycle(edges)
    if cycle:
        preview.errors.append(RowError(0, _HEADERS["parent"],
                                       "Quan hệ tiêu chí cha – con tạo thành vòng lặp: "
                                       + " → ".join(cycle) + "."))
    has_children = {parent for parent in edges.values() if parent}
    if not cycle:  # each row's depth in the tree as it would be: parents are saved first
        for row in rows:
            depth, node = 0, edges.get(row.code)
            while node:
                depth, node = depth + 1, edges.get(node)
            row.depth = depth
    for row in rows:
        kind = row.fields["kind"]
        if row.parent_code and kinds.get(row.parent_code, K.GROUP) != K.GROUP:
            row.errors.append(RowError(
                row.number, _HEADERS["parent"],
                f"Tiêu chí {row.parent_code} có cách tính điểm riêng (tiêu chí lá) nên không "
                "thể có tiêu chí con; hãy để trống cột “Cách tính điểm” của nó."))
        if kind != K.GROUP and row.code in has_children:
            row.errors.append(RowError(
                row.number, _HEADERS["kind"],
                "Tiêu chí có tiêu chí con nên là nhóm tiêu chí; hãy để trống cách tính điểm."))
        for name in PARAMETERS:
            if name not in KIND_PARAMETERS[kind]:
                row.fields[name] = None
        probe = Criterion(**{k: row.fields[k] for k in _COMPARED if k in row.fields})
        try:
            probe.to_rule()
        except scoring.ScoringRuleError as error:
            row.errors.append(RowError(row.number, _HEADERS["kind"], str(error)))
        current = stored.get(row.code)
        if current is not None:
            same = all(getattr(current, k) == row.fields.get(k) for k in _COMPARED) and (
                (current.parent.code if current.parent_id else "") == row.parent_code)
            row.status = "same" if same else "changed"
        preview.errors.extend(row.errors)
    preview.rows = rows
    preview.errors.sort(key=lambda e: e.row)
    return preview


@transaction.atomic
def criteria_import(*, cluster: Cluster, year: int, data: bytes,
                    acting_user: User | None) -> CriteriaPreview:
    """Save every row of a valid file, in one transaction, through ``criterion_save``; rows
    equal to the stored criteria are not touched. Raises ValidationError (nothing saved) when
    the file has any error, checked again here against the table as it is now."""
    require(acting_user, "campaigns.manage_year", YearScope(cluster, year))
    Cluster.objects.select_for_update().get(pk=cluster.pk)
    preview = criteria_preview(cluster=cluster, year=year, data=data)
    if not preview.is_valid:
        raise ValidationError([_error_text(e) for e in preview.errors])
    saved = {c.code: c for c in Criterion.objects.filter(cluster=cluster, year=year)}
    stored_parents = {c.parent_id for c in saved.values() if c.parent_id}
    # Groups first, parents before children; then leaves, those that were groups last (their
    # former children have moved by then).
    order = sorted(
        (row for row in preview.rows if row.status != "same"),
        key=lambda r: (r.fields["kind"] != K.GROUP,
                       r.code in saved and saved[r.code].pk in stored_parents, r.depth),
    )
    for row in order:
        fields = {k: row.fields[k] for k in _COMPARED}
        if row.parent_code and row.parent_code not in saved:
            raise ValidationError(f"Dòng {row.number}: chưa lưu được tiêu chí cha "
                                  f"{row.parent_code}.")
        saved[row.code] = criterion_save(
            cluster=cluster, year=year, criterion=saved.get(row.code), acting_user=acting_user,
            parent=saved.get(row.parent_code) if row.parent_code else None, code=row.code,
            **fields)
    return preview


def _error_text(error: RowError) -> str:
    where = f"Dòng {error.row}" if error.row else "Tệp"
    column = f", cột “{error.column}”" if error.column else ""
    return f"{where}{column}: {error.message}"


def _rows_of(cluster: Cluster, year: int) -> list[list[Any]]:
    from campaigns.selectors import criteria_tree

    rows = []
    tree = criteria_tree(cluster=cluster, year=year).rows
    codes = {row.pk: row.code for row in tree}
    for row in tree:
        kept = KIND_PARAMETERS[row.kind]
        rows.append([
            row.code, codes.get(row.parent_id, ""), row.depth + 1, row.name,
            KIND_NAMES[row.kind], row.max_points,
            *[getattr(row, key) if key in kept else None for key in _DECIMALS[1:]],
            row.guidance, "Có" if row.evidence_required else "",
        ])
    return rows


_EXAMPLE = [
    ["I", "", 1, "Thực hiện nhiệm vụ chuyên môn", "Nhóm tiêu chí", 60, None, None, None,
     None, None, None, None, "", ""],
    ["1.1", "I", 2, "Ban hành kế hoạch thi đua đúng hạn", "Định tính", 10, None, None, None,
     None, None, None, None, "Có kế hoạch trước ngày 31/3: 10 điểm", "Có"],
    ["1.2", "I", 2, "Tỷ lệ hồ sơ giải quyết đúng hạn (%)", "Định lượng", Decimal("2.5"), 95,
     None, None, None, None, None, None, "", ""],
]


def criteria_workbook(*, cluster: Cluster, year: int, with_rows: bool) -> bytes:
    """The template (with three example rows) or, ``with_rows``, the year's table in it."""
    title = f"BẢNG TIÊU CHÍ THI ĐUA NĂM {year} — {cluster.name}"
    note = ("Điền mỗi tiêu chí một dòng, dưới dòng tiêu đề. Không đổi tên các cột; có thể bỏ "
            "cột không dùng. Xem trang “Hướng dẫn”. Nhập lại tệp này không làm thay đổi các "
            "tiêu chí đã giống.")
    rows = _rows_of(cluster, year) if with_rows else _EXAMPLE
    guidance = [("Cách tính điểm", f"{name}: {label}") for kind, name in KIND_NAMES.items()
                for label in [K(kind).label]]
    return write_table(title=title, note=note, columns=COLUMNS, rows=rows, guidance=guidance,
                       sheet_title="Tiêu chí")
