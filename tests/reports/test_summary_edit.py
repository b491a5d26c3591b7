"""The secretariat edits each section of the draft report before issuing it (issue #15, §3):
a section starts from the composed text, every save is checked against the version read
(a stale save is refused in Vietnamese and the typed text kept), a reset puts back the
composed text, every version is in the history, and issuing freezes exactly the edited text
into the PDF and the Word file, printed as typed (never read as markup)."""

import io
import unicodedata

import docx
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from cluster.models import User
from cluster.permissions import NotAllowed
from reports import services, services_summary
from reports.kinds import SPECS
from reports.kinds.summary import composed_sections
from reports.models import DocumentKind, IssuedDocument, SummarySection

from .data import HOSTILE

pytestmark = pytest.mark.django_db
SPEC = SPECS[DocumentKind.MIDYEAR_REPORT]
EDITED_SHORTCOMINGS = ("Việc phát hiện, nhân rộng điển hình tiên tiến ở cơ sở còn chậm.\n\n"
                       "- Một số đơn vị gửi báo cáo chưa đúng hạn.\n"
                       "- Nguyên nhân: chưa phân công cán bộ theo dõi thường xuyên.")
EDITED_DIRECTIONS = "- Tổ chức hội nghị chuyên đề về điển hình tiên tiến trong quý III."


def verify_url(code):
    return f"http://testserver/xac-minh/{code}/"


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(unicodedata.normalize("NFC", p.extract_text()) for p in reader.pages)
    return " ".join(text.split())


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return " ".join(" ".join(p.text for p in document.paragraphs).split())


def content(row) -> bytes:
    with row.file.open("rb") as handle:
        return handle.read()


def save(mid_year, key, text, version=None):
    row = SummarySection.objects.filter(period=mid_year.period, key=key).first()
    return services_summary.summary_section_save(
        period=mid_year.period, key=key, text=text,
        expected_version=(row.version if row else 0) if version is None else version,
        acting_user=mid_year.secretary)


def test_the_draft_starts_from_the_composed_text(mid_year):
    rows = services_summary.summary_draft_start(period=mid_year.period,
                                                acting_user=mid_year.secretary)
    composed = composed_sections(mid_year.period, day=timezone.localdate())
    assert {row.key: row.text for row in rows} == composed
    assert all(row.version == 1 for row in rows)
    # a second start leaves what was started
    save(mid_year, "han-che", EDITED_SHORTCOMINGS)
    services_summary.summary_draft_start(period=mid_year.period, acting_user=mid_year.secretary)
    assert SummarySection.objects.get(period=mid_year.period, key="han-che").text == \
        EDITED_SHORTCOMINGS


def test_a_stale_save_is_refused_and_nothing_is_overwritten(mid_year):
    first = save(mid_year, "han-che", "Bản thứ nhất.")
    assert first.version == 1
    save(mid_year, "han-che", "Bản thứ hai.", version=1)
    with pytest.raises(ValidationError) as refused:
        save(mid_year, "han-che", "Bản cũ đè lên.", version=1)
    assert "vừa được" in refused.value.message_dict["text"][0]
    row = SummarySection.objects.get(period=mid_year.period, key="han-che")
    assert (row.text, row.version) == ("Bản thứ hai.", 2)
    with pytest.raises(ValidationError):  # a first save when another first save won
        save(mid_year, "kien-nghi", "Khác.", version=0) and save(
            mid_year, "kien-nghi", "Khác nữa.", version=0)


def test_reset_puts_back_the_composed_text_and_history_keeps_every_version(mid_year):
    save(mid_year, "phuong-huong", EDITED_DIRECTIONS)
    row = services_summary.summary_section_reset(
        period=mid_year.period, key="phuong-huong", expected_version=1,
        acting_user=mid_year.secretary)
    assert row.text == composed_sections(mid_year.period,
                                         day=timezone.localdate())["phuong-huong"]
    history = list(row.history.order_by("history_date", "history_id"))
    assert [h.text for h in history] == [EDITED_DIRECTIONS, row.text]
    assert [h.history_change_reason for h in history] == [
        "Sửa nội dung", "Đặt lại theo nội dung tổng hợp từ số liệu"]
    assert all(h.history_user == mid_year.secretary for h in history)


def test_only_the_secretariat_edits(mid_year):
    officer = User.objects.get(username="canbo.nghean")
    with pytest.raises(NotAllowed):
        services_summary.summary_section_save(period=mid_year.period, key="han-che",
                                              text="x", expected_version=0,
                                              acting_user=officer)
    with pytest.raises(ValidationError):
        save(mid_year, "khong-co", "x")


