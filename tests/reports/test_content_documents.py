"""What every document kind says, read back from its PDF and its Word file (issue #15, section
2): no word about the software (``commendations.tally.SOFTWARE_WORDS``), no text cited before
it was issued or as the basis of a rule before it took effect, and the secretary's name (or a
dotted line for a hand-written one) under THƯ KÝ in both biên bản.

The documents are built from the demo's snapshots as downloads build them (the fixtures of
``test_layout_readback``: the demo's 2022 year-end vote, its tờ trình, the 2022 mid-year
conference's minutes, the pledge, the score table and the mid-year report)."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata

import docx
import pytest

from commendations import legal_texts
from commendations.tally import SOFTWARE_WORDS
from reports.document import NBSP
from reports.docx import render_docx
from reports.kinds.common import HAND_WRITTEN_NAME, from_iso
from reports.pdf import render_pdf

from .test_layout_readback import BUILDERS, DEMO, snapshots  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace(NBSP, " ")


def _pdf_text(document) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(render_pdf(document).pdf)) as pdf:
        return _clean("\n".join(page.extract_text() or "" for page in pdf.pages))


def _docx_text(document) -> str:
    word = docx.Document(io.BytesIO(render_docx(document)))
    out = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    for inner_row in inner.rows:
                        for inner_cell in inner_row.cells:
                            out.extend(p.text for p in inner_cell.paragraphs)
    return _clean("\n".join(out))


@pytest.fixture(scope="module")
def rendered(snapshots):  # noqa: F811 (the imported fixture)
    """Every demo kind, built once: {name: (document, day, pdf text, docx text)}."""
    out = {}
    for name, (snapshot_name, stamp) in DEMO.items():
        snapshot = snapshots[snapshot_name]
        document = BUILDERS[snapshot_name](snapshot, stamp)
        day = (stamp.date or document.date or from_iso(snapshot.get("date"))
               or datetime.date.today())
        out[name] = (document, day, _pdf_text(document), _docx_text(document))
    return out


def _words(text: str) -> list[str]:
    lowered = " ".join(text.lower().split())
    return [word for word in SOFTWARE_WORDS if word in lowered]


@pytest.mark.parametrize("name", list(DEMO))
def test_no_document_speaks_of_the_software(rendered, name):
    _document, _day, pdf, word = rendered[name]
    assert _words(pdf) == [], f"{name} (PDF)"
    assert _words(word) == [], f"{name} (Word)"


_NUMBER_YEAR = re.compile(r"\b\d{1,5}/(\d{4})/[A-ZĐ]")


@pytest.mark.parametrize("name", list(DEMO))
def test_every_text_cited_was_issued_and_in_force_on_the_documents_date(rendered, name):
    """The year of every cited number ("98/2023/NĐ-CP") is at most the document's; a text the
    app knows is cited only from its date of issue, and not once replaced or expired."""
    _document, day, pdf, word = rendered[name]
    for text in (pdf, word):
        flat = " ".join(text.split())
        years = [int(y) for y in _NUMBER_YEAR.findall(flat)]
        assert all(year <= day.year for year in years), (name, day, years)
        for cited in legal_texts.cited_texts(flat):
            assert cited.citable_on(day), (name, day, cited.number)
            assert cited.in_force_on(day), (name, day, cited.number)


def test_the_2022_vote_and_submission_cite_the_texts_in_force_in_2022(rendered):
    for name in ("vote", "submission", "submission_issued"):
        _document, day, pdf, _word = rendered[name]
        assert day.year == 2022
        flat = " ".join(pdf.split())
        assert "Nghị định số 91/2017/NĐ-CP" in flat, name
        for later in ("06/2022/QH15", "98/2023", "152/2025", "5007/BNV"):
            assert later not in flat, (name, later)


def test_the_rules_applied_are_stated_in_administrative_prose(rendered):
    _document, _day, pdf, _word = rendered["vote"]
    flat = " ".join(pdf.split())
    assert "Tỷ lệ đồng ý: từ 80% trên tổng số thành viên" in flat
    assert "các quy tắc bình xét Cụm đã thống nhất" in flat
    assert "quy ước" not in flat and "Thứ tự mã" not in flat


@pytest.mark.parametrize("name", ["minutes", "vote"])
def test_both_minutes_leave_a_dotted_line_for_a_secretary_not_named(rendered, name):
    """The seed article names no secretary: the demo leaves the name empty, and THƯ KÝ signs
    over a dotted line for a hand-written name."""
    document, _day, pdf, word = rendered[name]
    secretary = document.signatures[0]
    assert secretary.authority == ("Thư ký",) and secretary.name == HAND_WRITTEN_NAME
    assert "THƯ KÝ" in pdf and HAND_WRITTEN_NAME in word


def test_the_secretarys_name_is_printed_under_thu_ky(snapshots):  # noqa: F811
    for name in ("minutes", "vote"):
        snapshot_name, stamp = DEMO[name]
        snapshot = {**snapshots[snapshot_name], "secretary": "Trần Thị Thư"}
        document = BUILDERS[snapshot_name](snapshot, stamp)
        assert document.signatures[0].name == "Trần Thị Thư"
        assert "Trần Thị Thư" in _docx_text(document)
