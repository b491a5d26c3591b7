"""An official document as a Word file, with the same content and format as the PDF.

Award dossiers go to the national system as Word and PDF (DOMAIN.md), so both come from the
same :class:`reports.document.Document`. The format follows Nghị định 30/2020 as the PDF does:
A4 (landscape when a table needs it), margins 20/20/30/15 mm, Times New Roman set for every
script slot (ascii, hAnsi, east-asian, complex) so Word never substitutes the theme font, the
page number in the header from page 2 on ("different first page" + a PAGE field).

Word and LibreOffice lay the file out themselves, so what the PDF's stylesheet says is said
here in Word's terms (issue #15): the closing (signatures and "Nơi nhận") keeps with the last
lines of the body ("keep with next", rows that cannot split); the columns of a signature grid
are equal; the Quốc hiệu's cell leaves room for its line, measured in the shipped Liberation
Serif (metric-compatible with Times New Roman: same advance widths); the rules under the
issuing body and the trích yếu are 1/3 to 1/2 of the text above them, the rule under the motto
as long as the motto; the QR code and verification code sit in the footer 10 mm from the
paper's edge, inside what office printers print.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from docx import Document as new_word_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt

from cluster.text import shorten

from .chart_png import chart_png
from .document import (
    MOTTO,
    REPUBLIC,
    BulletList,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
    printable_document,
)
from .qr import qr_png

FONT = "Times New Roman"
PAGE_SHORT, PAGE_LONG = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
BODY_SIZE = 14
CELL_MARGIN = Pt(5.4)  # left and right padding of every cell (Word's default, written out)
HEADER_DISTANCE, FOOTER_DISTANCE = Mm(10), Mm(10)  # from the paper's edge: printable area
QR_SIZE = Mm(12)  # about 0.35 mm a module for a verification URL: read by any phone
QUOC_HIEU_SLACK = Pt(6)  # beyond the measured width of the Quốc hiệu in its cell
TRICH_YEU_RULE = 0.4  # the rule under the trích yếu and the issuing body: 1/3 to 1/2
METADATA_MAX = 255  # characters in a core property (python-docx refuses more)
FONTS = Path(__file__).resolve().parent / "static" / "reports" / "fonts"
INDENT = Cm(1.27)
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@functools.cache
def _metrics(bold: bool, italic: bool) -> tuple[dict[int, int], int]:
    """The advance width of every character of the shipped Liberation Serif face, and its
    units per em (fontTools, installed with WeasyPrint, reads the file)."""
    from fontTools.ttLib import TTFont

    style = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
             (True, True): "BoldItalic"}[(bold, italic)]
    with TTFont(FONTS / f"LiberationSerif-{style}.ttf") as font:
        metrics = font["hmtx"].metrics
        advances = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
        return advances, font["head"].unitsPerEm


def text_width(text: str, *, size: float, bold: bool = False, italic: bool = False) -> Emu:
    """How wide ``text`` sets on one line in Times New Roman (measured in Liberation Serif,
    whose advance widths are the same), without kerning, as Word sets it by default."""
    advances, units = _metrics(bold, italic)
    missing = advances[ord("\u25a1")]  # what printable() puts for a character not in the font
    total = sum(advances.get(ord(char), missing) for char in text)
    return Emu(round(Pt(size) * total / units))


def longest_line(text: str, *, within: int, size: float, bold: bool = False) -> Emu:
    """The width of the longest line ``text`` takes when set in ``within`` (EMU): lines are
    broken at ordinary spaces (not at no-break spaces) and at newlines, first fit."""
    space = text_width(" ", size=size, bold=bold)
    longest = 0
    for line in text.split("\n"):
        current = 0
        for word in line.split(" "):
            width = text_width(word, size=size, bold=bold)
            if current and current + space + width > within:
                longest, current = max(longest, current), width
            else:
                current = current + space + width if current else width
        longest = max(longest, current)
    return Emu(min(longest, within))


def _metadata(text: str) -> str:
    """A core property of at most 255 characters: cut at a word boundary, with "…"."""
    return shorten(text, METADATA_MAX)


def _keep_with_next(paragraph_element) -> None:
    """Set "keep with next" on a w:p element (a paragraph of the body or of a table cell)."""
    p_pr = paragraph_element.get_or_add_pPr()
    p_pr.keepNext_val = True


def _set_fonts(r_pr) -> None:
    """Times New Roman in all four slots, and no theme font that would take precedence."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)
        theme = qn(f"w:{slot}Theme")
        if theme in fonts.attrib:
            del fonts.attrib[theme]


