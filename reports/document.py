"""An official document as data (Nghị định 30/2020/NĐ-CP, Phụ lục I), before any rendering.

Callers build an immutable :class:`Document` snapshot from the other apps' selectors, then hand
it to ``reports.pdf.render_pdf`` or ``reports.docx.render_docx``; both renderers read the same
snapshot, so the PDF and the Word file of one dossier say the same thing (as pretix snapshots an
invoice before rendering it).

Every string is plain text as a user typed it. Renderers escape it: nothing here is markup.
Upper-casing, numbering and the "Số:", date and "Nơi nhận:" lines are computed here once, so the
two renderers cannot disagree on them.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from cluster.charts import Chart, render_svg
from cluster.printable import replace_unprintable
from cluster.text import long_date

REPUBLIC = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NBSP = "\u00a0"

# Abbreviations of the document types (Phụ lục III of Nghị định 30/2020). A công văn has none:
# it is numbered "1237/BNV-VP".
KIND_ABBREVIATIONS = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "GIẤY MỜI": "GM",
    "GIAO ƯỚC THI ĐUA": "GƯ",
}

CellValue = str | int | float | Decimal | None


def _tuple(value: Iterable | str) -> tuple:
    """Accept a list (or a lone string) where a tuple is stored, so snapshots stay immutable."""
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _freeze(instance, **fields) -> None:
    for name, value in fields.items():
        object.__setattr__(instance, name, value)


def format_number(number: int | None, symbol: str) -> str:
    """"05/BC-CTĐ": numbers under 10 take a leading zero. Without a number (a draft not yet
    registered by the văn thư) the space is left blank for the hand-written number, in
    no-break spaces that HTML does not collapse."""
    if number is None:
        return f"{NBSP * 8}/{symbol}"
    if number < 1:
        raise ValueError(f"A document number starts at 1, not {number}.")
    return f"{number:02d}/{symbol}"


def format_value(value: CellValue) -> str:
    """A number as Vietnamese documents print it: "1.234", "92,5"; text unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, (float, Decimal)):
        exact = Decimal(str(value)) if isinstance(value, float) else value
        if exact == exact.to_integral_value():
            return format_value(int(exact))
        text = format(exact.normalize(), "f")
        whole, _, fraction = text.partition(".")
        return f"{format_value(int(whole))},{fraction}" if whole != "-0" else f"-0,{fraction}"
    return str(value)


# --- word groups that never break across lines -----------------------------------------------

#: Word groups bound wherever they appear in a name or an authority line (case-insensitive):
#: the bodies and positions the documents print. A Vietnamese word of several syllables is
#: written with spaces, so a line could otherwise break inside it ("GIÁM / ĐỐC").
BOUND_PHRASES = (
    "Sở Nội vụ", "Bộ Nội vụ", "Cụm thi đua", "Khối thi đua", "Ủy ban nhân dân",
    "Phó Giám đốc", "Giám đốc", "Cụm trưởng", "Khối trưởng", "Cụm phó", "Khối phó",
    "Thư ký", "Chủ trì", "Lãnh đạo", "Trưởng phòng", "Chánh Văn phòng", "Thủ trưởng",
    "thành phố", "thị xã", "thị trấn",
)
#: Administrative prefixes kept with the place name after them ("tỉnh Hà Tĩnh").
PLACE_PREFIXES = ("các tỉnh, thành phố", "các tỉnh", "thành phố", "thị xã", "thị trấn", "tỉnh",
                  "huyện", "quận", "xã", "phường")
_FONTS = Path(__file__).resolve().parent / "static" / "reports" / "fonts"


@functools.lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict, int]:
    """The advance widths of the document font (the shipped Liberation Serif, which has the
    metrics of Times New Roman) by character, and its units per em."""
    from fontTools.ttLib import TTFont

    with TTFont(_FONTS / f"LiberationSerif-{'Bold' if bold else 'Regular'}.ttf") as font:
        metrics, cmap = font["hmtx"].metrics, font.getBestCmap()
        return ({chr(code): metrics[name][0] for code, name in cmap.items()},
                font["head"].unitsPerEm)


def text_width_em(text: str, *, bold: bool = True) -> float:
    """The printed width of ``text`` in ems of its font size (no kerning, as printed)."""
    import unicodedata

    advances, units = _advances(bold)
    default = advances.get("M", units)
    return sum(advances.get(char, default) for char in unicodedata.normalize("NFC", text)) / units


