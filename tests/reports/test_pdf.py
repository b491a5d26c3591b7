"""The PDF, read back as a reader would: page size, margins, fonts, header, page numbers."""

import dataclasses
import io
import os
import subprocess
import sys
import unicodedata

import pdfplumber
import pypdf
import pytest
from django.conf import settings

from reports.document import IssuingBody, Signature
from reports.pdf import RefusedURL, html_to_pdf, render_html, render_pdf, resolve_static

from .conftest import HOSTILE, HOSTILE_BOLD, mid_year_report

MM = 72 / 25.4
A4 = (595.28, 841.89)
TOP, BOTTOM, LEFT, RIGHT = 20 * MM, 20 * MM, 30 * MM, 15 * MM


@pytest.fixture(scope="module")
def rendered():
    return render_pdf(mid_year_report())


@pytest.fixture(scope="module")
def pdf(rendered):
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as document:
        yield document


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def page_text(page) -> str:
    return nfc(page.extract_text())


def all_text(pdf) -> str:
    return "\n".join(page_text(page) for page in pdf.pages)


def find(pdf, text: str) -> list[tuple[int, dict]]:
    """(page number from 1, match) for every place ``text`` is printed."""
    return [
        (number, match)
        for number, page in enumerate(pdf.pages, start=1)
        for match in page.search(text, regex=False)
    ]


def content_chars(page):
    """The characters of the page area: not the page number in the top margin."""
    return [char for char in page.chars if char["top"] >= TOP - 1]


def test_multi_page_a4_portrait(pdf):
    assert len(pdf.pages) >= 2
    for page in pdf.pages:
        assert page.width == pytest.approx(A4[0], abs=1)
        assert page.height == pytest.approx(A4[1], abs=1)


def test_margins(pdf):
    for page in pdf.pages:
        chars = content_chars(page)
        assert min(char["x0"] for char in chars) == pytest.approx(LEFT, abs=1.5)
        assert max(char["x1"] for char in chars) <= page.width - RIGHT + 0.5
        assert max(char["bottom"] for char in chars) <= page.height - BOTTOM + 0.5
    # Nothing but the page number prints in the top margin.
    for number, page in enumerate(pdf.pages, start=1):
        above = "".join(char["text"] for char in page.chars if char["top"] < TOP - 1)
        assert above == ("" if number == 1 else str(number))


def test_body_text_is_14pt_justified_with_indented_first_line(pdf):
    (number, match), = find(pdf, "Công tác thi đua, khen thưởng trong Cụm từng bước")
    first = match["chars"][0]
    assert first["x0"] == pytest.approx(LEFT + 12.7 * MM, abs=1)
    assert round(first["size"]) == 14
    # Justified: the full lines of a paragraph end at the right margin.
    page = pdf.pages[number - 1]
    line_ends = [
        char["x1"]
        for char in page.chars
        if abs(char["top"] - first["top"]) < 1 and char["text"].strip()
    ]
    assert max(line_ends) == pytest.approx(page.width - RIGHT, abs=1)


def test_fonts_are_liberation_serif_or_times_and_embedded(rendered):
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    assert names, "no font in the PDF"
    for name in names:
        assert name.startswith(("Liberation-Serif", "LiberationSerif", "Times")), name
    assert {"Liberation-Serif-Bold", "Liberation-Serif-Italic"} <= names or any(
        name.startswith("Times") for name in names
    )


def test_every_vietnamese_letter_comes_from_the_document_font(pdf):
    """No glyph falls back to another font (Debian's Liberation 1.07 lacks ạ ả ấ ... ữ)."""
    fonts = {char["fontname"].split("+", 1)[-1] for page in pdf.pages for char in page.chars}
    assert all(name.startswith(("Liberation-Serif", "Times")) for name in fonts), fonts
    assert "ệ" in all_text(pdf) and "Ộ" in all_text(pdf)


