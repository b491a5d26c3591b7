"""The layout of every document kind, read back from its PDF as a văn thư would measure it
(issue #15, section 1): the closing never alone on a page, signature blocks (equal columns,
word groups, KT.), the QR code inside the printable area, the rules under the subject and the
motto, long unbroken text, the headings' styles.

Documents are built both from the dataclasses directly and from the demo's snapshots (the
builders of ``reports.kinds``, as downloads do). Each is rendered once per module; the closing
test renders two more lengths per kind, computed from the first rendering so that the closing
falls exactly at a page boundary: once just too tall for the room left under the body, once
under a body whose last line is the last line of its page."""

from __future__ import annotations

import dataclasses
import datetime
import io
import math
import unicodedata

import pdfplumber
import pypdf
import pytest
from django.db import transaction
from django.test import override_settings

from reports.document import (
    MOTTO,
    NBSP,
    Cell,
    Document,
    IssuingBody,
    Paragraph,
    Signature,
    Table,
    bind_words,
    signing_lines,
    text_width_em,
)
from reports.kinds import Stamp
from reports.kinds.awards import build_submission, build_vote
from reports.kinds.common import chair_signature, position_of
from reports.kinds.minutes import build_minutes
from reports.kinds.pledge import build_pledge
from reports.kinds.scores import build_scores
from reports.kinds.summary import build_summary
from reports.pdf import render_pdf

from .conftest import CLUSTER, mid_year_report

# The module's tests read the demo's snapshots: grouped with the demo's tests (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]

MM = 72 / 25.4
TOP, BOTTOM, LEFT, RIGHT = 20 * MM, 20 * MM, 30 * MM, 15 * MM
PRINTABLE = 10 * MM  # nothing is printed nearer the paper's edge (document.css)
LINE = 14 * 1.2  # the pitch of the body's lines
CODE = "CTĐ-2022-7F3A"
URL = "https://thidua.example/xac-thuc/CTD-2022-7F3A"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def printed(text: str) -> str:
    """A line as a PDF reader gives it back: no-break spaces read as spaces."""
    return nfc(text).replace(NBSP, " ")


# --- documents from the dataclasses -------------------------------------------------------------

UNBROKEN = "A" * 120 + "Đ" * 60 + "x" * 120  # 300 characters without a space
FILE_NAME = "bao_cao_so_ket_6_thang_dau_nam_2022_cum_thi_dua_so_noi_vu_bac_trung_bo_ban_cuoi.docx"
LONG_URL = "https://thidua.example/cum/snv-bac-trung-bo/2022/van-ban/" + "tai-lieu-" * 8 + "x.pdf"
LONG_SUBJECT = ("Về việc đề nghị tặng Cờ thi đua của Chính phủ, Bằng khen của Thủ tướng Chính "
                "phủ và Cờ thi đua của Bộ Nội vụ cho các tập thể, cá nhân có thành tích xuất sắc "
                "trong phong trào thi đua năm 2022 của Cụm thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ")
LONG_UNIT = ("Sở Nội vụ tỉnh Thừa Thiên Huế (nay là Sở Nội vụ thành phố Huế trực thuộc Trung "
             "ương, theo Nghị quyết của Quốc hội)")


def table_last() -> Document:
    """A table as the last block of the body; long unbroken text everywhere; a deputy signs;
    a subject of three lines."""
    rows = [(Cell(index, align="center"), f"Hàng {index}", "") for index in range(1, 9)]
    rows[2] = (Cell(3, align="center"), "Hàng 3", LONG_URL)
    return Document(
        issuer=CLUSTER, kind="Tờ trình", subject=LONG_SUBJECT, symbol="TTr-CTĐ", number=3,
        place="Huế", date=datetime.date(2022, 6, 24), addressees=("Bộ Nội vụ",),
        body=[Paragraph(f"Mã hồ sơ: {UNBROKEN}."), Paragraph(f"Tệp đính kèm: {FILE_NAME}."),
              Table(header_rows=(("TT", "Nội dung", "Ghi chú"),), rows=rows,
                    column_widths=(1, 5, 4))],
        signatures=[Signature(("TM. Cụm thi đua", "Cụm trưởng",
                               *signing_lines("Phó Giám đốc", "Sở Nội vụ tỉnh Quảng Trị")),
                              "Nguyễn Thị Thanh Hương")],
        recipients=("Như trên", f"Hồ sơ điện tử: {FILE_NAME}"), archive="VT, CTĐ",
        verification_code=CODE, qr_payload=URL,
    )