def _words_match(words: list[str], start: int, phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` starts at ``words[start]``, in any case; the last word may carry
    punctuation ("Giám đốc," matches "Giám đốc")."""
    end = start + len(phrase)
    if start < 0 or end > len(words):
        return False
    found = [word.casefold() for word in words[start:end]]
    found[-1] = found[-1].rstrip(",;:.)")
    return found == [part.casefold() for part in phrase]


def bind_words(text: str, *, upper: bool = False, width_em: float | None = None,
               bold: bool = True) -> str:
    """``text`` with no-break spaces inside its word groups, so that a line breaks only between
    groups: a body or position (:data:`BOUND_PHRASES`), a place with its administrative prefix
    ("tỉnh Hà Tĩnh", "thành phố Hồ Chí Minh"), a proper name (consecutive capitalised words:
    "Bắc Trung Bộ", "Ngô Quang Chiến"), "số 3". ``upper`` prints it in capitals. A group wider
    than ``width_em`` (ems of the font size, the width of the column it prints in) could not
    fit on a line: it is bound in smaller parts (the place without its prefix), or not at all.
    The names come from the data, so the rules are generic, not a list of provinces."""
    if not text:
        return text
    words = text.split(" ")
    bound = [False] * max(len(words) - 1, 0)  # bound[i]: no break between words i and i+1

    def width(start: int, end: int) -> float:
        group = " ".join(words[start:end])
        return text_width_em(group.upper() if upper else group, bold=bold)

    def bind(start: int, end: int) -> bool:
        """Bind words[start:end] if the group fits the width; True if bound."""
        if end - start < 2 or (width_em is not None and width(start, end) > width_em):
            return False
        for index in range(start, end - 1):
            bound[index] = True
        return True

    def capitalised(word: str) -> bool:
        return word[:1].isupper()  # a name's syllables each start with a capital

    # Proper names: runs of capitalised words, with the administrative prefix before them.
    prefixes = [tuple(prefix.split(" ")) for prefix in PLACE_PREFIXES]
    index = 0
    while index < len(words):
        end = index
        while end < len(words) and capitalised(words[end]):
            end += 1
            if words[end - 1][-1] in ",;:)":  # a name ends at a comma ("TM." does not)
                break
        if end > index:
            prefix = next((p for p in prefixes if _words_match(words, index - len(p), p)),
                          None)
            if not (prefix and bind(index - len(prefix), end)):
                bind(index, end)
            index = end
        else:
            index += 1
    # Bodies and positions; "số" with the number after it.
    for phrase in BOUND_PHRASES:
        parts = tuple(phrase.split(" "))
        for start in range(len(words)):
            if _words_match(words, start, parts):
                bind(start, start + len(parts))
    for start, word in enumerate(words[:-1]):
        if word.casefold() == "số" and words[start + 1][:1].isdigit():
            bind(start, start + 2)
    out = words[0]
    for index, word in enumerate(words[1:]):
        out += (NBSP if bound[index] else " ") + word
    return out.upper() if upper else out


def _roman(number: int) -> str:
    numerals = [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out, number = out + letters, number - value
    return out


def heading_label(level: int, index: int) -> str:
    """The label of the ``index``-th (from 1) heading of a level: "I.", "1.", "a)"."""
    if level == 1:
        return f"{_roman(index)}."
    if level == 2:
        return f"{index}."
    letters = "abcdđeghiklmnopqrstuvxy"  # the Vietnamese order documents use: a) b) c) d) đ) e)
    return f"{letters[(index - 1) % len(letters)]})"


#: The widths the names print in, in ems of their font size (document.css): the issuing body's
#: column is 40 % of the 165 mm text width, at 13 pt; a lone signature's 60 %, at 14 pt; a grid
#: of signatures shares the width, less 8 pt of padding a column.
TEXT_WIDTH_PT = 165 * 72 / 25.4
ISSUER_WIDTH_EM = TEXT_WIDTH_PT * 0.4 / 13
SIGNATURE_WIDTH_EM = TEXT_WIDTH_PT * 0.6 / 14


def signature_width_em(columns: int) -> float:
    return SIGNATURE_WIDTH_EM if columns <= 1 else (TEXT_WIDTH_PT / columns - 8) / 14


@dataclass(frozen=True)
class IssuingBody:
    """The issuing body (tên cơ quan ban hành), top left: its own name, bold, and optionally the
    superior body's name above it, not bold. Each is a tuple of lines, printed in capitals."""

    name: tuple[str, ...]
    superior: tuple[str, ...] = ()

    def __post_init__(self):
        _freeze(self, name=_tuple(self.name), superior=_tuple(self.superior))
        if not any(line.strip() for line in self.name):
            raise ValueError("The issuing body needs a name.")

    @property
    def name_lines(self) -> tuple[str, ...]:
        return tuple(bind_words(line, upper=True, width_em=ISSUER_WIDTH_EM) for line in self.name)

    @property
    def superior_lines(self) -> tuple[str, ...]:
        return tuple(bind_words(line, upper=True, width_em=ISSUER_WIDTH_EM, bold=False)
                     for line in self.superior)


@dataclass(frozen=True)
class Heading:
    """A heading of the body. Level 1 is numbered "I.", level 2 "1.", level 3 "a)" unless
    ``label`` is given ("" for none)."""

    text: str
    level: int = 1
    label: str | None = None
    block_type: ClassVar[str] = "heading"

    def __post_init__(self):
        if self.level not in (1, 2, 3):
            raise ValueError(f"A heading level is 1, 2 or 3, not {self.level}.")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: justified, first line indented. A newline inside is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    indent: bool = True
    block_type: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class BulletList:
    """Items printed as indented paragraphs starting with the marker: "- Tổ chức bộ máy;"."""

    items: tuple[str, ...]
    marker: str = "-"
    block_type: ClassVar[str] = "bullets"

    def __post_init__(self):
        _freeze(self, items=_tuple(self.items))


@dataclass(frozen=True)
class Cell:
    """A table cell. Numbers are formatted the Vietnamese way and aligned right unless
    ``align`` says otherwise ("left", "center", "right")."""

    value: CellValue = None
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    align: str | None = None

    def __post_init__(self):
        if self.colspan < 1 or self.rowspan < 1:
            raise ValueError("A cell spans at least one row and one column.")
        if self.align not in (None, "left", "center", "right"):
            raise ValueError(f"Unknown alignment {self.align!r}.")

    @property
    def text(self) -> str:
        return format_value(self.value)

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, (int, float, Decimal)) and not isinstance(self.value, bool)

    @property
    def alignment(self) -> str:
        return self.align or ("right" if self.is_number else "left")


def _cells(row: Iterable) -> tuple[Cell, ...]:
    return tuple(value if isinstance(value, Cell) else Cell(value) for value in row)


@dataclass(frozen=True)
class Table:
    """A table with header rows (repeated on every page) and body rows. Rows may hold plain
    values or :class:`Cell` objects. ``column_widths`` are relative weights. ``landscape`` turns
    the whole document to A4 landscape, for tables too wide for a portrait page."""

    header_rows: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    column_widths: tuple[float, ...] = ()
    caption: str = ""
    landscape: bool = False
    block_type: ClassVar[str] = "table"

    def __post_init__(self):
        header = tuple(_cells(row) for row in self.header_rows)
        body = tuple(_cells(row) for row in self.rows)
        _freeze(self, header_rows=header, rows=body, column_widths=_tuple(self.column_widths))
        if self.column_widths and len(self.column_widths) != self.column_count:
            raise ValueError(
                f"{len(self.column_widths)} column widths for {self.column_count} columns."
            )

    @property
    def column_count(self) -> int:
        first = (self.header_rows or self.rows or ((),))[0]
        return sum(cell.colspan for cell in first)

    @property
    def width_percentages(self) -> tuple[float, ...]:
        """Column widths as percentages of the table width (equal when none were given)."""
        weights = self.column_widths or (1,) * self.column_count
        total = sum(weights)
        return tuple(round(100 * weight / total, 2) for weight in weights)


@dataclass(frozen=True)
class PageBreak:
    block_type: ClassVar[str] = "page_break"


@dataclass(frozen=True)
class Figure:
    """A chart (``cluster.charts.Chart``, built from the snapshot) under its caption: vector
    SVG inline in the PDF's HTML, in the document's font; a PNG picture painted from the same
    drawing in the Word file (``reports.chart_png``)."""

    chart: Chart
    caption: str = ""
    block_type: ClassVar[str] = "figure"

    @property
    def svg(self) -> str:
        return render_svg(self.chart)


Block = Heading | Paragraph | BulletList | Table | PageBreak | Figure


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """A narrative typed in a text area, one paragraph per non-empty line."""
    return tuple(Paragraph(line.strip()) for line in text.splitlines() if line.strip())


#: Who signs for whom (Nghị định 30/2020, Điều 8 and Phụ lục I): "TM." before a collective body
#: signed for by its head, "KT." before the head's position when a deputy signs for the head,
#: "Q." before the head's position for an acting head, "TL." and "TUQ." when signing by order
#: or by delegation of the head; the line after KT., TL., TUQ. is the signer's own position.
FOR_WHOM = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
DEPUTY = "phó "


def is_deputy(position: str) -> bool:
    """"Phó Giám đốc", "PHÓ CỤM TRƯỞNG": a deputy's position."""
    return position.strip().casefold().startswith(DEPUTY)


def signing_lines(position: str, body: str = "") -> tuple[str, ...]:
    """The authority lines of who signs as ``position`` (of ``body``, printed on the head's
    line): the head signs with its position ("Giám đốc Sở Nội vụ tỉnh Quảng Trị"); a deputy
    signs for the head, "KT. Giám đốc Sở Nội vụ tỉnh Quảng Trị" then "Phó Giám đốc"."""
    position = " ".join(position.split())
    if is_deputy(position):
        head = position[len(DEPUTY):].strip()
        head = head[:1].upper() + head[1:]
        return (f"KT. {head} {body}".strip(), position)
    return (f"{position} {body}".strip(),)


@dataclass(frozen=True)
class Signature:
    """A signature block: the authority lines in capitals ("TM. CỤM THI ĐUA", "CỤM TRƯỞNG",
    "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG TRỊ"), room for the signature and seal, then the signer's
    name. ``note`` is an optional italic line in the room, e.g. "(Đã ký)" on a copy.

    A deputy signs for the head (:data:`FOR_WHOM`): a deputy's position ("Phó Giám đốc") comes
    right after a "KT." line naming the head's position, and a "KT.", "TL." or "TUQ." line is
    followed by the signer's own position; :func:`signing_lines` makes such lines."""

    authority: tuple[str, ...]
    name: str
    note: str = ""

    def __post_init__(self):
        _freeze(self, authority=_tuple(self.authority))
        lines = [" ".join(line.split()) for line in self.authority]
        for index, line in enumerate(lines):
            before = lines[index - 1].casefold() if index else ""
            if is_deputy(line) and not before.startswith("kt. "):
                raise ValueError(f"A deputy signs for the head: 'KT. ...' before {line!r}.")
            if line.casefold().startswith(("kt. ", "tl. ", "tuq. ")) and index == len(lines) - 1:
                raise ValueError(f"{line!r} is followed by the signer's own position.")

    @property
    def authority_lines(self) -> tuple[str, ...]:
        return self.authority_lines_within(SIGNATURE_WIDTH_EM)

    def authority_lines_within(self, width_em: float) -> tuple[str, ...]:
        """The authority lines in capitals, word groups bound for a column ``width_em`` wide."""
        return tuple(bind_words(line, upper=True, width_em=width_em) for line in self.authority)

    @property
    def name_line(self) -> str:
        """The signer's name as printed: the full name never breaks across lines."""
        return bind_words(self.name, width_em=SIGNATURE_WIDTH_EM)


@dataclass(frozen=True)
class SignatureBlock:
    """A signature as one column of a grid prints it (:attr:`Document.signature_blocks`)."""

    authority_lines: tuple[str, ...]
    name_line: str
    note: str


@dataclass(frozen=True)
class Document:
    """One official document. ``number`` None leaves the number blank (a draft);
    ``kind`` "" makes a công văn, whose subject goes under the number as "V/v ...".
    ``signature_columns`` 0 picks a grid for several signatures (a pledge signed by six units:
    three columns). ``numbered`` False prints no "Số:" line at all, for what is not registered
    in a series (a pledge signed by every member, a score table)."""

    issuer: IssuingBody
    kind: str
    subject: str
    symbol: str
    place: str
    date: datetime.date | None
    number: int | None = None
    addressees: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    signatures: tuple[Signature, ...] = ()
    signature_columns: int = 0
    recipients: tuple[str, ...] = ()
    archive: str = "VT"
    verification_code: str = ""
    qr_payload: str = ""
    landscape: bool = False
    numbered: bool = True

    def __post_init__(self):
        _freeze(
            self,
            addressees=_tuple(self.addressees),
            body=_tuple(self.body),
            signatures=_tuple(self.signatures),
            recipients=_tuple(self.recipients),
        )
        format_number(self.number, self.symbol)  # validates the number
        if not self.symbol.strip():
            raise ValueError("A document needs its symbol, e.g. 'BC-CTĐ'.")
        if self.signature_columns < 0:
            raise ValueError("signature_columns is 0 (automatic) or more.")

    # Lines as printed -----------------------------------------------------------------------

    @property
    def number_line(self) -> str:
        if not self.numbered:
            return ""
        return f"Số: {format_number(self.number, self.symbol)}"

    @property
    def date_line(self) -> str:
        """"Huế, ngày 24 tháng 6 năm 2022"; an undated draft leaves the day and month blank."""
        if self.date is None:
            blank = NBSP * 6
            return f"{self.place}, ngày {blank} tháng {blank} năm {datetime.date.today().year}"
        return f"{self.place}, {long_date(self.date)}"

    @property
    def kind_line(self) -> str:
        return self.kind.upper()

    @property
    def title(self) -> str:
        """For the PDF's metadata and file names: "BÁO CÁO Sơ kết ..."."""
        return f"{self.kind_line} {self.subject}".strip()

    @property
    def is_landscape(self) -> bool:
        return self.landscape or any(
            isinstance(block, Table) and block.landscape for block in self.body
        )

    @property
    def recipient_lines(self) -> tuple[str, ...]:
        """"- Bộ Nội vụ (để b/c);" per recipient, then "- Lưu: VT, CTĐ." Marks a user typed
        ("- X;") are not doubled."""
        lines = []
        for recipient in self.recipients:
            text = recipient.strip().lstrip("-").strip().rstrip(";.").strip()
            if text:
                lines.append(f"- {text};")
        archive = self.archive.strip().rstrip(".")
        if archive:
            lines.append(f"- Lưu: {archive}.")
        return tuple(lines)

    @property
    def signature_grid(self) -> tuple[tuple[Signature | None, ...], ...]:
        """Signatures in rows of ``columns``; the last row is padded with None."""
        columns = self.signature_columns or (2 if len(self.signatures) in (2, 4) else 3)
        columns = min(columns, max(len(self.signatures), 1))
        rows = []
        for start in range(0, len(self.signatures), columns):
            row = list(self.signatures[start : start + columns])
            rows.append(tuple(row + [None] * (columns - len(row))))
        return tuple(rows)

    @property
    def signature_blocks(self) -> tuple[tuple[SignatureBlock | None, ...], ...]:
        """:attr:`signature_grid` with the lines as printed, word groups bound for the width of
        a column of the grid."""
        grid = self.signature_grid
        width = signature_width_em(len(grid[0]) if grid else 1)
        return tuple(
            tuple(SignatureBlock(signature.authority_lines_within(width),
                                 bind_words(signature.name, width_em=width), signature.note)
                  if signature else None for signature in row)
            for row in grid)

    def numbered_body(self) -> Iterator[tuple[Block, str]]:
        """The body blocks with each heading's label ("I.", "1.", "a)"); "" for other blocks.
        A heading restarts the numbering of the levels below it."""
        counters = [0, 0, 0]
        for block in self.body:
            label = ""
            if isinstance(block, Heading):
                level = block.level - 1
                counters[level] += 1
                counters[level + 1 :] = [0] * (2 - level)
                label = (
                    block.label
                    if block.label is not None
                    else heading_label(block.level, counters[level])
                )
            yield block, label


# --- Characters the fonts cannot print (issue #15) ---------------------------------------------
# Characters the renderers may add on purpose between words (no-break word groups): kept though
# Liberation Serif has no glyph of its own for them.
LAYOUT_CHARACTERS = "\u2060\u2011"  # WORD JOINER, NON-BREAKING HYPHEN


def printable(text: str) -> str:
    """Plain text as the document prints it: a character the document fonts have no glyph for
    (an emoji stored before such text was refused at input) becomes a visible "□" rather than
    a blank (``cluster.printable``)."""
    return replace_unprintable(text, keep=LAYOUT_CHARACTERS)


def _printable_value(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, tuple):
        values = tuple(_printable_value(item) for item in value)
        return value if values == value else values
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _printable_value(old)
            if new is not old and new != old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def printable_document(document: Document) -> Document:
    """The document with :func:`printable` applied to every string it holds (the issuing
    body, headings, paragraphs, table cells, signatures, recipients ...): both renderers print
    this, so the PDF and the Word file show the same "□" where the same character was."""
    return _printable_value(document)
