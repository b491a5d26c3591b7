"""Reading and writing the Excel (.xlsx) templates users fill in to import tables (issue #13).

A hand-written reader on openpyxl rather than django-import-export/tablib: the templates have a
merged title row and a guidance row above the header, group rows whose name is merged across
columns, and users retype headers with or without diacritics — tablib takes the first row as
the header and knows nothing of merged cells. What it does:

* ``check_upload(file)``: the file is an .xlsx, no larger than ``IMPORT_MAX_BYTES`` and
  without macros or external links (``cluster.uploads.validate_upload``); anything else
  (a PDF, a text file renamed .xlsx, an old .xls) is refused in Vietnamese.
* ``read_table(data, columns=...)``: finds the header row among the first rows by the
  columns' names compared without diacritics, case, spacing or a "(…)" note; returns each
  non-empty row below it with its row number as Excel shows it. A value merged down a column
  repeats in every row it covers; a value merged across columns stays in its first cell. A
  formula gives the value Excel last computed, or an error when the file has none.
* ``to_text``/``to_decimal``/``to_int``/``to_bool``: what users type ("2,5", "1.000,5",
  "20%", "x", "Có") as Python values, or a ``CellError`` in Vietnamese.
* ``write_table(...)``: a template or an export — a merged title row, a guidance row, the
  header, the rows (through ``cluster.text.spreadsheet_safe``), a "Hướng dẫn" sheet.
* ``pending_*``: the uploaded file kept server-side between the preview and the
  confirmation, under a random token tied to the user's session, checked by its SHA-256.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from cluster.text import is_formula_like, spreadsheet_safe
from cluster.uploads import validate_upload

IMPORT_MAX_BYTES = 2 * 1024 * 1024  # a table of a few hundred rows is tens of kilobytes
MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 15
PENDING_PREFIX = "imports/pending"
PENDING_MAX_AGE = datetime.timedelta(hours=2)
_SESSION_KEY = "spreadsheet_imports"
_NOT_XLSX = (
    "Tệp tải lên không phải bảng tính Excel (.xlsx). Hãy tải tệp mẫu, điền dữ liệu rồi lưu "
    "dưới dạng “Excel Workbook (.xlsx)”.")


class CellError(ValueError):
    """A cell's value that does not fit its column; the message is in Vietnamese."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as the template writes it
    help: str = ""
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 16


@dataclass
class RowError:
    row: int  # as Excel numbers it; 0 for the file as a whole
    column: str  # the column's header, or "" for the row
    message: str


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any]


@dataclass
class Table:
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class Preview:
    """What an import would do: its rows (each with ``errors`` and a ``status``) and the
    file's errors, rows' included. Each import's preview subclasses it."""

    rows: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def count(self, status: str, *, what: str = "status") -> int:
        return sum(1 for row in self.rows if getattr(row, what) == status)


class RowReader:
    """Reads one sheet row's cells into a preview row, recording each cell's problem on the
    row as a Vietnamese ``RowError`` under its column's header (``headers``: key → header)."""

    def __init__(self, row, values: dict[str, Any], headers: dict[str, str]):
        self.row, self.values, self.headers = row, values, headers

    def fail(self, key: str, message) -> None:
        self.row.errors.append(RowError(self.row.number, self.headers[key], str(message)))

    def cell(self, key: str, convert):
        """``convert`` of the cell's value, or None with the problem recorded."""
        from django.core.exceptions import ValidationError

        try:
            return convert(self.values.get(key))
        except CellError as error:
            self.fail(key, error)
        except ValidationError as error:
            self.fail(key, " ".join(error.messages))
        return None


def normalize_header(text: Any) -> str:
    """"Điểm tối đa (điểm)" → "diem toi da": no diacritics, đ as d, lowercase, a "(…)" note and
    punctuation dropped, single spaces."""
    text = re.sub(r"\(.*?\)", " ", str(text or ""))
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# --- The upload ------------------------------------------------------------------------------

def check_upload(uploaded_file: Any) -> bytes:
    """The bytes of an uploaded .xlsx file, or ValidationError in Vietnamese."""
    try:
        detected = validate_upload(uploaded_file, max_bytes=IMPORT_MAX_BYTES)
    except ValidationError as error:
        if error.code in {"mismatch", "type_not_allowed", "markup"}:
            raise ValidationError(_NOT_XLSX, code="not_xlsx") from None
        raise
    if detected.kind != "xlsx":
        raise ValidationError(_NOT_XLSX, code="not_xlsx")
    uploaded_file.seek(0)
    return bytes(uploaded_file.read())


