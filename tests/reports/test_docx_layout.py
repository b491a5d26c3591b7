"""The Word file's layout rules (issue #15), read back with python-docx: what Word and
LibreOffice need to lay the document out as the PDF does. Widths are checked by arithmetic
against the text measured in the shipped Liberation Serif (Times New Roman's advance widths),
read here with fontTools, independently of reports.docx."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from django.conf import settings
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from fontTools.ttLib import TTFont

from campaigns.models import Conference
from pledges.models import Pledge
from reports.document import MOTTO, REPUBLIC, IssuingBody, Paragraph, Signature, printable
from reports.docx import render_docx
from reports.pdf import render_html

from .conftest import mid_year_report, score_table

FONTS = Path(settings.BASE_DIR) / "reports" / "static" / "reports" / "fonts"
PORTRAIT_TEXT = Mm(210 - 30 - 15)
LANDSCAPE_TEXT = Mm(297 - 30 - 15)


@functools.cache
def advances(face: str) -> tuple[dict[int, int], int]:
    with TTFont(FONTS / f"LiberationSerif-{face}.ttf") as font:
        metrics = font["hmtx"].metrics
        return ({code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()},
                font["head"].unitsPerEm)


def width_pt(text: str, size: float, *, bold: bool = False) -> float:
    table, units = advances("Bold" if bold else "Regular")
    return sum(table[ord(char)] for char in text) * size / units


def longest_line_pt(text: str, size: float, within_pt: float, *, bold: bool = False) -> float:
    """First-fit line breaking at spaces, as Word does: the widest line."""
    space, longest = width_pt(" ", size, bold=bold), 0.0
    for line in text.split("\n"):
        current = 0.0
        for word in line.split(" "):
            width = width_pt(word, size, bold=bold)
            if current and current + space + width > within_pt:
                longest, current = max(longest, current), width
            else:
                current = current + space + width if current else width
        longest = max(longest, current)
    return min(longest, within_pt)


def read(document) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(document)))


def twips(element, tag: str, attribute: str = "w") -> int:
    found = element.find(qn(tag))
    return int(found.get(qn(f"w:{attribute}"))) if found is not None else 0


def cell_inner_pt(table, cell) -> float:
    """A cell's width less its left and right margins, in points."""
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    assert margins is not None, "cell margins are written in the table"
    width = twips(cell._tc.tcPr, "w:tcW")
    return (width - twips(margins, "w:left") - twips(margins, "w:right")) / 20


def rule_pt(paragraph, within_pt: float) -> float:
    """The length of a rule drawn as a paragraph's top border between its indents."""
    assert paragraph._p.pPr.find(qn("w:pBdr")) is not None
    form = paragraph.paragraph_format
    return within_pt - (form.left_indent or 0) / 12700 - (form.right_indent or 0) / 12700


def rule_after(paragraphs, text: str):
    index = next(i for i, p in enumerate(paragraphs) if p.text == text)
    return paragraphs[index + 1]


def keeps(element) -> bool:
    p_pr = element.pPr
    return p_pr is not None and p_pr.keepNext_val is True


# --- the Quốc hiệu fits on one line ------------------------------------------------------------


@pytest.mark.parametrize("landscape", [False, True])
def test_the_quoc_hieu_fits_its_cell_on_one_line(landscape):
    word = read(mid_year_report(landscape=landscape))
    masthead = word.tables[0]
    issuer, nation = masthead.rows[0].cells
    assert nation.paragraphs[0].text == REPUBLIC
    assert cell_inner_pt(masthead, nation) >= width_pt(REPUBLIC, 13, bold=True)  # 271.2 pt
    total = sum(twips(c._tc.tcPr, "w:tcW") for c in (issuer, nation)) * 635
    text = LANDSCAPE_TEXT if landscape else PORTRAIT_TEXT
    assert text - Pt(0.1) <= total <= text + Pt(0.1)  # the masthead spans the text width
    grid = [int(col.get(qn("w:w"))) for col in masthead._tbl.tblGrid.gridCol_lst]
    assert grid == [twips(c._tc.tcPr, "w:tcW") for c in (issuer, nation)]  # LibreOffice too


# --- the rules under the issuing body, the motto and the trích yếu -----------------------------


def test_the_motto_rule_is_as_long_as_the_motto():
    word = read(mid_year_report())
    masthead = word.tables[0]
    nation = masthead.rows[0].cells[1]
    rule = rule_after(nation.paragraphs, MOTTO)
    motto = width_pt(MOTTO, 14, bold=True)
    assert rule_pt(rule, cell_inner_pt(masthead, nation)) == pytest.approx(motto, abs=1)


