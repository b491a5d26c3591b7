"""The Word file, read back with python-docx: page setup, fonts, header, content."""

import io
import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from reports.document import MOTTO, REPUBLIC, IssuingBody, Signature
from reports.docx import render_docx

from .conftest import HOSTILE, HOSTILE_BOLD, mid_year_report, score_table

TOLERANCE = Mm(0.1)


@pytest.fixture(scope="module")
def data():
    return render_docx(mid_year_report())


@pytest.fixture(scope="module")
def word(data):
    return docx.Document(io.BytesIO(data))


def texts(word) -> list[str]:
    """Every paragraph's text, in the body and inside tables (one level of nesting)."""
    out = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


def paragraphs_with(word, text: str):
    found = [p for p in word.paragraphs if text in p.text]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(p for p in cell.paragraphs if text in p.text)
    assert found, f"{text!r} not in the document"
    return found


def test_a4_portrait_with_the_decree_margins(word):
    (section,) = word.sections
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < TOLERANCE
    assert abs(section.page_height - Mm(297)) < TOLERANCE
    assert abs(section.top_margin - Mm(20)) < TOLERANCE
    assert abs(section.bottom_margin - Mm(20)) < TOLERANCE
    assert abs(section.left_margin - Mm(30)) < TOLERANCE
    assert abs(section.right_margin - Mm(15)) < TOLERANCE


def test_times_new_roman_in_every_script_slot(word, data):
    normal = word.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{slot}")) == "Times New Roman"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
    assert "Calibri" not in body and "minorHAnsi" not in body
    assert 'w:asciiTheme' not in styles.split("</w:docDefaults>")[0]
    for paragraph in word.paragraphs:
        for run in paragraph.runs:
            run_fonts = run._r.rPr.find(qn("w:rFonts"))
            assert run_fonts.get(qn("w:eastAsia")) == "Times New Roman"
            assert run_fonts.get(qn("w:cs")) == "Times New Roman"


def test_masthead(word):
    masthead = word.tables[0]
    issuer, nation = masthead.rows[0].cells
    # Word groups are bound with no-break spaces (reports.document.bind_words).
    issuer_lines = [p.text.replace("\xa0", " ") for p in issuer.paragraphs if p.text]
    assert issuer_lines == ["CỤM THI ĐUA SỞ NỘI VỤ", "CÁC TỈNH BẮC TRUNG BỘ", "Số: 05/BC-CTĐ"]
    assert all(run.bold for p in issuer.paragraphs[:2] for run in p.runs)
    nation_lines = [p for p in nation.paragraphs if p.text]
    assert [p.text for p in nation_lines] == [
        REPUBLIC,
        MOTTO,
        "Huế, ngày 24 tháng 6 năm 2022",
    ]
    republic, motto, date = (p.runs[0] for p in nation_lines)
    assert republic.bold and republic.font.size.pt == 13
    assert motto.bold and motto.font.size.pt == 14
    assert date.italic and not date.bold
    # The short rules under the body name and the motto are paragraph borders.
    assert len(issuer._tc.xpath(".//w:pBdr")) == 1
    assert len(nation._tc.xpath(".//w:pBdr")) == 1


def test_type_and_subject(word):
    (kind,) = paragraphs_with(word, "BÁO CÁO")
    assert kind.runs[0].bold and kind.alignment == 1  # centred
    (subject,) = paragraphs_with(word, "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022")
    assert subject.runs[0].bold


def test_body_paragraphs_justified_indented_spaced(word):
    (paragraph,) = paragraphs_with(word, "Công tác thi đua, khen thưởng trong Cụm")
    form = paragraph.paragraph_format
    assert paragraph.alignment == 3  # justify
    assert abs(form.first_line_indent - Mm(12.7)) < TOLERANCE
    assert form.space_after.pt >= 6
    assert paragraph.runs[0].font.size.pt == 14
    headings = [p.text for p in word.paragraphs if p.runs and p.runs[0].bold]
    assert "I. KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA 6 THÁNG ĐẦU NĂM 2022" in headings
    # A điểm ("a)") is upright and regular (Nghị định 30/2020, Phụ lục I), not bold.
    assert "a) Đối với các đơn vị thành viên" not in headings
    (diem,) = paragraphs_with(word, "a) Đối với các đơn vị thành viên")
    assert not diem.runs[0].bold and not diem.runs[0].italic


