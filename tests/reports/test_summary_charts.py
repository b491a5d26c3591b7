"""The mid-year report's charts (issue #17, point 6): drawn from the snapshot (frozen with
it), vector SVG in the PDF printed in the document's font, a picture in the Word file."""

from __future__ import annotations

import datetime
import io
import unicodedata

import docx
import pdfplumber
import pytest

from reports.document import Figure
from reports.docx import render_docx
from reports.kinds.common import Stamp
from reports.kinds.summary import build_summary, snapshot_summary
from reports.pdf import render_pdf

pytestmark = pytest.mark.django_db

DRAFT = Stamp(number=None, date=None, code="", verify_url="")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture
def snapshot(mid_year):
    return snapshot_summary(mid_year.period, day=datetime.date.today())


def test_the_snapshot_freezes_what_the_charts_draw(snapshot):
    part = snapshot["charts"]
    assert part["units"] == ["Quảng Trị", "Nghệ An", "Thanh Hóa", "Huế"] or \
        sorted(part["units"]) == sorted(["Quảng Trị", "Nghệ An", "Thanh Hóa", "Huế"])
    assert "Hà Tĩnh" not in part["units"]  # its report is a draft: not ranked
    assert len(part["by_group"]) == len(part["units"])
    assert all(len(row) == len(part["groups"]) for row in part["by_group"])
    # the groups add up to the ranking's totals
    ranking = {row["unit"]: row["final_total"] for row in snapshot["scores"]["ranking"]}
    assert sorted(ranking.values()) == sorted(part["totals"])


def test_pdf_prints_the_charts_as_vector_text_in_the_document_font(snapshot):
    document = build_summary(snapshot, DRAFT)
    figures = [block for block in document.body if isinstance(block, Figure)]
    assert [f.caption.split(".")[0] for f in figures] == ["Biểu đồ 1", "Biểu đồ 2"]
    rendered = render_pdf(document)
    assert rendered.html.count("<svg") == 2 and "<script" not in rendered.html.split(
        "<body>")[1].split("Biểu đồ 1")[1].split("</svg>")[0]
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        text = nfc("\n".join(page.extract_text() for page in pdf.pages))
        assert "Biểu đồ 1. Điểm thi đua của các đơn vị 6 tháng đầu năm" in text
        assert "Biểu đồ 2." in text
        page = next(p for p in pdf.pages if "Biểu đồ 1" in nfc(p.extract_text()))
        words = nfc(page.extract_text())
        for unit in snapshot["charts"]["units"]:
            assert unit in words  # the bars' labels are text, not pixels
        assert not page.images  # vector: no raster picture
        # the shipped Liberation Serif (Debian's 1.07 lacks ả, ị ...): no fallback font
        fonts = {c["fontname"].split("+")[-1] for c in page.chars}
        assert all(name.startswith("Liberation-Serif") for name in fonts), fonts


def test_docx_holds_the_charts_as_pictures_with_their_alternative_text(snapshot):
    data = render_docx(build_summary(snapshot, DRAFT))
    word = docx.Document(io.BytesIO(data))
    assert len(word.inline_shapes) == 2
    images = [part for part in word.part.package.parts if part.content_type == "image/png"]
    assert images and images[0].blob.startswith(b"\x89PNG")
    titles = [el.get("title") for el in word.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert any(title and title.startswith("Điểm thi đua của các đơn vị") for title in titles)


def test_a_snapshot_taken_before_the_charts_prints_without_them(snapshot):
    """An issued report re-renders as issued: its frozen snapshot has no charts."""
    old = {key: value for key, value in snapshot.items() if key != "charts"}
    document = build_summary(old, DRAFT)
    assert not any(isinstance(block, Figure) for block in document.body)
