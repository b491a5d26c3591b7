"""Signing issued documents (reports.services_signing, issue #18) on the demo: the 2022
mid-year report, issued and signed twice by the demo's test CA, reads back valid; the signed
PDF is what is served, the unsigned original is kept; nothing is signed twice or over other
bytes; the public verification page reports a copy intact, or tampered."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from reports import demo_signing, services_signing
from reports.models import DocumentFile, DocumentKind, DocumentSignature, IssuedDocument
from signatures import selectors as signature_selectors
from signatures.models import TrustRoot

pytestmark = pytest.mark.django_db

P = "/cum/snv-bac-trung-bo/2022/van-ban/ban-hanh/{code}/"


@pytest.fixture
def report(demo_data):
    demo_signing.load()  # the demo's signed report (off in the suite's demo: settings_test)
    return IssuedDocument.objects.get(cluster__slug="snv-bac-trung-bo", year=2022,
                                      kind=DocumentKind.MIDYEAR_REPORT, number__isnull=False)


def _bytes(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_the_demo_report_carries_two_valid_signatures_of_the_test_ca(report):
    rows = list(report.signatures.order_by("order"))
    assert [(r.role, r.signed_by.username) for r in rows] == [
        ("person", "lanhdao.quangtri"), ("body", "canbo.quangtri")]
    root = TrustRoot.objects.get(is_test=True)
    assert "chứng thư thử nghiệm" in root.subject
    assert all("chứng thư thử nghiệm" in r.certificate_subject for r in rows)
    pdf = _bytes(rows[-1].file)
    assert hashlib.sha256(pdf).hexdigest() == rows[-1].sha256
    checked = signature_selectors.validate_pdf_signatures(pdf)
    assert checked.ok
    assert [(s.signer_name, s.organisation) for s in checked.signatures] == [
        ("Ngô Quang Chiến", "Sở Nội vụ tỉnh Quảng Trị"),
        ("Sở Nội vụ tỉnh Quảng Trị", "Sở Nội vụ tỉnh Quảng Trị")]


def test_the_signed_pdf_is_served_and_the_unsigned_original_kept(report, client, users):
    original = DocumentFile.objects.get(document=report, format="pdf")
    first, last = report.signatures.order_by("order")
    assert first.signed_sha256 == original.sha256 and last.signed_sha256 == first.sha256
    assert hashlib.sha256(_bytes(original.file)).hexdigest() == original.sha256
    client.force_login(users["canbo.nghean"])
    response = client.get(P.format(code=report.verification_code) + "pdf/")
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == last.sha256
    docx = client.get(P.format(code=report.verification_code) + "docx/")
    assert not b"".join(docx.streaming_content).startswith(b"%PDF")  # Word: never signed


def test_nothing_is_signed_twice(report, users):
    with pytest.raises(ValidationError, match="không ký lại"):
        services_signing.document_sign_person(document=report,
                                              acting_user=users["lanhdao.quangtri"])
    with pytest.raises(ValidationError, match="không ký lại"):
        services_signing.document_sign_body(document=report, acting_user=users["canbo.quangtri"])
    assert report.signatures.count() == 2


def test_other_content_is_never_signed(report, users):
    DocumentSignature.objects.filter(document=report).delete()
    original = DocumentFile.objects.get(document=report, format="pdf")
    original.file.save("changed.pdf", ContentFile(_bytes(original.file) + b"\n% sua\n"),
                       save=True)
    with pytest.raises(ValidationError, match="khác với bản đã ban hành"):
        services_signing.document_sign_person(document=report,
                                              acting_user=users["lanhdao.quangtri"])
    assert not report.signatures.exists()


def test_the_body_signs_after_the_person(report, users):
    DocumentSignature.objects.filter(document=report).delete()
    with pytest.raises(ValidationError, match="chưa ký số"):
        services_signing.document_sign_body(document=report, acting_user=users["canbo.quangtri"])
    services_signing.document_sign_person(document=report, acting_user=users["lanhdao.quangtri"])
    services_signing.document_sign_body(document=report, acting_user=users["canbo.quangtri"])
    last = report.signatures.order_by("-order").first()
    assert signature_selectors.validate_pdf_signatures(_bytes(last.file)).ok
    assert last.history.count() == 1  # recorded in the document's history


def test_the_verification_page_checks_the_signatures_of_a_copy(report, client):
    last = report.signatures.order_by("-order").first()
    pdf = _bytes(last.file)
    url = f"/xac-minh/{report.verification_code}/"
    page = client.get(url).content.decode()
    assert 'data-testid="stored-signatures"' in page and "Chữ ký số hợp lệ" in page
    html = client.post(url, {"file": SimpleUploadedFile("ban.pdf", pdf)}).content.decode()
    assert 'data-testid="upload-signatures"' in html
    assert "bản PDF đã ký số lưu tại hệ thống" in html
    assert html.count("Chữ ký số hợp lệ") == 2 and "Ngô Quang Chiến" in html
    assert "theo đồng hồ máy chủ" in html  # no timestamp authority: said so
    tampered = bytearray(pdf)
    at = tampered.index(b"stream", len(pdf) // 3) + 40
    tampered[at] ^= 0x01
    html = client.post(url, {"file": SimpleUploadedFile("ban.pdf", bytes(tampered))}
                       ).content.decode()
    assert "Không khớp" in html
    assert "Chữ ký số không hợp lệ" in html or "Không đọc được cấu trúc tệp PDF" in html