def _load(data: bytes, *, data_only: bool):
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise ValidationError(
            "Không đọc được tệp Excel (tệp bị hỏng hoặc không đúng định dạng .xlsx).",
            code="corrupt") from None


# --- Reading ---------------------------------------------------------------------------------

def _header_map(cells: Sequence[Any], columns: Sequence[Column]) -> dict[int, Column]:
    names = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            names.setdefault(normalize_header(name), column)
    found: dict[int, Column] = {}
    for index, value in enumerate(cells):
        column = names.get(normalize_header(value))
        if column is not None and column not in found.values():
            found[index] = column
    return found


def read_table(data: bytes, *, columns: Sequence[Column]) -> Table:
    """The rows of the first sheet whose header names the required columns (see the module's
    doc). Raises ValidationError when the file cannot be read or has no such header."""
    values_book = _load(data, data_only=True)
    formulas_book = _load(data, data_only=False)
    required = {c.key for c in columns if c.required}
    for sheet in values_book.worksheets:
        formulas = formulas_book[sheet.title]
        grid = [list(row) for row in sheet.iter_rows(values_only=True)]
        for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
            mapping = _header_map(cells, columns)
            if required <= {c.key for c in mapping.values()}:
                return _rows(sheet, formulas, grid, index, mapping, columns)
    headers = ", ".join(f"“{c.header}”" for c in columns if c.required)
    raise ValidationError(
        f"Không tìm thấy dòng tiêu đề của bảng: tệp cần có các cột {headers} (hãy dùng tệp "
        "mẫu).", code="no_header")


def _rows(sheet, formulas, grid, header_index, mapping, columns) -> Table:
    table = Table()
    # A value merged down one column repeats in each row it covers (a group's code beside its
    # children); merged across columns it stays in its first cell (a group's name over the
    # empty parameter columns).
    for merged in sheet.merged_cells.ranges:
        if merged.min_row - 1 <= header_index or merged.min_row == merged.max_row:
            continue
        top = grid[merged.min_row - 1][merged.min_col - 1]
        for row in range(merged.min_row, merged.max_row + 1):
            if merged.min_col == merged.max_col and row - 1 < len(grid):
                grid[row - 1][merged.min_col - 1] = top
    for index in range(header_index + 1, len(grid)):
        cells = grid[index]
        number = index + 1
        values = {}
        for position, column in mapping.items():
            value = cells[position] if position < len(cells) else None
            if value is None and formulas.cell(row=number, column=position + 1).data_type == "f":
                table.errors.append(RowError(
                    number, column.header,
                    "Ô có công thức nhưng tệp không lưu giá trị đã tính; hãy mở tệp bằng Excel, "
                    "lưu lại, hoặc dán giá trị thay cho công thức."))
                value = ""
            if isinstance(value, str):
                value = value.strip()
                if value.startswith("'") and is_formula_like(value[1:]):
                    value = value[1:]  # the quote our own export put before "=", "-", …
            values[column.key] = None if value in ("", None) else value
        if all(v is None for v in values.values()):
            continue  # empty rows, trailing or between groups
        if len(table.rows) >= MAX_ROWS:
            raise ValidationError(f"Tệp có quá nhiều dòng (tối đa {MAX_ROWS} dòng).",
                                  code="too_many_rows")
        table.rows.append(SheetRow(number, values))
    if not table.rows:
        table.errors.append(RowError(0, "", "Bảng trong tệp chưa có dòng dữ liệu nào."))
    return table


# --- Cell values -----------------------------------------------------------------------------

def to_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        raise CellError("Ô này cần chữ, không phải ngày tháng.")
    return str(value).strip()