@pytest.mark.parametrize("name", [
    ("Cụm thi đua Sở Nội vụ", "các tỉnh Bắc Trung Bộ"),
    ("Sở Nội vụ",),
    ("Cụm thi đua các Sở Nội vụ vùng Đồng bằng sông Cửu Long",),  # wraps in its cell
])
def test_the_rule_under_the_issuing_body_is_a_third_to_a_half_of_its_name(name):
    word = read(mid_year_report(issuer=IssuingBody(name)))
    masthead = word.tables[0]
    issuer = masthead.rows[0].cells[0]
    inner = cell_inner_pt(masthead, issuer)
    (rule,) = [p for p in issuer.paragraphs if p._p.pPr is not None
               and p._p.pPr.find(qn("w:pBdr")) is not None]
    longest = longest_line_pt("\n".join(line.upper() for line in name), 13, inner, bold=True)
    assert longest / 3 <= rule_pt(rule, inner) <= longest / 2


@pytest.mark.parametrize("subject", [
    "Tổng kết năm 2022",
    "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022",
    "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022 và phương hướng, nhiệm vụ 6 "
    "tháng cuối năm 2022 của Cụm thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ",
    "Kết quả " + "rất " * 120 + "dài",
])
def test_the_trich_yeu_rule_is_a_third_to_a_half_of_the_subject_line(subject):
    word = read(mid_year_report(subject=subject))
    paragraphs = word.paragraphs
    rule = rule_after(paragraphs, subject)
    text = PORTRAIT_TEXT / 12700
    longest = longest_line_pt(subject, 14, text, bold=True)
    assert longest / 3 <= rule_pt(rule, text) <= longest / 2
    assert rule_pt(rule, text) <= text / 2


# --- the closing never stands alone on a page ---------------------------------------------------


def text_of(element) -> str:
    """The text of an element, no-break spaces (bound word groups) read as spaces."""
    return "".join(element.xpath(".//w:t/text()")).replace("\u00a0", " ")


def body_elements(word):
    return [e for e in word.element.body.iterchildren() if e.tag in (qn("w:p"), qn("w:tbl"))]


def test_the_closing_keeps_with_the_last_lines_of_the_body():
    word = read(mid_year_report())
    elements = body_elements(word)
    closing = elements[-1]
    assert closing.tag == qn("w:tbl")
    for row in closing.tr_lst:
        assert row.trPr.find(qn("w:cantSplit")) is not None
    before = [e for e in elements[:-1] if text_of(e).strip()]
    assert before[-1].tag == qn("w:p") and keeps(before[-1]) and keeps(before[-2])
    assert "Trên đây là báo cáo" in text_of(before[-1])
    # Only the end of the body is tied to the closing: the rest flows freely (a heading keeps
    # with its own paragraph, as always).
    assert "Đối với đơn vị Cụm trưởng" in text_of(before[-3])
    assert not keeps(before[-4])


def test_a_body_ending_with_a_table_keeps_its_last_row_with_the_closing():
    word = read(mid_year_report(body=[Paragraph("Kết quả như sau:"), score_table()]))
    *_, table, spacer, closing = body_elements(word)
    assert table.tag == qn("w:tbl") and closing.tag == qn("w:tbl")
    assert keeps(spacer)
    assert all(keeps(p) for p in table.tr_lst[-1].iter(qn("w:p")))


@pytest.mark.parametrize("count", [2, 3, 6])
def test_a_signature_grid_and_the_recipients_stay_together(count):
    signatures = [Signature(("Thư ký",), "Nguyễn Văn A"), Signature(("Chủ trì",), "Lê Văn B")]
    signatures += [Signature(("Giám đốc",), f"Người ký {n}") for n in range(3, count + 1)]
    word = read(mid_year_report(signatures=signatures))
    elements = body_elements(word)
    grid = next(e for e in elements if e.tag == qn("w:tbl") and "Nguyễn Văn A" in
                text_of(e))
    closing = elements[elements.index(grid):]
    assert text_of(closing[-1]) == "- Lưu: VT, CTĐ."
    for row in grid.tr_lst:
        assert row.trPr.find(qn("w:cantSplit")) is not None
        assert all(keeps(p) for p in row.iter(qn("w:p")))
    assert all(keeps(p) for p in closing[1:-1])
    assert not keeps(closing[-1])
    before = [e for e in elements[:elements.index(grid)] if text_of(e).strip()]
    assert keeps(before[-1]) and keeps(before[-2])


# --- equal signature columns --------------------------------------------------------------------


def column_widths(table) -> tuple[list[int], list[int]]:
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.gridCol_lst]
    cells = [twips(tc.tcPr, "w:tcW") for tr in table._tbl.tr_lst for tc in tr.tc_lst]
    return grid, cells