def test_masthead(pdf):
    first = page_text(pdf.pages[0])
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CỤM THI ĐUA SỞ NỘI VỤ",
        "CÁC TỈNH BẮC TRUNG BỘ",
        "Số: 05/BC-CTĐ",
        "BÁO CÁO",
        "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022",
    ):
        assert text in first, text
    page = pdf.pages[0]
    (republic,) = page.search("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert all("Bold" in c["fontname"] and round(c["size"]) == 13 for c in republic["chars"])
    (motto,) = page.search("Độc lập - Tự do - Hạnh phúc")
    assert all("Bold" in c["fontname"] and round(c["size"]) == 14 for c in motto["chars"])
    (body_name,) = page.search("CỤM THI ĐUA SỞ NỘI VỤ")
    assert body_name["x1"] < republic["x0"], "the issuing body is left of the national title"
    assert all("Bold" in c["fontname"] for c in body_name["chars"])


def test_date_line_in_italics_under_the_motto(pdf):
    page = pdf.pages[0]
    (date,) = page.search("Huế, ngày 24 tháng 6 năm 2022")
    (motto,) = page.search("Độc lập - Tự do - Hạnh phúc")
    assert date["top"] > motto["bottom"]
    assert all("Italic" in char["fontname"] for char in date["chars"] if char["text"].strip())


def test_page_number_centred_in_the_top_margin_from_page_two(pdf):
    assert not [char for char in pdf.pages[0].chars if char["top"] < TOP]
    (two,) = [char for char in pdf.pages[1].chars if char["top"] < TOP]
    assert two["text"] == "2"
    centre = (LEFT + pdf.pages[1].width - RIGHT) / 2
    assert (two["x0"] + two["x1"]) / 2 == pytest.approx(centre, abs=3)


def test_signature_block_on_the_right_with_recipients_beside_it(pdf):
    text = all_text(pdf)
    for line in ("TM. CỤM THI ĐUA", "CỤM TRƯỞNG", "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG TRỊ"):
        assert line in text
    ((page, name),) = find(pdf, "Ngô Quang Chiến")
    width = pdf.pages[page - 1].width
    assert name["x0"] > width / 2
    assert all("Bold" in char["fontname"] for char in name["chars"] if char["text"].strip())
    ((recipients_page, title),) = find(pdf, "Nơi nhận:")
    assert recipients_page == page
    assert title["x0"] == pytest.approx(LEFT, abs=1)
    assert title["top"] < name["top"]
    assert all("BoldItalic" in c["fontname"].replace("-", "") for c in title["chars"])
    assert all(round(c["size"]) == 12 for c in title["chars"])
    ((_, archive),) = find(pdf, "- Lưu: VT, CTĐ.")
    assert all(round(c["size"]) == 11 for c in archive["chars"])
    assert "- Vụ Thi đua - Khen thưởng, Bộ Nội vụ" in text


def test_score_table_with_repeated_header(pdf):
    text = all_text(pdf)
    assert "Sở Nội vụ tỉnh Thừa Thiên Huế" in text
    assert "96,25" in text and "102" in text
    ((page, cell),) = find(pdf, "94,25")
    assert cell["x1"] > pdf.pages[page - 1].width / 2  # numbers align right


def test_user_text_prints_literally(pdf, rendered):
    text = "".join(all_text(pdf).split("\n"))
    assert HOSTILE in text
    assert HOSTILE_BOLD in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered.html
    assert "<script" not in rendered.html.replace("&lt;script", "")


def test_landscape_document():
    document = mid_year_report(body=[*mid_year_report().body[:3], _wide_table()])
    with pdfplumber.open(io.BytesIO(render_pdf(document).pdf)) as pdf:
        for page in pdf.pages:
            assert (page.width, page.height) == (
                pytest.approx(A4[1], abs=1),
                pytest.approx(A4[0], abs=1),
            )
        chars = content_chars(pdf.pages[0])
        assert min(c["x0"] for c in chars) == pytest.approx(LEFT, abs=1.5)
        assert max(c["x1"] for c in chars) <= pdf.pages[0].width - RIGHT + 0.5


def _wide_table():
    from .conftest import score_table

    return score_table(landscape=True)


def test_verification_code_and_qr_at_the_page_bottom():
    document = mid_year_report(
        verification_code="CTĐ-2022-05-7F3A",
        qr_payload="https://thidua.example/xac-thuc/CTD-2022-05-7F3A",
    )
    rendered = render_pdf(document)
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        for page in pdf.pages:
            (code,) = page.search("Mã xác thực: CTĐ-2022-05-7F3A")
            assert code["top"] > page.height - BOTTOM
            assert code["chars"][0]["size"] < 10
        assert pdf.pages[0].images or pdf.pages[0].curves or pdf.pages[0].rects
        qr = [
            shape
            for shape in (*pdf.pages[0].images, *pdf.pages[0].rects, *pdf.pages[0].curves)
            if shape["top"] > pdf.pages[0].height - BOTTOM
        ]
        assert qr, "no QR code in the bottom margin"


def test_pledge_signed_by_six_units_in_a_grid():
    units = ("Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế")
    signatures = [
        Signature(("Sở Nội vụ tỉnh " + unit, "Giám đốc"), f"Giám đốc {index}")
        for index, unit in enumerate(units, start=1)
    ]
    document = mid_year_report(
        kind="Giao ước thi đua", symbol="GƯ-CTĐ", signatures=signatures, recipients=(), archive=""
    )
    with pdfplumber.open(io.BytesIO(render_pdf(document).pdf)) as pdf:
        places = [m for page in pdf.pages for m in page.search(r"Giám đốc \d")]
        assert len(places) == 6
        rows = sorted({round(m["top"]) for m in places})
        columns = sorted({round(m["x0"] / 50) for m in places})
        assert len(rows) == 2 and len(columns) == 3
        assert "Nơi nhận" not in all_text(pdf)


def test_static_files_from_disk_and_nothing_else():
    assert resolve_static("https://static.invalid/reports/document.css").name == "document.css"
    for url in (
        "http://example.com/a.css",
        "https://example.com/reports/document.css",
        "file:///etc/passwd",
        "https://static.invalid/../config/settings.py",
        "https://static.invalid/reports/%2e%2e/%2e%2e/config/settings.py",
        "https://static.invalid/reports/missing.css",
        "ftp://static.invalid/reports/document.css",
    ):
        with pytest.raises(RefusedURL):
            resolve_static(url)


def test_a_network_url_stops_the_rendering():
    with pytest.raises(RefusedURL):
        html_to_pdf('<p>x</p><img src="http://127.0.0.1:9/tracker.png">')


def test_independent_of_static_url_and_storage(settings):
    """No request, no collectstatic: a CDN STATIC_URL and the manifest storage change nothing."""
    settings.STATIC_URL = "https://cdn.example.org/static/"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }
    html = render_html(mid_year_report())
    assert "cdn.example.org" not in html
    small = dataclasses.replace(mid_year_report(), body=())
    with pdfplumber.open(io.BytesIO(render_pdf(small).pdf)) as pdf:
        assert pdf.pages[0].width == pytest.approx(A4[0], abs=1)
        chars = content_chars(pdf.pages[0])
        assert min(c["x0"] for c in chars) == pytest.approx(LEFT, abs=1.5)


