"""The documents of a real cluster-year, downloaded as the secretariat does (one click each),
then read back from the PDF as a reader would: page, margins, fonts, masthead, number and date,
page numbers, signature, and the content against the data it came from."""

import datetime
import io
import re
import tempfile
import unicodedata
from decimal import Decimal

import docx
import pdfplumber
import pypdf
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from cluster.models import User
from cluster.selectors import cluster_member_units
from cluster.text import long_date
from commendations.models import SessionStatus, VotingSession
from commendations.selectors import ballot_board, tally_list
from pledges.models import Pledge
from pledges.selectors import pledge_signature_board
from reports.document import format_value
from reports.models import DocumentFile, IssuedDocument
from results.models import ReportingPeriod
from results.selectors.results import ranking
from results.services import results

from .data import HOSTILE, build_mid_year

# Marks every test as using the database, so that pytest-django sets up the test database
# before the module fixture below runs (it sets up only what the collected tests ask for).
pytestmark = pytest.mark.django_db

MM = 72 / 25.4
A4 = (595.28, 841.89)
TOP, BOTTOM, LEFT, RIGHT = 20 * MM, 20 * MM, 30 * MM, 15 * MM
V = "/cum/snv-bac-trung-bo/"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces as one space (names wrap in narrow cells)."""
    return " ".join(nfc(text).split())


class Downloaded:
    def __init__(self, name, data, code, **facts):
        self.name, self.data, self.code = name, data, code
        self.facts = facts
        self.pdf = pdfplumber.open(io.BytesIO(data)) if data.startswith(b"%PDF") else None

    @property
    def text(self) -> str:
        return "\n".join(nfc(page.extract_text()) for page in self.pdf.pages)

    def find(self, text: str):
        return [(number, match) for number, page in enumerate(self.pdf.pages, start=1)
                for match in page.search(text, regex=False)]


@pytest.fixture(scope="module")
def docs(django_db_setup, django_db_blocker):
    """Every document, downloaded once through the pages, in one transaction rolled back
    afterwards: the draft and the issued mid-year report, a year-end report, the score table,
    the 2022 pledge, the minutes of the mid-year conference, and the Word files."""
    found = {}
    with django_db_blocker.unblock(), tempfile.TemporaryDirectory() as media, \
            override_settings(MEDIA_ROOT=media), transaction.atomic():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
        data = build_mid_year()
        year = data.year
        client = Client()
        client.force_login(User.objects.get(username="canbo.quangtri"))
        base = f"{V}{year}/van-ban/"

        def get(name, path, **facts):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            content = b"".join(response.streaming_content)
            stored = DocumentFile.objects.get(sha256=response["ETag"].strip('"'))
            code = stored.document.verification_code
            found[name] = Downloaded(name, content, code, **facts)

        get("draft", base + "bao-cao/6-thang/pdf/")
        get("draft_docx", base + "bao-cao/6-thang/docx/")
        issued_on = timezone.localdate()
        response = client.post(base + "bao-cao/6-thang/ban-hanh/",
                               {"issued_on": issued_on.isoformat()})
        assert response.status_code == 302
        issued = IssuedDocument.objects.get(number__isnull=False, kind="bc_so_ket")
        get("issued", base + f"ban-hanh/{issued.verification_code}/pdf/",
            number=issued.number, issued_on=issued_on)
        get("scores", base + "bang-diem/6-thang/pdf/")
        get("minutes", base + f"hoi-nghi/{data.conference.pk}/bien-ban/pdf/")
        get("pledge", f"{V}2022/van-ban/giao-uoc/pdf/")
        results.period_create(cluster=data.cluster, year=year,
                              kind=ReportingPeriod.Kind.YEAR_END,
                              deadline=timezone.now() + datetime.timedelta(days=30),
                              acting_user=data.secretary)
        get("year_end", base + "bao-cao/ca-nam/pdf/")
        session = VotingSession.objects.get(cluster=data.cluster, year=2022,
                                            status=SessionStatus.CLOSED)
        awards = f"{V}2022/van-ban/binh-xet/{session.pk}/"
        get("vote", awards + "bien-ban/pdf/")
        get("submission_draft", awards + "to-trinh/pdf/")
        held = timezone.localtime(session.conference.starts_at).date()
        assert client.post(awards + "bien-ban/ban-hanh/",
                           {"issued_on": held.isoformat()}).status_code == 302
        minutes = IssuedDocument.objects.get(number__isnull=False, kind="bb_binh_xet")
        get("submission", awards + "to-trinh/docx/", minutes=minutes.number_symbol)
        found["facts"] = {
            "year": year,
            "members": [u.name for u in cluster_member_units(cluster=data.cluster, year=year)],
            "ranking": [(r.unit.name, r.self_total, r.final_total, r.rank)
                        for r in ranking(period=data.period)],
            "pledge": [(row.unit.name, row.signature.signer_name) for row in
                       pledge_signature_board(pledge=Pledge.objects.get(year=2022)).rows],
            "held": held,
            "voted": [row.unit.name for row in ballot_board(session=session).rows
                      if row.ballot],
            "tally": [(t.award.name, [(r.nomination.candidate_name, r.agree, r.disagree,
                                       r.passed) for r in t.results.all()])
                      for t in tally_list(session=session)],
        }
        transaction.set_rollback(True)
    yield found
    for item in found.values():
        if isinstance(item, Downloaded) and item.pdf:
            item.pdf.close()


PDFS = ["draft", "issued", "scores", "minutes", "pledge", "year_end", "vote",
        "submission_draft"]


@pytest.mark.parametrize("name", PDFS)
def test_a4_with_the_decree_margins(docs, name):
    document = docs[name]
    landscape = name == "scores"
    for page in document.pdf.pages:
        size = (page.width, page.height)
        assert size == pytest.approx(A4[::-1] if landscape else A4, abs=1)
        content = [c for c in page.chars
                   if TOP - 1 <= c["top"] and c["bottom"] <= page.height - BOTTOM + 0.5]
        assert min(c["x0"] for c in content) == pytest.approx(LEFT, abs=1.5)
        assert max(c["x1"] for c in content) <= page.width - RIGHT + 0.5
        # In the margins: the page number on top (from page 2), the code at the bottom.
        bottom = "".join(c["text"] for c in page.chars if c["bottom"] > page.height - BOTTOM + 0.5)
        assert bottom.replace(" ", "") == f"Mãxácthực:{document.code}"


@pytest.mark.parametrize("name", PDFS)
def test_fonts_embedded_and_from_the_document_family(docs, name):
    reader = pypdf.PdfReader(io.BytesIO(docs[name].data))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (font["/DescendantFonts"][0].get_object()
                          if "/DescendantFonts" in font else font)
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
            name_ = str(font["/BaseFont"]).split("+", 1)[-1]
            assert name_.startswith(("Liberation-Serif", "LiberationSerif", "Times")), name_


@pytest.mark.parametrize("name", PDFS)
def test_masthead_and_no_page_number_on_page_one(docs, name):
    document = docs[name]
    first = nfc(document.pdf.pages[0].extract_text())
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
        assert text in first
    page = document.pdf.pages[0]
    (republic,) = page.search("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    issuer = page.crop((0, 0, republic["x0"] - 1, republic["top"] + 40)).extract_text()
    assert flat(issuer).startswith("CỤM THI ĐUA SỞ NỘI VỤ CÁC TỈNH BẮC TRUNG BỘ")
    assert all("Bold" in c["fontname"] and round(c["size"]) == 13 for c in republic["chars"])
    assert not [c for c in document.pdf.pages[0].chars if c["top"] < TOP - 1]
    for number, page in enumerate(document.pdf.pages[1:], start=2):
        top = "".join(c["text"] for c in page.chars if c["top"] < TOP - 1)
        assert top == str(number)


def test_issued_report_number_and_date_lines(docs):
    issued = docs["issued"]
    first = nfc(issued.pdf.pages[0].extract_text())
    number = issued.facts["number"]
    assert f"Số: {number:02d}/BC-CTĐ" in first
    date_line = f"Quảng Trị, {long_date(issued.facts['issued_on'])}"
    (match,) = issued.pdf.pages[0].search(date_line, regex=False)
    assert all("Italic" in c["fontname"] for c in match["chars"] if c["text"].strip())
    assert "BÁO CÁO" in first
    assert f"Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {docs['facts']['year']}" in first


def test_draft_leaves_number_and_day_blank(docs):
    first = nfc(docs["draft"].pdf.pages[0].extract_text())
    assert re.search(r"Số:\s+/BC-CTĐ", first)
    assert re.search(rf"Quảng Trị, ngày\s+tháng\s+năm {timezone.localdate().year}", first)


def test_signature_block_of_the_chair_and_recipients(docs):
    text = docs["issued"].text
    for line in ("TM. CỤM THI ĐUA", "CỤM TRƯỞNG", "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG TRỊ"):
        assert line in text
    ((page, name),) = docs["issued"].find("Ngô Quang Chiến")
    assert name["x0"] > docs["issued"].pdf.pages[page - 1].width / 2
    assert all("Bold" in c["fontname"] for c in name["chars"] if c["text"].strip())
    assert "- Bộ Nội vụ (Vụ Thi đua, Khen thưởng);" in text
    assert "- Lưu: VT, CTĐ." in text
    ((_, title),) = docs["issued"].find("Nơi nhận:")
    assert title["x0"] == pytest.approx(LEFT, abs=1)


@pytest.mark.parametrize("name", ["issued", "scores", "year_end"])
def test_every_member_unit_appears(docs, name):
    text = flat(docs[name].text)
    for unit in docs["facts"]["members"]:
        assert unit in text, unit


def test_report_synthesises_the_units_reports(docs):
    """Sections I–IV as real cluster reports; what the four units said alike is written once
    with the units named, not pasted four times; the conference only once it was held."""
    text = flat(docs["issued"].text)
    year = docs["facts"]["year"]
    for heading in (f"I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG 6 THÁNG ĐẦU NĂM {year}",
                    "1. Công tác chỉ đạo, tổ chức phong trào thi đua",
                    "2. Kết quả thực hiện nhiệm vụ trên các lĩnh vực",
                    "3. Công tác khen thưởng", "II. ĐÁNH GIÁ CHUNG", "1. Ưu điểm",
                    "2. Hạn chế và nguyên nhân",
                    f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM {year}",
                    "IV. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert heading in text, heading
    assert "Đã có 4/5 đơn vị gửi báo cáo" in text
    assert "Đơn vị chưa gửi báo cáo: Sở Nội vụ tỉnh Hà Tĩnh" in text
    assert text.count("Hạn chế của các đơn vị") == 1
    assert "Hạn chế của Sở Nội vụ Nghệ An." not in text
    assert "Hà Tĩnh: Hạn chế" not in text  # a draft's texts are not compiled
    assert "“Số hóa hồ sơ thi đua, khen thưởng” (Nghệ An" in text
    assert "Một số số liệu chủ yếu của các đơn vị trong Cụm" in text
    held = datetime.date(year, 7, 5) <= docs["issued"].facts["issued_on"]
    assert ("Hội nghị thống nhất phương hướng 6 tháng cuối năm." in text) is held


def test_score_table_totals_match_the_ranking(docs):
    scores = docs["scores"]
    by_unit = {}
    for page in scores.pdf.pages:
        for table in page.extract_tables():
            for row in table:
                cells = [flat(cell or "") for cell in row]
                unit = next((i for i, c in enumerate(cells) if "Sở Nội vụ" in c), None)
                if unit is not None:  # the unit's name, then its figures
                    name = cells[unit][cells[unit].index("Sở Nội vụ"):]
                    by_unit[name] = [cells[unit], *cells[unit + 1:]]
    assert docs["facts"]["ranking"]
    for unit, self_total, final_total, rank in docs["facts"]["ranking"]:
        row = by_unit[unit]
        assert row[-3:] == [format_value(self_total), format_value(final_total), str(rank)]
        groups = [Decimal(v.replace(".", "").replace(",", ".")) for v in row[1:-3]]
        assert len(groups) == 3 and sum(groups) == final_total
    assert "Chưa có kết quả" in " ".join(flat(c or "") for c in by_unit["Sở Nội vụ tỉnh Hà Tĩnh"])
    assert "Kết quả chưa chốt" in scores.text


def test_year_end_report_of_the_same_shape(docs):
    text = flat(docs["year_end"].text)
    year = docs["facts"]["year"]
    assert f"Tổng kết công tác thi đua, khen thưởng năm {year}" in text
    assert "Đã có 0/5 đơn vị gửi báo cáo" in text
    assert "Hội nghị tổng kết" not in text  # no year-end conference yet
    assert f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}" in text
    assert "TM. CỤM THI ĐUA" in text and "Ngô Quang Chiến" in text


def test_pledge_has_six_signature_blocks_with_names(docs):
    pledge = docs["pledge"]
    signers = docs["facts"]["pledge"]
    assert len(signers) == 6
    blocks = []  # (column, row top, the block's text)
    for page in pledge.pdf.pages:
        # One centred line in every block: the signer's position ("KT. GIÁM ĐỐC" is not it).
        positions = page.search(r"(PHÓ )?(?<!KT\. )GIÁM ĐỐC")
        words = page.extract_words()
        for position in positions:
            # A deputy's position is a line lower ("KT. GIÁM ĐỐC" above it): same row.
            row = [q for q in positions if abs(q["top"] - position["top"]) < 20]
            centres = sorted((q["x0"] + q["x1"]) / 2 for q in row)
            centre = (position["x0"] + position["x1"]) / 2
            mine = [w for w in words if position["top"] - 60 <= w["top"] <= position["top"] + 130
                    and min(centres, key=lambda c: abs(c - (w["x0"] + w["x1"]) / 2)) == centre]
            mine.sort(key=lambda w: (round(w["top"]), w["x0"]))
            blocks.append((centres.index(centre), round(position["top"]),
                           flat(" ".join(w["text"] for w in mine))))
    assert len(blocks) == 6
    assert {index for index, _, _ in blocks} == {0, 1, 2}  # a grid of three columns
    tops = sorted(top for _, top, _ in blocks)
    assert sum(1 for a, b in zip(tops, tops[1:], strict=False) if b - a > 20) == 1  # two rows
    for unit, signer in signers:  # each block: the unit, the position, the signer's name
        assert any(unit.upper() in text and text.endswith(signer) and "GIÁM ĐỐC" in text
                   for _, _, text in blocks), (unit, signer)
    assert "Huế, ngày 24 tháng 6 năm 2022" in pledge.text
    assert "Số:" not in pledge.text  # an agreement, not numbered in the series
    assert "GIAO ƯỚC THI ĐUA" in pledge.text


def test_minutes_of_the_conference(docs):
    minutes = docs["minutes"]
    text = flat(minutes.text)
    assert "BIÊN BẢN" in text and re.search(r"Số:\s+/BB-CTĐ", minutes.text)
    assert f"Đông Hà, ngày 05 tháng 7 năm {docs['facts']['year']}" in text
    year = docs["facts"]["year"]
    assert f"Thời gian: 8 giờ 00 phút, ngày 5/7/{year}." in text
    assert "Hội trường Sở Nội vụ" in text
    assert "Sở Nội vụ tỉnh Quảng Trị: đồng chí Ngô Quang Chiến" in text
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text


@pytest.mark.parametrize("name", ["issued", "minutes"])
def test_hostile_text_prints_literally(docs, name):
    assert HOSTILE in flat(docs[name].text).replace("</ script>", "</script>")


def test_verification_code_and_qr_on_every_page(docs):
    document = docs["issued"]
    for page in document.pdf.pages:
        (code,) = page.search(f"Mã xác thực: {document.code}", regex=False)
        assert code["top"] > page.height - BOTTOM
        shapes = [s for s in (*page.images, *page.rects, *page.curves)
                  if s["top"] > page.height - BOTTOM]
        assert shapes, "no QR code in the bottom margin"


def test_word_file_of_the_same_report(docs):
    word = docx.Document(io.BytesIO(docs["draft_docx"].data))
    paragraphs = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(p.text for p in cell.paragraphs)
    text = flat("\n".join(paragraphs))
    assert "BÁO CÁO" in text and re.search(r"Số: \S*\s*/BC-CTĐ", "\n".join(paragraphs))
    assert HOSTILE in text
    for unit in docs["facts"]["members"]:
        assert unit in text
    footer = " ".join(p.text for p in word.sections[0].footer.paragraphs)
    assert docs["draft_docx"].code in footer


def test_vote_minutes_show_who_voted_and_the_fixed_tally(docs):
    vote = docs["vote"]
    text = flat(vote.text)
    assert "BIÊN BẢN" in text and re.search(r"Số:\s+/BB-CTĐ", vote.text)
    assert long_date(docs["facts"]["held"]) in text
    for unit in docs["facts"]["voted"]:
        assert unit in text
    rows = {}
    for page in vote.pdf.pages:
        for table in page.extract_tables():
            for row in table:
                cells = [flat(cell or "") for cell in row]
                rows.setdefault(cells[-5] if len(cells) >= 5 else "", []).append(cells)
    assert docs["facts"]["tally"]
    for award, candidates in docs["facts"]["tally"]:
        assert f"Kết quả bỏ phiếu: {award}" in text
        for candidate, agree, disagree, passed in candidates:
            verdict = "Đề nghị" if passed else "Không đề nghị"
            assert [str(agree), str(disagree), verdict] in [
                [r[-4], r[-3], r[-1]] for r in rows[flat(candidate)]]
    for line in ("THƯ KÝ", "CHỦ TRÌ", "Ngô Quang Chiến"):
        assert line in text


def test_submission_proposes_what_the_vote_passed(docs):
    draft = flat(docs["submission_draft"].text)
    assert "TỜ TRÌNH" in draft and re.search(r"Số:\s+/TTr-CTĐ", docs["submission_draft"].text)
    assert "Kính gửi: Bộ Nội vụ" in draft
    passed = {c for _award, results in docs["facts"]["tally"] for c, _a, _d, ok in results if ok}
    failed = {c for _award, results in docs["facts"]["tally"]
              for c, _a, _d, ok in results if not ok} - passed
    assert passed
    for candidate in passed:
        assert f"{candidate}:" in draft
    for candidate in failed:
        assert f"{candidate}:" not in draft
    assert "Căn cứ Biên bản họp bình xét" in draft  # the minutes were not issued yet

    word = docx.Document(io.BytesIO(docs["submission"].data))
    text = flat("\n".join(p.text for p in word.paragraphs))
    assert f"Căn cứ Biên bản số {docs['submission'].facts['minutes']} ngày" in text
