"""An official document as a Word file, with the same content and format as the PDF.

Award dossiers go to the national system as Word and PDF (DOMAIN.md), so both come from the
same :class:`reports.document.Document`. The format follows Nghị định 30/2020 as the PDF does:
A4 (landscape when a table needs it), margins 20/20/30/15 mm, Times New Roman set for every
script slot (ascii, hAnsi, east-asian, complex) so Word never substitutes the theme font, the
page number in the header from page 2 on ("different first page" + a PAGE field).
"""

from __future__ import annotations

import io

from docx import Document as new_word_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .document import (
    MOTTO,
    REPUBLIC,
    BulletList,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    Table,
)
from .qr import qr_png

FONT = "Times New Roman"
PAGE_SHORT, PAGE_LONG = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
BODY_SIZE = 14
INDENT = Cm(1.27)
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


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


def _layout_table(container, columns: list[int]):
    """A borderless table with fixed column widths (EMU), for the masthead and signatures."""
    table = container.add_table(rows=0, cols=len(columns))
    _fix_widths(table, columns)
    _no_borders(table)
    return table


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
        self.doc = document
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
        section.header_distance, section.footer_distance = Mm(10), Mm(5)

        normal = self.word.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(BODY_SIZE)
        _set_fonts(normal.element.get_or_add_rPr())
        normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        defaults = self.word.styles.element.find(qn("w:docDefaults"))
        r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(r_pr)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "vi-VN")
        normal.element.get_or_add_rPr().insert_element_before(
            language, "w:eastAsianLayout", "w:specVanish", "w:oMath"
        )

        properties = self.word.core_properties
        properties.title = self.doc.title
        properties.language = "vi-VN"
        properties.author = " ".join(self.doc.issuer.name)

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
            picture.add_picture(io.BytesIO(qr_png(self.doc.qr_payload)), width=Mm(15))
            picture.add_text("  ")
        if self.doc.verification_code:
            _run(paragraph, f"Mã xác thực: {self.doc.verification_code}", size=8)

    # Masthead --------------------------------------------------------------------------------

    def masthead(self) -> None:
        doc = self.doc
        left = int(self.text_width * 0.4) if not doc.is_landscape else int(self.text_width * 0.35)
        widths = [left, self.text_width - left]
        table = _layout_table(self.word, widths)
        issuer, nation = _add_row(table, widths).cells
        first = True
        for line in doc.issuer.superior_lines:
            _cell_paragraph(issuer, line, first=first, size=13)
            first = False
        for line in doc.issuer.name_lines:
            _cell_paragraph(issuer, line, first=first, size=13, bold=True)
            first = False
        _rule(issuer, width=int(widths[0] * 0.35), within=widths[0])
        if doc.number_line:
            _paragraph(issuer, doc.number_line, size=13)
        if not doc.kind:
            _paragraph(issuer, f"V/v {doc.subject}", size=12, before=4)

        _cell_paragraph(nation, REPUBLIC, first=True, size=13, bold=True)
        _paragraph(nation, MOTTO, bold=True)
        _rule(nation, width=Mm(57), within=widths[1])
        _paragraph(nation, doc.date_line, italic=True, before=4)

        if doc.kind:
            _paragraph(self.word, doc.kind_line, bold=True, before=18)
            _paragraph(self.word, doc.subject, bold=True)
            _rule(self.word, width=int(self.text_width * 0.25), within=self.text_width)
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
                paragraph = _paragraph(
                    self.word, text, align="justify", bold=True, italic=block.level == 3,
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

    def signature(self, cell, signature: Signature) -> None:
        first = True
        for line in signature.authority_lines:
            _cell_paragraph(cell, line, first=first, bold=True)
            first = False
        room = _paragraph(cell, signature.note, italic=True, before=28, after=28)
        room.paragraph_format.keep_with_next = True
        _paragraph(cell, signature.name, bold=True)

    def recipients(self, container, *, first: bool) -> None:
        lines = self.doc.recipient_lines
        if not lines:
            return
        _cell_paragraph(
            container, "Nơi nhận:", first=first, align="left", size=12, bold=True, italic=True
        )
        for line in lines:
            _paragraph(container, line, align="left", size=11)

    def closing(self) -> None:
        doc = self.doc
        if len(doc.signatures) == 1:
            left = int(self.text_width * 0.4)
            widths = [left, self.text_width - left]
            table = _layout_table(self.word, widths)
            recipients, signature = _add_row(table, widths).cells
            self.recipients(recipients, first=True)
            self.signature(signature, doc.signatures[0])
            return
        if doc.signatures:
            grid = doc.signature_grid
            count = len(grid[0])
            widths = [self.text_width // count] * count
            table = _layout_table(self.word, widths)
            for row in grid:
                cells = _add_row(table, widths).cells
                table.rows[-1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
                for cell, signature in zip(cells, row, strict=False):
                    if signature is not None:
                        self.signature(cell, signature)
                        _paragraph(cell, after=6)
        if doc.recipient_lines:
            _paragraph(self.word)
            self.recipients(self.word, first=False)

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