def _run(paragraph, text: str, *, size: float = BODY_SIZE, bold=False, italic=False):
    """A run of plain text (Word stores it as text: nothing is interpreted); newlines break."""
    run = paragraph.add_run()
    for index, line in enumerate(text.split("\n") if text else ()):
        if index:
            run.add_break()
        run.add_text(line)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    _set_fonts(run._r.get_or_add_rPr())
    return run


def _paragraph(container, text: str = "", *, align="center", size: float = BODY_SIZE,
               bold=False, italic=False, indent=False, after: float = 0, before: float = 0,
               reuse=None):
    """A paragraph with one run; ``reuse`` fills an existing empty paragraph instead (a table
    cell is born with one)."""
    paragraph = reuse if reuse is not None else container.add_paragraph()
    form = paragraph.paragraph_format
    form.alignment = ALIGN[align]
    form.space_before, form.space_after = Pt(before), Pt(after)
    form.first_line_indent = INDENT if indent else None
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _cell_paragraph(cell, text, *, first: bool, **kwargs):
    return _paragraph(cell, text, reuse=cell.paragraphs[0] if first else None, **kwargs)


# Children of w:pPr that come after w:pBdr and w:rPr in the schema order (Word rejects a file
# whose elements are out of order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
               "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
               "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _rule(container, *, width, within) -> None:
    """A short horizontal rule: an empty 1 pt paragraph with a top border, indented on both
    sides so that it is ``width`` long and centred in ``within``."""
    paragraph = _paragraph(container, after=2)
    side = max((within - width) // 2, 0)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    p_pr.insert_element_before(borders, *_AFTER_PBDR)
    mark = OxmlElement("w:rPr")  # the paragraph mark sets the line height: make it 1 pt
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    p_pr.insert_element_before(mark, "w:sectPr", "w:pPrChange")


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange",
    )


def _fix_widths(table, widths: list[int]) -> None:
    """Fixed layout with the total width and every grid column set (EMU): Word reads the cell
    widths, LibreOffice the grid, so both are written."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(sum(widths) // 635))  # EMU to twentieths of a point


def _cell_margins(table) -> None:
    """Left and right cell padding written in the table (``CELL_MARGIN``), so that the text
    width of a cell does not depend on the defaults of the program that opens the file."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(CELL_MARGIN // 635))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def _layout_table(container, columns: list[int]):
    """A borderless table with fixed column widths (EMU), for the masthead and signatures."""
    table = container.add_table(rows=0, cols=len(columns))
    _fix_widths(table, columns)
    _no_borders(table)
    _cell_margins(table)
    return table


def _cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _add_row(table, widths):
    row = table.add_row()
    for cell, width in zip(row.cells, widths, strict=False):
        cell.width = width
    return row


def _field(paragraph, instruction: str, placeholder: str, size: float) -> None:
    """A Word field (PAGE): begin, instruction, separate, cached result, end."""
    def char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        _run(paragraph, "", size=size)._r.append(element)

    char("begin")
    run = _run(paragraph, "", size=size)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    _run(paragraph, placeholder, size=size)
    char("end")