def test_issuing_freezes_the_edited_text_into_the_pdf_and_word(mid_year, media):
    save(mid_year, "han-che", EDITED_SHORTCOMINGS)
    save(mid_year, "phuong-huong", EDITED_DIRECTIONS)
    issue = services.document_issue(
        spec=SPEC, target=mid_year.period, cluster=mid_year.cluster, year=mid_year.year,
        issued_on=timezone.localdate(), acting_user=mid_year.secretary, verify_url=verify_url)
    document = issue.document
    assert document.snapshot["sections"]["han-che"] == EDITED_SHORTCOMINGS
    assert document.snapshot["edited"] == ["han-che", "phuong-huong"]
    # edits after issuing change the draft, never the issued document
    save(mid_year, "han-che", "Sửa sau khi ban hành.")
    document.refresh_from_db()
    pdf = pdf_text(content(document.files.get(format="pdf")))
    assert "Việc phát hiện, nhân rộng điển hình tiên tiến ở cơ sở còn chậm." in pdf
    assert "- Một số đơn vị gửi báo cáo chưa đúng hạn." in pdf
    assert "Tổ chức hội nghị chuyên đề về điển hình tiên tiến trong quý III." in pdf
    assert "Sửa sau khi ban hành" not in pdf
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM" in pdf
    word = services.document_file(document=document, file_format="docx", verify_url=verify_url)
    text = docx_text(content(word))
    assert "Nguyên nhân: chưa phân công cán bộ theo dõi thường xuyên." in text
    assert "Sửa sau khi ban hành" not in text
    # the draft follows the newest edit
    draft = services.document_draft_file(
        spec=SPEC, target=mid_year.period, cluster=mid_year.cluster, year=mid_year.year,
        file_format="pdf", acting_user=mid_year.secretary, verify_url=verify_url)
    assert "Sửa sau khi ban hành." in pdf_text(content(draft.file))
    assert IssuedDocument.objects.filter(number__isnull=False).count() == 1


def test_hostile_text_prints_as_typed_in_pdf_and_word(mid_year, media):
    hostile = f"{HOSTILE}\n\n- <b>không đậm</b> &amp; {{{{ 7|add:1 }}}}"
    save(mid_year, "kien-nghi", hostile)
    for file_format, read in (("pdf", pdf_text), ("docx", docx_text)):
        draft = services.document_draft_file(
            spec=SPEC, target=mid_year.period, cluster=mid_year.cluster, year=mid_year.year,
            file_format=file_format, acting_user=mid_year.secretary, verify_url=verify_url)
        text = read(content(draft.file))
        assert HOSTILE in text, file_format
        assert "<b>không đậm</b> &amp; {{ 7|add:1 }}" in text, file_format
    from reports.pdf import render_html

    html = render_html(SPEC.build(draft.document.snapshot, services._stamp(
        draft.document, verify_url)))
    assert HOSTILE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_edit_and_keep_the_text_of_a_stale_save(mid_year):
    client = Client()
    client.force_login(mid_year.secretary)
    base = f"/cum/snv-bac-trung-bo/{mid_year.year}/van-ban/bao-cao/6-thang/soan/"
    page = client.get(base)
    assert page.status_code == 200 and "Hạn chế và nguyên nhân" in page.content.decode()
    form = client.get(base + "han-che/")
    assert form.status_code == 200
    assert 'name="version" value="0"' in form.content.decode()
    saved = client.post(base + "han-che/", {"text": EDITED_SHORTCOMINGS, "version": "0"})
    assert saved.status_code == 302
    stale = client.post(base + "han-che/", {"text": "Bản của người thứ hai.", "version": "0"})
    html = stale.content.decode()
    assert stale.status_code == 400
    assert 'data-testid="error-summary"' in html and "vừa được" in html
    assert "Bản của người thứ hai." in html  # nothing typed is lost
    assert 'name="version" value="1"' in html  # the next save is a deliberate one
    assert client.post(base + "han-che/dat-lai/", {"version": "1"}).status_code == 302
    history = client.get(base + "han-che/lich-su/").content.decode()
    assert "Phiên bản 1" in history and "Phiên bản 2" in history
    assert client.get(base + "khong-co/").status_code == 404
    assert client.get(base + "khong-co/lich-su/").status_code == 404