def test_secretary_and_chair_sign_in_equal_halves():
    signatures = [Signature(("Thư ký",), "Nguyễn Thị Thu Hà"),
                  Signature(("Chủ trì", "Giám đốc Sở Nội vụ tỉnh Thừa Thiên Huế"), "Lê B")]
    word = read(mid_year_report(kind="Biên bản", signatures=signatures))
    grid, cells = column_widths(word.tables[-1])
    assert len(grid) == 2 and len(set(grid)) == 1 and set(cells) == set(grid)
    assert abs(sum(grid) * 635 - PORTRAIT_TEXT) <= Pt(0.1)


def test_the_names_of_one_row_of_signers_stand_on_one_line():
    # The chair's two authority lines wrap to three; the secretary has one. The names still
    # share a table row, as in the PDF, so they print on one line.
    signatures = [Signature(("Thư ký",), "Nguyễn Thị Thu Hà"),
                  Signature(("Chủ trì", "Giám đốc Sở Nội vụ tỉnh Thừa Thiên Huế"), "Lê B")]
    word = read(mid_year_report(kind="Biên bản", signatures=signatures))
    rows = [[cell.text.replace("\u00a0", " ").strip() for cell in row.cells]
            for row in word.tables[-1].rows]
    assert ["Nguyễn Thị Thu Hà", "Lê B"] in rows
    assert rows[0][0] == "THƯ KÝ" and rows[0][1].startswith("CHỦ TRÌ")


def test_the_pledge_grid_has_equal_columns_whatever_the_names():
    long_unit = "Giám đốc Sở Nội vụ tỉnh Bà Rịa - Vũng Tàu và các đơn vị sự nghiệp trực thuộc"
    signatures = [Signature(("Giám đốc", long_unit if n == 2 else f"Sở Nội vụ {n}"), f"Tên {n}")
                  for n in range(1, 7)]
    word = read(mid_year_report(kind="Giao ước thi đua", signatures=signatures,
                                signature_columns=3))
    grid, cells = column_widths(word.tables[-1])
    assert len(grid) == 3 and len(set(grid)) == 1 and set(cells) == set(grid)
    layout = word.tables[-1]._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout.get(qn("w:type")) == "fixed"  # Word does not resize them to the text


# --- the QR code and verification code in the printable area -----------------------------------


def test_the_qr_code_sits_inside_the_printable_area():
    document = mid_year_report(verification_code="CTĐ-2022-05-7F3A", qr_payload="https://x/v/1")
    (section,) = read(document).sections
    assert section.footer_distance >= Mm(10)  # office printers leave 4-6 mm unprinted
    assert section.header_distance >= Mm(10)
    for footer in (section.first_page_footer, section.footer):
        (extent,) = footer._element.xpath(".//wp:extent")
        assert int(extent.get("cy")) <= Mm(12) and int(extent.get("cx")) <= Mm(12)
        # The QR and the code share one line at the foot of the page, below the body (Word
        # and LibreOffice push the body up if a footer grows), away from the page number.
        assert "Mã xác thực: CTĐ-2022-05-7F3A" in footer.paragraphs[0].text
        assert not list(footer._element.iter(qn("w:instrText")))
    assert [t.text.strip() for t in section.header._element.iter(qn("w:instrText"))] == ["PAGE"]


# --- any allowed input renders: the metadata is cut, never the body ----------------------------


def longest(max_length: int) -> str:
    words = ("Hội nghị sơ kết công tác thi đua khen thưởng của Cụm thi đua Sở Nội vụ các tỉnh "
             "Bắc Trung Bộ").split()
    text = ""
    while True:
        for word in words:
            if len(text) + 1 + len(word) > max_length:
                return text
            text = f"{text} {word}" if text else word


def test_the_longest_subject_the_models_allow_renders():
    limit = max(Conference._meta.get_field("title").max_length,
                Pledge._meta.get_field("title").max_length)
    subject = longest(limit)
    assert len(subject) > limit - 10
    issuer = IssuingBody((longest(255), longest(255)))
    word = read(mid_year_report(kind="Biên bản", subject=subject, issuer=issuer))
    title = word.core_properties.title
    assert len(title) <= 255 and title.endswith("…")
    assert f"BIÊN BẢN {subject}".startswith(title[:-1])
    assert f"BIÊN BẢN {subject}"[len(title) - 1] == " "  # cut between words
    assert subject in [p.text for p in word.paragraphs]  # the body keeps all of it
    assert len(word.core_properties.author) <= 255


def test_a_pledge_with_the_longest_title_downloads(client, north_central, users, settings,
                                                  tmp_path):
    """Reproduces the 500: "GIAO ƯỚC THI ĐUA " plus a 255-character title."""
    settings.MEDIA_ROOT = tmp_path
    title = longest(Pledge._meta.get_field("title").max_length)
    Pledge.objects.filter(cluster=north_central, year=2022).update(title=title)
    client.force_login(users["canbo.quangtri"])
    response = client.get(f"/cum/{north_central.slug}/2022/van-ban/giao-uoc/docx/")
    assert response.status_code == 200
    word = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert len(word.core_properties.title) <= 255
    assert any(title[1:] in p.text for p in word.paragraphs)