_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def to_decimal(value: Any, *, places: int = 2) -> Decimal | None:
    """A number typed or stored: 2.5, "2,5", "2.5", "1.000,5", "1,000.5", "20%" (0.2)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or isinstance(value, datetime.date | datetime.datetime):
        raise CellError("Ô này cần một số.")
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        percent = text.endswith("%")
        text = text.rstrip("%")
        if "," in text and "." in text:
            decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
            thousands = "." if decimal_mark == "," else ","
            text = text.replace(thousands, "").replace(decimal_mark, ".")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        elif text.count(",") > 1 or text.count(".") > 1:
            text = text.replace(",", "").replace(".", "")
        if not _NUMBER.fullmatch(text):
            raise CellError(f"“{value}” không phải là số (ví dụ đúng: 10 hoặc 2,5).")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(f"“{value}” không phải là số.") from None
        if percent:
            number /= 100
    number = number.normalize()
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise CellError(f"Số {value} có quá {places} chữ số sau dấu thập phân.")
    return number.quantize(Decimal(1).scaleb(-places))


def to_int(value: Any) -> int | None:
    number = to_decimal(value, places=6)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(f"“{value}” cần là số nguyên.")
    return int(number)


_YES = {"co", "x", "yes", "y", "1", "true", "dung", "bat buoc", "can"}
_NO = {"khong", "no", "n", "0", "false", "sai", ""}


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = normalize_header(to_text(value))
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(f"“{value}” không hiểu được; hãy ghi “Có” hoặc để trống.")


# --- Writing ---------------------------------------------------------------------------------

def write_table(*, title: str, note: str, columns: Sequence[Column],
                rows: Iterable[Sequence[Any]], guidance: Iterable[tuple[str, str]] = (),
                sheet_title: str = "Dữ liệu") -> bytes:
    """An .xlsx workbook: a merged title row, a merged note row, the header, the rows (text
    made inert through ``spreadsheet_safe``), and a "Hướng dẫn" sheet of ``guidance``."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    def cell_value(value):
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", spreadsheet_safe(value))
        return value

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    last = get_column_letter(len(columns))
    sheet["A1"] = cell_value(title)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A2"] = cell_value(note)
    sheet["A2"].font = Font(italic=True)
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(f"A2:{last}2")
    sheet.row_dimensions[2].height = 45
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=3, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A4"
    for row_index, row in enumerate(rows, start=4):
        for col_index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=col_index, value=cell_value(value))
            if isinstance(value, str):
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    help_sheet = book.create_sheet("Hướng dẫn")
    help_sheet.append(["Cột", "Cách điền"])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in columns:
        mark = " (bắt buộc)" if column.required else ""
        help_sheet.append([cell_value(column.header + mark), cell_value(column.help)])
    for name, text in guidance:
        help_sheet.append([cell_value(name), cell_value(text)])
    help_sheet.column_dimensions["A"].width = 28
    help_sheet.column_dimensions["B"].width = 100
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# --- Between the preview and the confirmation --------------------------------------------------

def _purge_stale() -> None:
    try:
        _dirs, names = default_storage.listdir(PENDING_PREFIX)
    except (FileNotFoundError, NotADirectoryError):
        return
    limit = timezone.now() - PENDING_MAX_AGE
    for name in names:
        path = f"{PENDING_PREFIX}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except FileNotFoundError:
            pass


def pending_store(request, *, kind: str, scope: str, data: bytes) -> str:
    """Keep ``data`` server-side for this user and return the random token naming it."""
    _purge_stale()
    token = secrets.token_hex(16)
    default_storage.save(f"{PENDING_PREFIX}/{token}.xlsx", ContentFile(data))
    pending = request.session.get(_SESSION_KEY, {})
    pending = {k: v for k, v in pending.items() if v.get("kind") != kind}  # one per kind
    pending[token] = {"kind": kind, "scope": scope, "user": request.user.pk,
                      "sha256": hashlib.sha256(data).hexdigest()}
    request.session[_SESSION_KEY] = pending
    return token


def pending_load(request, *, token: str, kind: str, scope: str) -> bytes | None:
    """The bytes kept under ``token`` if this session stored them for this user, kind and
    scope and they are unchanged; else None."""
    entry = request.session.get(_SESSION_KEY, {}).get(str(token))
    if not entry or entry != {**entry, "kind": kind, "scope": scope, "user": request.user.pk}:
        return None
    if not re.fullmatch(r"[0-9a-f]{32}", str(token)):
        return None
    try:
        with default_storage.open(f"{PENDING_PREFIX}/{token}.xlsx", "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return None
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        return None
    return data


def pending_drop(request, *, token: str) -> None:
    pending = request.session.get(_SESSION_KEY, {})
    if pending.pop(str(token), None) is not None:
        request.session[_SESSION_KEY] = pending
        default_storage.delete(f"{PENDING_PREFIX}/{token}.xlsx")