def grid() -> Document:
    """A pledge of six units, three columns, one unit with a very long name, deputies."""
    units = ("Sở Nội vụ tỉnh Thanh Hóa", LONG_UNIT, "Sở Nội vụ tỉnh Hà Tĩnh",
             "Sở Nội vụ thành phố Hồ Chí Minh", "Sở Nội vụ tỉnh Quảng Trị",
             "Sở Nội vụ tỉnh Nghệ An")
    signatures = [Signature((unit, *signing_lines("Phó Giám đốc" if index % 2 else "Giám đốc")),
                            name)
                  for index, (unit, name) in enumerate(zip(units, (
                      "Lê Văn An", "Nguyễn Thị Thanh Hương", "Trần Bình", "Phạm Minh Quân",
                      "Ngô Quang Chiến", "Hoàng Thị Mai"), strict=True))]
    body = [block for block in mid_year_report().body if isinstance(block, Paragraph)][:4]
    body.append(Paragraph("Giao ước này được các đơn vị thống nhất ký kết./."))
    return mid_year_report(kind="Giao ước thi đua", subject="Năm 2022", symbol="GƯ-CTĐ",
                           numbered=False, body=body, signatures=signatures, signature_columns=3,
                           verification_code=CODE, qr_payload=URL)


def report() -> Document:
    return mid_year_report(verification_code=CODE, qr_payload=URL)


# --- documents from the demo's snapshots --------------------------------------------------------


@pytest.fixture(scope="module")
def snapshots(django_db_setup, django_db_blocker, tmp_path_factory):
    """The snapshot of every kind from the demo (tests/reports/data.py adds this year's
    mid-year period), taken once, in a transaction rolled back afterwards."""
    from commendations.models import SessionStatus, VotingSession
    from pledges.models import Pledge
    from reports.kinds import (
        snapshot_minutes,
        snapshot_pledge,
        snapshot_scores,
        snapshot_submission,
        snapshot_summary,
        snapshot_vote,
    )
    from tests.conftest import _LAYER, _media_dir

    from .data import build_mid_year

    media = _media_dir(tmp_path_factory)
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        _LAYER.prepare(wants=True, media_root=media)  # the demo, loaded once per process
        with transaction.atomic():
            data = build_mid_year()
            day = datetime.date.today()
            session = VotingSession.objects.get(cluster=data.cluster, year=2022,
                                                status=SessionStatus.CLOSED)
            found = {
                "summary": snapshot_summary(data.period, day=day),
                "scores": snapshot_scores(data.period, day=day),
                "pledge": snapshot_pledge(Pledge.objects.get(year=2022), day=day),
                "minutes": snapshot_minutes(data.conference, day=day),
                "vote": snapshot_vote(session, day=day),
                "submission": snapshot_submission(session, day=day),
            }
            transaction.set_rollback(True)
    return found


DRAFT = Stamp(number=None, date=None, code=CODE, verify_url=URL)
ISSUED = Stamp(number=7, date=datetime.date(2022, 6, 24), code=CODE, verify_url=URL)
BUILDERS = {"summary": build_summary, "scores": build_scores, "pledge": build_pledge,
            "minutes": build_minutes, "vote": build_vote, "submission": build_submission}
SYNTHETIC = {"report": report, "table_last": table_last, "grid": grid}
# name: (snapshot, stamp); the issued tờ trình and report print the same body as the drafts.
DEMO = {"summary": ("summary", DRAFT), "summary_issued": ("summary", ISSUED),
        "scores": ("scores", DRAFT), "pledge": ("pledge", DRAFT), "minutes": ("minutes", DRAFT),
        "vote": ("vote", ISSUED), "submission": ("submission", DRAFT),
        "submission_issued": ("submission", ISSUED)}
KINDS = [*SYNTHETIC, *DEMO]
SWEPT = ["report", "table_last", "grid", "summary", "scores", "pledge", "minutes", "vote",
         "submission"]