def test_cong_van_has_its_subject_under_the_number_and_a_superior_body():
    document = mid_year_report(
        issuer=IssuingBody(("Sở Nội vụ",), superior=("UBND tỉnh Quảng Trị",)),
        kind="",
        subject="đề nghị tặng Cờ thi đua của Chính phủ năm 2022",
        symbol="SNV-TĐKT",
        number=1237,
        addressees=("Bộ Nội vụ",),
    )
    with pdfplumber.open(io.BytesIO(render_pdf(document).pdf)) as pdf:
        page = pdf.pages[0]
        text = page_text(page)
        assert "UBND TỈNH QUẢNG TRỊ" in text and "Số: 1237/SNV-TĐKT" in text
        assert "Kính gửi:" in text and "Bộ Nội vụ" in text
        (superior,) = page.search("UBND TỈNH QUẢNG TRỊ")
        assert not any("Bold" in c["fontname"] for c in superior["chars"])
        (about,) = page.search("V/v đề nghị tặng")
        (number,) = page.search("Số: 1237/SNV-TĐKT")
        assert about["top"] > number["top"] and about["x1"] < page.width / 2


def test_weasyprint_is_imported_only_when_printing():
    code = (
        "import django, sys; django.setup(); import reports.pdf, reports.docx, reports.xlsx; "
        "print('weasyprint' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
        cwd=settings.BASE_DIR,
    )
    assert result.stdout.strip() == "False"