def test_page_number_field_from_page_two(word, data):
    (section,) = word.sections
    assert section.different_first_page_header_footer
    header = section.header._element
    instructions = [t.text.strip() for t in header.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert section.header.paragraphs[0].alignment == 1
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText")))
    assert not "".join(p.text for p in first.paragraphs).strip()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "<w:titlePg/>" in package.read("word/document.xml").decode()


def test_score_table(word):
    table = word.tables[1]
    assert table.style.name == "Table Grid"
    assert len(table.rows) == 2 + 6
    header = table.rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[2]._tr.trPr.find(qn("w:tblHeader")) is None
    spans = [tc.tcPr.find(qn("w:gridSpan")) for tc in header.tc_lst]
    assert [span.get(qn("w:val")) if span is not None else "1" for span in spans] == ["1", "1", "3"]
    last = [cell.text for cell in table.rows[-1].cells]
    assert last == ["6", "Sở Nội vụ tỉnh Thừa Thiên Huế", "96,5", "4,5", "101"]
    assert table.rows[-1].cells[2].paragraphs[0].alignment == 2  # numbers right
    widths = [col.width for col in table.columns]
    assert widths[1] > 5 * widths[0]


def test_signature_and_recipients(word):
    closing = word.tables[-1]
    recipients, signature = closing.rows[0].cells
    lines = [p.text.replace("\xa0", " ") for p in signature.paragraphs if p.text]
    assert lines == [
        "TM. CỤM THI ĐUA",
        "CỤM TRƯỞNG",
        "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG TRỊ",
        "Ngô Quang Chiến",
    ]
    assert all(p.runs[0].bold for p in signature.paragraphs if p.text)
    title, *items = [p for p in recipients.paragraphs if p.text]
    assert title.text == "Nơi nhận:"
    assert title.runs[0].bold and title.runs[0].italic and title.runs[0].font.size.pt == 12
    assert [p.text for p in items][-1] == "- Lưu: VT, CTĐ."
    assert all(p.runs[0].font.size.pt == 11 for p in items)


def test_user_text_is_literal(word, data):
    text = "\n".join(texts(word))
    assert HOSTILE in text and HOSTILE_BOLD in text
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml
    assert "<script>" not in xml and "<b>" not in xml


def test_landscape_section_when_a_table_asks():
    document = mid_year_report(body=[score_table(landscape=True)])
    (section,) = docx.Document(io.BytesIO(render_docx(document))).sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < TOLERANCE
    assert abs(section.page_height - Mm(210)) < TOLERANCE
    assert abs(section.left_margin - Mm(30)) < TOLERANCE


def test_verification_footer_with_qr():
    document = mid_year_report(verification_code="CTĐ-2022-05-7F3A", qr_payload="https://x/v/1")
    (section,) = docx.Document(io.BytesIO(render_docx(document))).sections
    for footer in (section.first_page_footer, section.footer):
        assert "Mã xác thực: CTĐ-2022-05-7F3A" in footer.paragraphs[0].text
        assert footer._element.xpath(".//pic:pic")


def test_pledge_signatures_in_a_grid():
    signatures = [Signature(("Giám đốc",), f"Người ký {n}") for n in range(1, 7)]
    document = mid_year_report(kind="Giao ước thi đua", signatures=signatures, archive="",
                               recipients=())
    word = docx.Document(io.BytesIO(render_docx(document)))
    grid = word.tables[-1]
    # Two rows of signers, each as three table rows (authority, room, name), so that the names
    # of a row stand on one line.
    assert len(grid.rows) == 6 and len(grid.columns) == 3
    names = [p.text.replace("\u00a0", " ") for row in grid.rows for cell in row.cells
             for p in cell.paragraphs]
    assert [name for name in names if name.startswith("Người ký")] == [
        f"Người ký {n}" for n in range(1, 7)
    ]
    assert "Nơi nhận:" not in "\n".join(texts(word))


def test_cong_van_subject_under_the_number():
    document = mid_year_report(
        issuer=IssuingBody(("Sở Nội vụ",), superior=("UBND tỉnh Quảng Trị",)),
        kind="",
        subject="đề nghị tặng Cờ thi đua của Chính phủ năm 2022",
        symbol="SNV-TĐKT",
        number=1237,
        addressees=("Bộ Nội vụ",),
    )
    word = docx.Document(io.BytesIO(render_docx(document)))
    issuer = word.tables[0].rows[0].cells[0]
    lines = [p.text.replace("\xa0", " ") for p in issuer.paragraphs if p.text]
    assert lines == [
        "UBND TỈNH QUẢNG TRỊ",
        "SỞ NỘI VỤ",
        "Số: 1237/SNV-TĐKT",
        "V/v đề nghị tặng Cờ thi đua của Chính phủ năm 2022",
    ]
    assert not issuer.paragraphs[0].runs[0].bold and issuer.paragraphs[1].runs[0].bold
    assert "Kính gửi: Bộ Nội vụ" in [p.text for p in word.paragraphs]