class Rendered:
    """A document's PDF, open for reading, with the positions of the anchors the template
    sets: ``body`` (where the body starts) and ``closing`` (where Nơi nhận and the signatures
    start): (page index, top in points from the page's top)."""

    def __init__(self, document: Document):
        self.document = document
        data = render_pdf(document).pdf
        self.pdf = pdfplumber.open(io.BytesIO(data))
        reader = pypdf.PdfReader(io.BytesIO(data))
        self.anchors = {}
        for name, destination in reader.named_destinations.items():
            index = reader.get_destination_page_number(destination)
            self.anchors[name] = (index, float(reader.pages[index].mediabox.height)
                                  - float(destination.top))

    def close(self):
        self.pdf.close()

    @property
    def pages(self):
        return self.pdf.pages

    def text(self) -> str:
        return "\n".join(nfc(page.extract_text()) for page in self.pages)

    def body_chars_above_closing(self) -> list[dict]:
        """The body's characters on the closing's page, above the closing."""
        index, top = self.anchors["closing"]
        body_index, body_top = self.anchors["body"]
        start = max(TOP - 1, body_top - 1 if body_index == index else 0)
        return [c for c in self.pages[index].chars
                if c["top"] >= start and c["bottom"] <= top + 0.5 and c["text"].strip()]

    def closing_bottom(self) -> float:
        index, top = self.anchors["closing"]
        page = self.pages[index]
        return max(c["bottom"] for c in page.chars
                   if top - 0.5 <= c["top"] and c["bottom"] <= page.height - BOTTOM + 0.5)


@pytest.fixture(scope="module")
def render(request):
    """Renders a document kind once (``render(name)``) or a grown one (``render(name, n)``);
    the demo's snapshots are taken only if a test asks for a kind built from them."""
    cache: dict = {}

    def document(name: str) -> Document:
        if name in SYNTHETIC:
            return SYNTHETIC[name]()
        snapshot, stamp = DEMO[name]
        return BUILDERS[snapshot](request.getfixturevalue("snapshots")[snapshot], stamp)

    def get(name: str, grown_by: int = 0) -> Rendered:
        if (name, grown_by) not in cache:
            cache[name, grown_by] = Rendered(grow(document(name), grown_by))
        return cache[name, grown_by]

    yield get
    for rendered in cache.values():
        rendered.close()


def grow(document: Document, lines: int) -> Document:
    """The document with its last body block ``lines`` longer: a paragraph by lines (forced
    line breaks, one line each), a table by rows."""
    if not lines:
        return document
    *head, last = document.body
    if isinstance(last, Table):
        count = len(last.rows)
        extra = [(Cell(count + n, align="center"), f"Hàng {count + n}", "")
                 for n in range(1, lines + 1)]
        last = dataclasses.replace(last, rows=(*last.rows, *extra))
    else:
        filler = "\n".join(f"Nội dung bổ sung dòng {n}." for n in range(1, lines + 1))
        last = dataclasses.replace(last, text=f"{filler}\n{last.text}")
    return dataclasses.replace(document, body=(*head, last))


def last_body_word(document: Document) -> str:
    last = document.body[-1]
    if isinstance(last, Table):
        return max((cell.text for cell in last.rows[-1]), key=len).split()[-1]
    return last.text.split()[-1]


def pitch(rendered: Rendered) -> float:
    """How far one more line (or row) moves the closing down."""
    if not isinstance(rendered.document.body[-1], Table):
        return LINE
    (page_one, one), (page_two, two) = _row_top(rendered, 1), _row_top(rendered, 2)
    assert page_one == page_two
    return two - one


def _row_top(rendered: Rendered, index: int) -> tuple[int, float]:
    for page in rendered.pages:
        for match in page.search(rf"Hàng {index}\b"):
            return page.page_number, match["top"]
    raise AssertionError(f"row {index} not found")


def boundary_lengths(rendered: Rendered) -> list[int]:
    """The growths that put the closing at a page boundary: the closing just too tall for
    the room under the body (by less than a line), and the body's last line the last line of
    its page (the closing would start the next page)."""
    index, _top = rendered.anchors["closing"]
    page = rendered.pages[index]
    bottom = page.height - BOTTOM
    step = pitch(rendered)
    body = rendered.body_chars_above_closing()
    body_end = max(c["bottom"] for c in body)
    overflow = math.floor((bottom - rendered.closing_bottom()) / step) + 1
    last_line = math.floor((bottom - body_end) / step)
    return sorted({overflow, last_line} - {0})