class _Writer:
    def __init__(self, document: Document):
        self.doc = printable_document(document)  # "□" for what the fonts cannot print
        self.word = new_word_document()
        self.section = self.word.sections[0]
        landscape = document.is_landscape
        self.text_width = (PAGE_LONG if landscape else PAGE_SHORT) - MARGIN_LEFT - MARGIN_RIGHT

    # Page setup ------------------------------------------------------------------------------

    def setup(self) -> None:
        section = self.section
        if self.doc.is_landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = PAGE_LONG, PAGE_SHORT
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = PAGE_SHORT, PAGE_LONG
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE

        normal = self.word.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(BODY_SIZE)
        _set_fonts(normal.element.get_or_add_rPr())
        normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        normal.paragraph_format.widow_control = True
        defaults = self.word.styles.element.find(qn("w:docDefaults"))
        r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(r_pr)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "vi-VN")
        normal.element.get_or_add_rPr().insert_element_before(
            language, "w:eastAsianLayout", "w:specVanish", "w:oMath"
        )

        properties = self.word.core_properties
        properties.title = _metadata(self.doc.title)
        properties.language = "vi-VN"
        properties.author = _metadata(" ".join(self.doc.issuer.name))

        # Page numbers centred in the header, none on page 1.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(header, "PAGE", "2", 13)
        if self.doc.verification_code or self.doc.qr_payload:
            section.first_page_footer.is_linked_to_previous = False
            for footer in (section.first_page_footer, section.footer):
                self.verification(footer.paragraphs[0])

    def verification(self, paragraph) -> None:
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if self.doc.qr_payload:
            picture = paragraph.add_run()
            picture.add_picture(io.BytesIO(qr_png(self.doc.qr_payload)), width=QR_SIZE)
            picture.add_text("  ")
        if self.doc.verification_code:
            _run(paragraph, f"Mã xác thực: {self.doc.verification_code}", size=8)

    # Masthead --------------------------------------------------------------------------------

    def masthead_widths(self) -> list[int]:
        """The issuing body's column and the Quốc hiệu's: 40% and 60% of the text width (35%
        and 65% in landscape), the right one widened to whole millimetres when the Quốc hiệu
        (13 pt bold) would not fit on one line between its cell margins."""
        share = 0.35 if self.doc.is_landscape else 0.4
        right = self.text_width - int(self.text_width * share)
        needed = text_width(REPUBLIC, size=13, bold=True) + 2 * CELL_MARGIN + QUOC_HIEU_SLACK
        if right < needed:
            right = Mm(-(-needed // Mm(1)))  # rounded up to a millimetre
        return [self.text_width - right, right]

    def masthead(self) -> None:
        doc = self.doc
        widths = self.masthead_widths()
        table = _layout_table(self.word, widths)
        issuer, nation = _add_row(table, widths).cells
        first = True
        for line in doc.issuer.superior_lines:
            _cell_paragraph(issuer, line, first=first, size=13)
            first = False
        for line in doc.issuer.name_lines:
            _cell_paragraph(issuer, line, first=first, size=13, bold=True)
            first = False
        inside = [width - 2 * CELL_MARGIN for width in widths]
        name = "\n".join(doc.issuer.name_lines)
        name_width = longest_line(name, within=inside[0], size=13, bold=True)
        _rule(issuer, width=int(name_width * TRICH_YEU_RULE), within=inside[0])
        if doc.number_line:
            _paragraph(issuer, doc.number_line, size=13)
        if not doc.kind:
            _paragraph(issuer, f"V/v {doc.subject}", size=12, before=4)

        _cell_paragraph(nation, REPUBLIC, first=True, size=13, bold=True)
        _paragraph(nation, MOTTO, bold=True)
        motto = min(text_width(MOTTO, size=BODY_SIZE, bold=True), inside[1])
        _rule(nation, width=motto, within=inside[1])
        _paragraph(nation, doc.date_line, italic=True, before=4)

        if doc.kind:
            _paragraph(self.word, doc.kind_line, bold=True, before=18)
            _paragraph(self.word, doc.subject, bold=True)
            subject = longest_line(doc.subject, within=self.text_width, size=BODY_SIZE,
                                   bold=True)
            _rule(self.word, width=int(subject * TRICH_YEU_RULE), within=self.text_width)
            self.word.paragraphs[-1].paragraph_format.space_after = Pt(12)
        if doc.addressees:
            several = len(doc.addressees) > 1
            for index, line in enumerate(doc.addressees):
                end = ("." if index == len(doc.addressees) - 1 else ";") if several else ""
                text = f"- {line}{end}" if several else line
                prefix = "Kính gửi: " if index == 0 else ""
                paragraph = _paragraph(self.word, align="left", before=12 if index == 0 else 0)
                paragraph.paragraph_format.left_indent = Mm(40)
                _run(paragraph, prefix + text)
            self.word.paragraphs[-1].paragraph_format.space_after = Pt(12)

    # Body ------------------------------------------------------------------------------------

    def body(self) -> None:
        for block, label in self.doc.numbered_body():
            if isinstance(block, Heading):
                text = f"{label} {block.text}" if label else block.text
                # "I." and "1." bold; a điểm ("a)") upright and regular, as in the PDF
                # (Nghị định 30/2020, Phụ lục I: kiểu chữ đứng).
                paragraph = _paragraph(
                    self.word, text, align="justify", bold=block.level < 3,
                    indent=True, before=6, after=6,
                )
                paragraph.paragraph_format.keep_with_next = True
            elif isinstance(block, Paragraph):
                _paragraph(
                    self.word, block.text, align="justify", bold=block.bold,
                    italic=block.italic, indent=block.indent, after=6,
                )
            elif isinstance(block, BulletList):
                for item in block.items:
                    _paragraph(
                        self.word, f"{block.marker} {item}", align="justify", indent=True,
                        after=6,
                    )
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, PageBreak):
                self.word.add_page_break()
            elif isinstance(block, Figure):
                self.figure(block)

    def figure(self, block: Figure) -> None:
        """The chart as a picture the width of the text, under its caption, with the chart's
        title and description as the picture's alternative text."""
        if block.caption:
            caption = _paragraph(self.word, block.caption, bold=True, after=6)
            caption.paragraph_format.keep_with_next = True
        data, _size = chart_png(block.chart)
        paragraph = _paragraph(self.word, after=6)
        paragraph.add_run().add_picture(io.BytesIO(data), width=Emu(self.text_width))
        properties = paragraph._p.xpath(".//wp:docPr")
        if properties:
            properties[0].set("title", block.chart.title)
            properties[0].set("descr", block.chart.description)

    def table(self, block: Table) -> None:
        if block.caption:
            caption = _paragraph(self.word, block.caption, bold=True, after=6)
            caption.paragraph_format.keep_with_next = True
        rows = [*block.header_rows, *block.rows]
        columns = block.column_count
        table = self.word.add_table(rows=len(rows), cols=columns)
        table.style = self.word.styles["Table Grid"]
        widths = [int(self.text_width * share / 100) for share in block.width_percentages]
        _fix_widths(table, widths)
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            header = r < len(block.header_rows)
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            cant_split = OxmlElement("w:cantSplit")
            tr_pr.append(cant_split)
            if header:
                repeat = OxmlElement("w:tblHeader")
                tr_pr.append(repeat)
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                if c >= columns:
                    raise ValueError(f"Row {r + 1} of a table has more cells than columns.")
                target = table.cell(r, c)
                last_r, last_c = r + cell.rowspan - 1, c + cell.colspan - 1
                if (last_r, last_c) != (r, c):
                    target = target.merge(table.cell(last_r, last_c))
                taken.update(
                    (rr, cc) for rr in range(r, last_r + 1) for cc in range(c, last_c + 1)
                )
                target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = target.paragraphs[0]
                paragraph.paragraph_format.alignment = ALIGN[
                    "center" if header else cell.alignment
                ]
                _run(paragraph, cell.text, size=13, bold=header or cell.bold)
                c = last_c + 1
        _paragraph(self.word)  # Word needs a paragraph between a table and the next

    # Signatures and Nơi nhận -----------------------------------------------------------------

    def signature(self, cell, signature: SignatureBlock) -> None:
        """One signature in one cell: the authority, the room for the signature, the name."""
        self.authority(cell, signature)
        self.room(cell, signature)
        self.name(cell, signature)

    def authority(self, cell, signature: SignatureBlock) -> None:
        first = True
        for line in signature.authority_lines:
            _cell_paragraph(cell, line, first=first, bold=True)
            first = False

    def room(self, cell, signature: SignatureBlock) -> None:
        room = _cell_paragraph(cell, signature.note, first=not cell.text, italic=True,
                               before=28, after=28)
        room.paragraph_format.keep_with_next = True

    def name(self, cell, signature: SignatureBlock) -> None:
        _cell_paragraph(cell, signature.name_line, first=not cell.text, bold=True)
        _paragraph(cell, after=6)

    def recipients(self, container, *, first: bool) -> None:
        lines = self.doc.recipient_lines
        if not lines:
            return
        _cell_paragraph(
            container, "Nơi nhận:", first=first, align="left", size=12, bold=True, italic=True
        )
        for line in lines:
            _paragraph(container, line, align="left", size=11)

    def blocks(self) -> list:
        """The paragraphs and tables of the body, in order (not its section properties)."""
        return [e for e in self.word.element.body if e.tag in (qn("w:p"), qn("w:tbl"))]

    def keep_body_end_with_closing(self) -> None:
        """"Keep with next" on the last two paragraphs of the body that hold text (and what
        lies between them and the closing), so that Word and LibreOffice move at least the
        last lines of the body to the page of the signatures, never leaving the closing
        alone on a page. A body that ends with a table keeps its last row instead."""
        kept = 0
        for element in reversed(self.blocks()):
            if element.tag == qn("w:tbl"):
                for paragraph in element.tr_lst[-1].iter(qn("w:p")):
                    _keep_with_next(paragraph)
                break
            _keep_with_next(element)
            if "".join(element.xpath(".//w:t/text()")).strip():
                kept += 1
                if kept == 2:
                    break

    def closing(self) -> None:
        """The signatures and "Nơi nhận", kept together and with the end of the body: rows
        that cannot split, every paragraph of the closing but its last kept with the next."""
        doc = self.doc
        if not doc.signatures and not doc.recipient_lines:
            return
        self.keep_body_end_with_closing()
        start = len(self.blocks())
        if len(doc.signatures) == 1:
            left = int(self.text_width * 0.4)
            widths = [left, self.text_width - left]
            table = _layout_table(self.word, widths)
            row = _add_row(table, widths)
            _cant_split(row)
            recipients, signature = row.cells
            self.recipients(recipients, first=True)
            self.signature(signature, doc.signature_blocks[0][0])
        else:
            if doc.signatures:
                grid = doc.signature_blocks
                count = len(grid[0])
                widths = self.grid_widths(count)
                table = _layout_table(self.word, widths)
                # Three table rows per row of signers (authority, room, name), as in the PDF:
                # the names of one row stand on one line however the authorities wrap.
                for row in grid:
                    for part in (self.authority, self.room, self.name):
                        added = _add_row(table, widths)
                        _cant_split(added)
                        for cell, block in zip(added.cells, row, strict=False):
                            if block is not None:
                                part(cell, block)
            if doc.recipient_lines:
                _paragraph(self.word)
                self.recipients(self.word, first=False)
        closing = self.blocks()[start:]
        for element in closing:
            last = element is closing[-1]
            if element.tag == qn("w:tbl"):
                rows = element.tr_lst[:-1] if last else element.tr_lst
                for row in rows:
                    for paragraph in row.iter(qn("w:p")):
                        _keep_with_next(paragraph)
            elif not last:
                _keep_with_next(element)

    def grid_widths(self, count: int) -> list[int]:
        """Equal columns across the text width, in whole twentieths of a point (the unit of
        Word's widths), so that no column is a twip wider than another."""
        width = self.text_width // count // 635 * 635
        return [width] * count

    def render(self) -> bytes:
        self.setup()
        # The template's body starts with an empty paragraph: drop it so page 1 starts at top.
        for paragraph in list(self.word.paragraphs):
            paragraph._p.getparent().remove(paragraph._p)
        self.masthead()
        self.body()
        self.closing()
        buffer = io.BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()


def render_docx(document: Document) -> bytes:
    """The document as .docx bytes."""
    return _Writer(document).render()