# --- characters no font has print as "□" ----------------------------------------------------------


def test_unprintable_characters_print_as_a_visible_replacement():
    document = mid_year_report(
        issuer=IssuingBody(("Cụm thi đua 😀",)),
        subject="Sơ kết ✓ năm 2022",
        body=[Paragraph("Đoàn kết ❤️ đổi mới"), score_table()],
        signatures=[Signature(("Cụm trưởng",), "Ngô Quang Chiến 👍🏽")],
        recipients=("Bộ Nội vụ 中",),
    )
    data = render_docx(document)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    for gone in ("😀", "✓", "❤", "\ufe0f", "👍", "🏽", "中"):
        assert gone not in xml
    word = docx.Document(io.BytesIO(data))
    texts = [p.text for p in word.paragraphs] + [
        p.text for table in word.tables for row in table.rows for cell in row.cells
        for p in cell.paragraphs]
    # Names and the issuer are printed with their word groups bound (no-break spaces).
    texts = [text.replace("\u00a0", " ").replace("\u2060", "") for text in texts]
    for expected in ("CỤM THI ĐUA □", "Sơ kết □ năm 2022", "Đoàn kết □ đổi mới",
                     "Ngô Quang Chiến □", "- Bộ Nội vụ □;"):
        assert expected in texts, expected
    html = render_html(document).replace("\u00a0", " ").replace("\u2060", "")
    assert "Đoàn kết □ đổi mới" in html and "Ngô Quang Chiến □" in html
    assert "😀" not in html and "❤" not in html


def test_printable_keeps_text_the_fonts_have():
    text = "Sở Nội vụ tỉnh Hà\u00a0Tĩnh “Đoàn kết” – 92,5 điểm ≥ 90"
    assert printable(text) == text
    assert printable("Hà\u2060Tĩnh") == "Hà\u2060Tĩnh"  # a word joiner the layout adds


def test_stored_text_with_an_emoji_prints_a_replacement_in_pdf_and_docx(
        client, north_central, users, settings, tmp_path):
    """Text stored before the fields refused such characters: visible, never dropped."""
    settings.MEDIA_ROOT = tmp_path
    Pledge.objects.filter(cluster=north_central, year=2022).update(
        preamble="Các đơn vị cùng cam kết 😀 thực hiện tốt nhiệm vụ.")
    client.force_login(users["canbo.quangtri"])
    base = f"/cum/{north_central.slug}/2022/van-ban/giao-uoc/"
    pdf = b"".join(client.get(base + "pdf/").streaming_content)
    text = " ".join(" ".join(page.extract_text() for page in
                             pypdf.PdfReader(io.BytesIO(pdf)).pages).split())
    assert "cam kết □ thực hiện" in text
    word = docx.Document(io.BytesIO(b"".join(client.get(base + "docx/").streaming_content)))
    assert any("cam kết □ thực hiện" in p.text for p in word.paragraphs)


def test_minutes_of_a_conference_with_the_longest_title_download(client, north_central, users,
                                                                 settings, tmp_path):
    """"BIÊN BẢN " plus a 400-character conference title: the Word file and the draft's
    record both take it."""
    settings.MEDIA_ROOT = tmp_path
    title = longest(Conference._meta.get_field("title").max_length)
    conference = Conference.objects.filter(cluster=north_central, year=2022).first()
    Conference.objects.filter(pk=conference.pk).update(title=title)
    client.force_login(users["canbo.quangtri"])
    response = client.get(
        f"/cum/{north_central.slug}/2022/van-ban/hoi-nghi/{conference.pk}/bien-ban/docx/")
    assert response.status_code == 200
    word = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert len(word.core_properties.title) <= 255
    assert title in [p.text for p in word.paragraphs]


# --- heading styles as in the PDF ------------------------------------------------------------


def test_headings_are_bold_and_a_diem_upright_and_regular():
    from reports.document import Document, Heading

    document = Document(
        issuer=IssuingBody(name=("Cụm thi đua Bắc Trung Bộ",)), kind="Báo cáo",
        subject="Kết quả", symbol="BC-CTĐ", place="Huế", date=None,
        body=(Heading("Kết quả"), Heading("Tổ chức", level=2), Heading("Chỉ đạo", level=3)),
    )
    runs = {p.text: p.runs[0] for p in read(document).paragraphs if p.runs}
    assert runs["I. Kết quả"].bold and not runs["I. Kết quả"].italic
    assert runs["1. Tổ chức"].bold and not runs["1. Tổ chức"].italic
    assert not runs["a) Chỉ đạo"].bold and not runs["a) Chỉ đạo"].italic