def assert_closing_with_body(rendered: Rendered, label: str):
    index, top = rendered.anchors["closing"]
    page = rendered.pages[index]
    for row in rendered.document.signature_blocks:
        for block in row:
            if block and block.name_line:  # its first word group, on the closing's page
                group = printed(block.name_line.split(" ")[0])
                assert any(m["top"] > top for m in page.search(group, regex=False)), (
                    label, group, "not on the closing's page")
    body = rendered.body_chars_above_closing()
    assert body, f"{label}: page {index + 1} holds the closing without any body text"
    word = nfc(last_body_word(rendered.document))
    assert any(m["bottom"] <= top + 0.5 and m["top"] >= TOP - 1
               for m in page.search(word, regex=False)), (
        f"{label}: the body's last word {word!r} is not above the closing on page {index + 1}")


@pytest.mark.parametrize("name", SWEPT)
def test_the_closing_never_stands_alone_on_a_page(render, name):
    base = render(name)
    lengths = boundary_lengths(base)
    assert lengths
    assert_closing_with_body(base, name)
    for lines in lengths:
        assert_closing_with_body(render(name, lines), f"{name} grown by {lines}")


@pytest.mark.parametrize("name", ["summary_issued", "submission_issued"])
def test_the_issued_closing_keeps_the_body_too(render, name):
    assert_closing_with_body(render(name), name)


# --- signature blocks ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["grid", "pledge", "minutes", "vote"])
def test_signature_columns_are_equal_and_centred(render, name):
    rendered = render(name)
    document = rendered.document
    index, top = rendered.anchors["closing"]
    page = rendered.pages[index]
    columns = len(document.signature_blocks[0])
    width = page.width - LEFT - RIGHT
    expected = [LEFT + width * (column + 0.5) / columns for column in range(columns)]
    for signature_row in document.signature_blocks:
        for column, block in enumerate(signature_row):
            if block is None:
                continue
            group = printed(block.authority_lines[0].split(" ")[0])
            centres = [(m["x0"] + m["x1"]) / 2 for m in page.search(group, regex=False)
                       if m["top"] >= top - 0.5]
            assert any(abs(centre - expected[column]) < 2 for centre in centres), (
                name, group, column, centres, expected)


def word_groups(line: str) -> list[str]:
    return [printed(group) for group in line.split(" ") if NBSP in group]


@pytest.mark.parametrize("name", KINDS)
def test_names_break_only_between_word_groups(render, name):
    rendered = render(name)
    document = rendered.document
    lines = [*document.issuer.name_lines]
    for row in document.signature_blocks:
        for block in row:
            if block:
                lines += [*block.authority_lines, block.name_line]
    groups = [group for line in lines for group in word_groups(line)]
    assert groups
    text = rendered.text()
    for group in groups:  # each group printed whole on one line
        assert group in text, (name, group)
    if name == "pledge":
        assert "HÀ TĨNH" in text and "TĨNH HÀ" not in text.replace("\n", " ")


