"""Realistic .xlsx files for the import tests, built with openpyxl: a merged title row above
the header, as clusters' own tables have."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook


def xlsx(header, rows, *, title="BẢNG TIÊU CHÍ THI ĐUA", merges=(), formulas=None) -> bytes:
    """A workbook: ``title`` merged over row 1 (when given), ``header``, then ``rows``;
    ``merges`` are extra ranges ("B5:F5"); ``formulas`` maps a cell ("F4") to a formula."""
    book = Workbook()
    sheet = book.active
    if title:
        sheet["A1"] = title
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    for ref, formula in (formulas or {}).items():
        sheet[ref] = formula
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def with_cached_value(data: bytes, ref: str, value: str) -> bytes:
    """The file as Excel saves it: the formula in ``ref`` with its computed ``value``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                start = text.index(f'<c r="{ref}"')
                end = text.index("</c>", start)
                cell = text[start:end]
                if "<v>" in cell:
                    new = cell.split("<v>")[0] + f"<v>{value}</v>"
                elif "<v/>" in cell:
                    new = cell.replace("<v/>", f"<v>{value}</v>")
                else:
                    new = cell + f"<v>{value}</v>"
                text = text[:start] + new + text[end:]
                content = text.encode()
            target.writestr(item, content)
    return output.getvalue()


class Upload(io.BytesIO):
    """A file as a form's upload gives it: bytes with a name and a size."""

    def __init__(self, data: bytes, name: str = "tieu-chi.xlsx"):
        super().__init__(data)
        self.name = name
        self.size = len(data)
