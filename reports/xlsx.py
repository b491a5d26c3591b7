"""Score tables and rankings as an Excel workbook (openpyxl).

Formula guard. Cell text comes from users (unit names, criteria, comments). A string that
Excel or a spreadsheet reading a CSV export would take for a formula (first character ``=``,
``+``, ``-``, ``@``, tab or carriage return, also after leading spaces: OWASP "CSV Injection")
is written as a string cell (``data_type`` "s", never "f") **and** prefixed with a single
quote. The type alone already keeps Excel from evaluating the cell when the file is opened; the
quote is what OWASP recommends, and it keeps the cell inert when someone edits it (F2, Enter)
or saves the sheet as CSV and opens that. The cost is a visible apostrophe before such text
(``'-2+3``), which we accept: an official score sheet should show that the text is literal.
Numbers (int, float, Decimal) stay numbers, so sums and sorting work; numbers typed as text
by a user are text. The guard itself is ``cluster.text.spreadsheet_safe``, shared with every
other spreadsheet-like export (the CSV of a bình xét's results).
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from cluster.text import is_formula_like, spreadsheet_safe

__all__ = ["Column", "Sheet", "is_formula_like", "render_xlsx", "safe_text"]

Value = str | int | float | Decimal | bool | datetime.date | None

FONT = "Times New Roman"
INVALID_SHEET_CHARS = re.compile(r"[\\*?:/\[\]]")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def safe_text(text: str) -> str:
    """User text as an inert cell value: control characters Excel refuses are dropped, and a
    formula-like text gets a leading single quote."""
    return spreadsheet_safe(ILLEGAL_CHARACTERS_RE.sub("", text))


@dataclass(frozen=True)
class Column:
    """A column: its heading, its width in Excel character units and its number format
    ("0.00", "#,##0", "0.0%"; "" keeps Excel's General)."""

    heading: str
    width: float = 12
    number_format: str = ""


@dataclass(frozen=True)
class Sheet:
    """One worksheet: title lines merged across the columns, a bold header row frozen above
    the data, then the rows. ``freeze_columns`` keeps the first columns (TT, unit name) in
    view when scrolling right."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    title_lines: tuple[str, ...] = ()
    freeze_columns: int = 0

    def __post_init__(self):
        object.__setattr__(self, "columns", tuple(self.columns))
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))
        object.__setattr__(
            self,
            "title_lines",
            (self.title_lines,) if isinstance(self.title_lines, str) else tuple(self.title_lines),
        )
        if not self.columns:
            raise ValueError("A sheet needs at least one column.")
        for number, row in enumerate(self.rows, start=1):
            if len(row) > len(self.columns):
                raise ValueError(f"Row {number} has more values than the sheet has columns.")


def _sheet_title(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of \\ * ? : / [ ], unique ignoring case."""
    base = INVALID_SHEET_CHARS.sub("-", ILLEGAL_CHARACTERS_RE.sub("", name)).strip("' ")
    base = (base or "Sheet")[:31]
    title, counter = base, 1
    while title.casefold() in taken:
        counter += 1
        suffix = f" ({counter})"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def _write(cell, value: Value, number_format: str = "") -> None:
    if isinstance(value, str):
        cell.value = safe_text(value)
        cell.data_type = "s"  # a string, whatever openpyxl would guess
        return
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    cell.value = value
    if isinstance(value, datetime.datetime):
        cell.number_format = number_format or "dd/mm/yyyy hh:mm"
    elif isinstance(value, datetime.date):
        cell.number_format = number_format or "dd/mm/yyyy"
    elif number_format and not isinstance(value, bool) and value is not None:
        cell.number_format = number_format


def _fill_sheet(worksheet, sheet: Sheet) -> None:
    width = len(sheet.columns)
    row = 1
    for line in sheet.title_lines:
        cell = worksheet.cell(row=row, column=1)
        _write(cell, line)
        cell.font = Font(name=FONT, size=14, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if width > 1:
            worksheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    if sheet.title_lines:
        row += 1  # a blank row between the title and the table

    header_row = row
    for column_index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(row=header_row, column=column_index)
        _write(cell, column.heading)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        worksheet.column_dimensions[get_column_letter(column_index)].width = column.width

    body_font = Font(name=FONT, size=12)
    for row_index, values in enumerate(sheet.rows, start=header_row + 1):
        for column_index, column in enumerate(sheet.columns, start=1):
            value = values[column_index - 1] if column_index <= len(values) else None
            cell = worksheet.cell(row=row_index, column=column_index)
            _write(cell, value, column.number_format)
            cell.font = body_font
            cell.border = BOX
            cell.alignment = Alignment(vertical="center", wrap_text=isinstance(value, str))

    last_row = header_row + max(len(sheet.rows), 1)
    worksheet.freeze_panes = worksheet.cell(row=header_row + 1, column=sheet.freeze_columns + 1)
    worksheet.auto_filter.ref = f"A{header_row}:{get_column_letter(width)}{last_row}"
    worksheet.print_title_rows = f"{header_row}:{header_row}"
    worksheet.page_setup.paperSize = worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = "landscape" if width > 6 else "portrait"
    worksheet.page_setup.fitToWidth, worksheet.page_setup.fitToHeight = 1, 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True


def render_xlsx(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with one worksheet per :class:`Sheet`, as .xlsx bytes."""
    sheets = list(sheets)
    if not sheets:
        raise ValueError("A workbook needs at least one sheet.")
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for sheet in sheets:
        _fill_sheet(workbook.create_sheet(_sheet_title(sheet.name, taken)), sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