def test_a_long_unit_name_does_not_squeeze_the_other_columns(render):
    rendered = render("grid")
    page = rendered.pages[rendered.anchors["closing"][0]]
    names = [m for name in ("Lê Văn An", "Trần Bình", "Phạm Minh Quân", "Ngô Quang Chiến",
                            "Hoàng Thị Mai") for m in page.search(name, regex=False)]
    assert len(names) == 5  # each on one line, whole, in a column of a third of the width
    width = (page.width - LEFT - RIGHT) / 3
    assert {round((m["x0"] + m["x1"]) / 2 - LEFT) // round(width) for m in names} == {0, 1, 2}
    text = rendered.text()
    assert "THỪA THIÊN HUẾ" in text and "HỒ CHÍ MINH" in text


def test_a_deputy_signs_for_the_head(render):
    text = render("pledge").text()
    deputies = text.count("PHÓ GIÁM ĐỐC")
    assert deputies and text.count("KT. GIÁM ĐỐC") == deputies
    grid_text = render("grid").text()
    assert grid_text.count("KT. GIÁM ĐỐC") == grid_text.count("PHÓ GIÁM ĐỐC") == 3
    table = render("table_last").text()
    assert "KT. GIÁM ĐỐC SỞ NỘI VỤ" in table and "PHÓ GIÁM ĐỐC" in table


# --- QR code and verification code --------------------------------------------------------------


@pytest.mark.parametrize("name", KINDS)
def test_qr_and_code_inside_the_printable_area(render, name):
    rendered = render(name)
    for page in rendered.pages:
        (qr,) = page.images
        (code,) = page.search(f"Mã xác thực: {CODE}", regex=False)
        for box in (qr, code):
            assert box["x0"] >= PRINTABLE and box["x1"] <= page.width - PRINTABLE
            assert page.height - box["bottom"] >= PRINTABLE - 0.01, (name, box["bottom"])
            assert box["top"] >= page.height - BOTTOM - 0.01  # under the body's area
        body = [c for c in page.chars if c["top"] < page.height - BOTTOM]
        assert all(c["bottom"] <= qr["top"] + 0.01 or c["x1"] <= qr["x0"] or c["x0"] >= qr["x1"]
                   for c in body)
        number = [c for c in page.chars if c["bottom"] < TOP]  # the page number, top margin
        assert all(c["bottom"] < qr["top"] for c in number)


# --- the rules under the subject and the motto --------------------------------------------------


def rules(page) -> list[dict]:
    return [r for r in page.rects if r["height"] < 1.5 and r["width"] > 10]


@pytest.mark.parametrize("name", KINDS)
def test_subject_rule_is_a_third_to_a_half_of_its_line(render, name):
    rendered = render(name)
    page = rendered.pages[0]
    document = rendered.document
    (kind,) = page.search(document.kind_line, regex=False)
    rule = min((r for r in rules(page) if r["top"] > kind["bottom"]), key=lambda r: r["top"])
    subject = [c for c in page.chars if kind["bottom"] < c["top"] and c["bottom"] < rule["top"]]
    lines: dict[int, list] = {}
    for char in subject:
        lines.setdefault(round(char["top"]), []).append(char)
    assert "".join(c["text"] for c in subject).replace(" ", "") == nfc(
        document.subject).replace(" ", "")
    widest = max(lines.values(), key=lambda cs: max(c["x1"] for c in cs) - min(c["x0"] for c in cs))
    left, right = min(c["x0"] for c in widest), max(c["x1"] for c in widest)
    ratio = rule["width"] / (right - left)
    assert 1 / 3 <= ratio <= 1 / 2, (name, ratio)
    assert (rule["x0"] + rule["x1"]) / 2 == pytest.approx((left + right) / 2, abs=1.5)
    if name == "table_last":
        assert len(lines) >= 3  # a long subject, on several lines
    if name in ("pledge", "grid"):
        assert len(lines) == 1  # "Năm 2022"


@pytest.mark.parametrize("name", KINDS)
def test_motto_rule_as_long_as_the_motto(render, name):
    page = render(name).pages[0]
    (motto,) = page.search(MOTTO, regex=False)
    # WeasyPrint fills a border as the space between two rectangles: the underline is the
    # rectangle whose bottom edge lies just under the motto.
    under = [r for r in page.rects if motto["bottom"] <= r["bottom"] <= motto["bottom"] + 4
             and r["x1"] > motto["x0"] and r["x0"] < motto["x1"]]
    assert under
    for rule in under:
        assert rule["x0"] == pytest.approx(motto["x0"], abs=0.75)
        assert rule["x1"] == pytest.approx(motto["x1"], abs=0.75)


# --- long unbroken text -------------------------------------------------------------------------


@pytest.mark.parametrize("name", KINDS)
def test_nothing_runs_off_the_page(render, name):
    for page in render(name).pages:
        for char in page.chars:
            assert char["x1"] <= page.width - RIGHT + 0.5, (name, page.page_number, char["text"])
            assert char["x0"] >= LEFT - 0.5, (name, page.page_number, char["text"])


def test_long_unbroken_text_wraps_without_loss(render):
    text = "".join("".join(c["text"] for c in page.chars) for page in render("table_last").pages)
    text = nfc(text).replace(" ", "")
    for long in (UNBROKEN, FILE_NAME, LONG_URL):
        assert long in text


# --- headings -----------------------------------------------------------------------------------


def test_heading_styles_of_phu_luc_i(render):
    """Mục "I." and its title in capitals, upright, bold; khoản "1." with a title upright,
    bold; điểm "a)" upright, in the text's weight; all 14 pt."""
    rendered = render("report")
    styles = {}
    for text in ("I. KẾT QUẢ THỰC HIỆN PHONG TRÀO", "1. Công tác chỉ đạo, điều hành",
                 "a) Đối với các đơn vị thành viên"):
        matches = [m for page in rendered.pages for m in page.search(text, regex=False)]
        assert matches, text
        chars = [c for c in matches[0]["chars"] if c["text"].strip()]
        assert all(round(c["size"]) == 14 for c in chars)
        styles[text[:2]] = {("Bold" in c["fontname"], "Italic" in c["fontname"]) for c in chars}
    assert styles == {"I.": {(True, False)}, "1.": {(True, False)}, "a)": {(False, False)}}


# --- the rules, without rendering ---------------------------------------------------------------


def test_bind_words_keeps_names_and_places_whole():
    def groups(text, **kwargs):
        return bind_words(text, **kwargs).split(" ")

    assert groups("Sở Nội vụ tỉnh Hà Tĩnh", upper=True) == ["SỞ\xa0NỘI\xa0VỤ", "TỈNH\xa0HÀ\xa0TĨNH"]
    assert groups("Cụm thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ") == [
        "Cụm\xa0thi\xa0đua", "Sở\xa0Nội\xa0vụ", "các\xa0tỉnh\xa0Bắc\xa0Trung\xa0Bộ"]
    assert groups("Ngô Quang Chiến") == ["Ngô\xa0Quang\xa0Chiến"]
    assert groups("Giám đốc Sở Nội vụ thành phố Huế", upper=True) == [
        "GIÁM\xa0ĐỐC", "SỞ\xa0NỘI\xa0VỤ", "THÀNH\xa0PHỐ\xa0HUẾ"]
    # A group wider than its column is bound in smaller parts: the place without its prefix.
    narrow = groups("Sở Nội vụ tỉnh Thừa Thiên Huế", upper=True, width_em=10)
    assert narrow == ["SỞ\xa0NỘI\xa0VỤ", "TỈNH", "THỪA\xa0THIÊN\xa0HUẾ"]
    assert all(text_width_em(group) <= 10 for group in narrow)
    assert bind_words("") == ""
    assert bind_words("hoàn thành tốt nhiệm vụ") == "hoàn thành tốt nhiệm vụ"


def test_a_deputy_position_needs_kt_before_it():
    assert signing_lines("Giám đốc", "Sở Nội vụ tỉnh Quảng Trị") == (
        "Giám đốc Sở Nội vụ tỉnh Quảng Trị",)
    assert signing_lines("Phó Giám đốc", "Sở Nội vụ tỉnh Quảng Trị") == (
        "KT. Giám đốc Sở Nội vụ tỉnh Quảng Trị", "Phó Giám đốc")
    assert signing_lines("Phó Cụm trưởng") == ("KT. Cụm trưởng", "Phó Cụm trưởng")
    with pytest.raises(ValueError, match="KT"):
        Signature(("Sở Nội vụ tỉnh Hà Tĩnh", "Phó Giám đốc"), "Trần Bình")
    with pytest.raises(ValueError):
        Signature(("Sở Nội vụ tỉnh Hà Tĩnh", "KT. Giám đốc"), "Trần Bình")
    Signature(("TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"), "Trần Bình")
    Signature(("Q. Giám đốc",), "Trần Bình")
    assert position_of("Quyền Giám đốc Sở Nội vụ") == "Q. Giám đốc"
    assert position_of("Phó Giám đốc Sở Nội vụ") == "Phó Giám đốc"


def test_a_deputy_chair_and_pledge_signer_sign_kt():
    snapshot = {"cluster": {"name": "Cụm thi đua", "block": False, "series_code": "CTĐ",
                            "superior_body": "Bộ Nội vụ"},
                "chair": {"unit": "Sở Nội vụ tỉnh Quảng Trị", "signer": "Lê Văn An",
                          "position": "Phó Giám đốc", "place": "Quảng Trị"}}
    assert chair_signature(snapshot).authority == (
        "TM. Cụm thi đua", "Cụm trưởng", "KT. Giám đốc Sở Nội vụ tỉnh Quảng Trị",
        "Phó Giám đốc")
    pledge = build_pledge({
        **snapshot, "year": 2022, "title": "Giao ước thi đua năm 2022", "preamble": "Mở đầu.",
        "commitments": ["Một."], "conference": "", "place": "Huế", "date": "2022-06-24",
        "signatures": [{"unit": "Sở Nội vụ tỉnh Hà Tĩnh", "signer": "Trần Bình",
                        "position": "Phó Giám đốc", "signed_on": "2022-06-24"}],
    }, DRAFT)
    assert pledge.signatures[0].authority == (
        "Sở Nội vụ tỉnh Hà Tĩnh", "KT. Giám đốc", "Phó Giám đốc")


def test_the_old_issuer_fits_its_column():
    """The masthead's groups fit the issuer's column (bind_words measures them)."""
    lines = IssuingBody(name=("Cụm thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ",)).name_lines
    assert all(text_width_em(group) * 13 <= 165 * MM * 0.4 for group in lines[0].split(" "))
