"""The public verification page: no login, who issued the document and when, and a check of
an uploaded copy (same SHA-256: "Khớp"; otherwise "Không khớp"); hostile uploads refused."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from reports import services
from reports.kinds import SPECS
from reports.models import DocumentKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(mid_year):
    """The mid-year report issued with a number, and its PDF's bytes."""
    document = services.document_issue(
        spec=SPECS[DocumentKind.MIDYEAR_REPORT], target=mid_year.period,
        cluster=mid_year.cluster, year=mid_year.year, issued_on=timezone.localdate(),
        acting_user=mid_year.secretary,
        verify_url=lambda code: f"http://testserver/xac-minh/{code}/").document
    row = document.files.get(format="pdf")
    with row.file.open("rb") as handle:
        return document, handle.read()


def upload(code: str, name: str, content: bytes, content_type="application/pdf"):
    return Client().post(f"/xac-minh/{code}/",
                         {"file": SimpleUploadedFile(name, content, content_type)})


def test_anyone_sees_who_issued_it_and_when(issued):
    document, pdf = issued
    response = Client().get(f"/xac-minh/{document.verification_code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ" in html
    assert document.number_symbol in html and "Đã ban hành" in html
    assert timezone.localdate().strftime("%d/%m/%Y") in html
    assert document.files.get().sha256 in html


def test_the_qr_code_carries_the_address_of_the_page(issued):
    """The PDF was rendered with this page's absolute address in its QR code and the code
    printed beside it: rendering the stored snapshot with the same stamp gives the same
    picture."""
    import pdfplumber

    from reports.kinds.common import Stamp
    from reports.pdf import render_html
    from reports.qr import qr_png_data_uri

    document, pdf = issued
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        assert f"Mã xác thực: {document.verification_code}" in reader.pages[0].extract_text()
    url = f"http://testserver/xac-minh/{document.verification_code}/"
    stamp = Stamp(document.number, document.issued_on, document.verification_code, url)
    html = render_html(SPECS[document.kind].build(document.snapshot, stamp))
    assert qr_png_data_uri(url) in html
    assert Client().get(url.removeprefix("http://testserver")).status_code == 200


def test_the_same_file_matches(issued):
    document, pdf = issued
    response = upload(document.verification_code, "bao-cao.pdf", pdf)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Khớp</strong>" in html and "Không khớp" not in html


def test_a_changed_file_does_not_match(issued):
    document, pdf = issued
    changed = pdf + b"% one more line, still a PDF\n"
    html = upload(document.verification_code, "bao-cao.pdf", changed).content.decode()
    assert "<strong>Không khớp</strong>" in html


def test_a_file_of_another_document_does_not_match(issued, mid_year):
    document, _pdf = issued
    other = services.document_draft_file(
        spec=SPECS[DocumentKind.MINUTES], target=mid_year.conference, cluster=mid_year.cluster,
        year=mid_year.year, file_format="pdf", acting_user=None,
        verify_url=lambda code: code).file
    with other.file.open("rb") as handle:
        html = upload(document.verification_code, "bien-ban.pdf", handle.read()).content.decode()
    assert "<strong>Không khớp</strong>" in html


def test_a_draft_says_it_is_not_issued(mid_year):
    draft = services.document_draft_file(
        spec=SPECS[DocumentKind.SCORES], target=mid_year.period, cluster=mid_year.cluster,
        year=mid_year.year, file_format="xlsx", acting_user=None, verify_url=lambda c: c)
    html = Client().get(f"/xac-minh/{draft.document.verification_code}/").content.decode()
    assert "chưa cấp số" in html and "Đã ban hành" not in html
    with draft.file.file.open("rb") as handle:  # an Excel copy is checked too
        checked = upload(draft.document.verification_code, "diem.xlsx", handle.read(),
                         "application/octet-stream").content.decode()
    assert "<strong>Khớp</strong>" in checked


def test_unknown_code_is_404(db):
    assert Client().get("/xac-minh/ABCDEFGHJK/").status_code == 404
    assert Client().post("/xac-minh/ABCDEFGHJK/", {}).status_code == 404


def test_code_typed_from_paper(issued):
    document, _pdf = issued
    code = document.verification_code
    typed = f"{code[:5].lower()}-{code[5:].lower()}"
    assert Client().get(f"/xac-minh/{typed}/")["Location"] == f"/xac-minh/{code}/"
    assert Client().get("/xac-minh/", {"ma": typed})["Location"] == f"/xac-minh/{code}/"
    assert Client().get("/xac-minh/").status_code == 200


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x01\x01\x01\x00\x18\xdd\x8d\xb4"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
HOSTILE_UPLOADS = [
    ("html-as-pdf", "bao-cao.pdf", b"<html><script>alert(1)</script></html>", "Nội dung tệp"),
    ("svg", "anh.svg", b"<svg onload=alert(1)></svg>", "Không chấp nhận tệp HTML"),
    ("image", "anh.png", PNG, "Chỉ đối chiếu được tệp PDF"),
    ("macro", "bao-cao.docm", _zip({"[Content_Types].xml": b"macroEnabled", "word/x": b"",
                                    "word/vbaProject.bin": b""}), "macro"),
    ("empty", "rong.pdf", b"", "Tệp tải lên rỗng"),
]


@pytest.mark.parametrize("name,filename,content,message", HOSTILE_UPLOADS,
                         ids=[case[0] for case in HOSTILE_UPLOADS])
def test_hostile_upload_is_refused(issued, name, filename, content, message):
    document, _pdf = issued
    response = upload(document.verification_code, filename, content, "application/pdf")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Khớp" not in html.replace("Không khớp", "")
    assert "<script>alert(1)</script>" not in html


def test_an_upload_over_the_limit_is_refused(issued, monkeypatch):
    document, pdf = issued
    monkeypatch.setattr(services, "VERIFY_MAX_BYTES", len(pdf) - 1)
    response = upload(document.verification_code, "bao-cao.pdf", pdf)
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
