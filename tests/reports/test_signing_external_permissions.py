"""The page for signing on one's own USB token: only the person printed in the signature block
sees it and acts on it (404 for everyone else, other cluster and superior included); the
journey through it records the signature; a wrong signature changes nothing."""

import re

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cluster.models import User
from reports import demo_signing
from reports.models import DocumentKind, DocumentSignature, IssuedDocument
from signatures import external
from signatures import selectors as signature_selectors
from signatures import services as signature_services
from tests.commendations.test_permissions import ROLES, matrix_failures
from tests.signatures.keys_support import TestCA

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]

SIGNER = "lanhdao.quangtri"  # the chair unit's leader, printed in the signature block
ALL_ROLES = [*ROLES, SIGNER]
PAGE = [302, 404, 404, 404, 404, 404, 404, 404, 200]


@pytest.fixture(scope="module")
def ca():
    return TestCA.create()


@pytest.fixture
def document(ca):
    demo_signing.load()  # the demo's issued report (left out of the suite's demo)
    doc = IssuedDocument.objects.get(kind=DocumentKind.MIDYEAR_REPORT, year=2022,
                                     number__isnull=False, duplicate_of__isnull=True)
    doc.signatures.all().delete()
    signature_services.trust_root_add(
        certificate=ca.cert.public_bytes(serialization.Encoding.PEM),
        name="CA của kiểm thử (chứng thư thử nghiệm)", is_test=True, acting_user=None)
    return doc


def _url(document) -> str:
    return (f"/cum/snv-bac-trung-bo/2022/van-ban/ban-hanh/{document.verification_code}"
            "/ky-so/token-rieng/")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_printed_signer_sees_the_page(client, document, role):
    users = {u.username: u for u in User.objects.filter(username__in=ALL_ROLES)}
    matrix = {_url(document): (PAGE, "Bước 1. Chứng thư số của đồng chí")}
    index = ALL_ROLES.index(role)
    failures = _failures(client, users, role, matrix, index)
    assert failures == []


def _failures(client, users, role, matrix, index):
    if role in ROLES:
        trimmed = {url: (statuses[:-1], text) for url, (statuses, text) in matrix.items()}
        return matrix_failures(client, users, role, trimmed, {})
    client.force_login(users[role])
    (url, (statuses, text)), = matrix.items()
    response = client.get(url)
    ok = response.status_code == statuses[index] and text in response.content.decode()
    return [] if ok else [f"{url}: {response.status_code}"]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_nobody_else_may_post(document, role, ca):
    client = Client()
    client.force_login(User.objects.get(username=role))
    _key, cert = ca.issue("Ngô Quang Chiến")
    upload = SimpleUploadedFile("cert.pem", cert.public_bytes(serialization.Encoding.PEM))
    response = client.post(_url(document), {"action": "prepare", "certificate": upload})
    assert response.status_code == 404
    assert not document.signatures.exists()


def _prepare(client, document, cert):
    upload = SimpleUploadedFile("cert.cer", cert.public_bytes(serialization.Encoding.DER))
    response = client.post(_url(document), {"action": "prepare", "certificate": upload},
                           follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_journey_through_the_page(document, ca):
    leader = User.objects.get(username=SIGNER)
    client = Client()
    client.force_login(leader)
    key, cert = ca.issue(leader.full_name)
    html = _prepare(client, document, cert)
    assert "Bước 2. Ký bằng token" in html
    data = client.get(_url(document) + "?tai=du-lieu-ky")
    assert data["Content-Disposition"].endswith('-du-lieu-ky.der"')
    prepared = external.PreparedSigning.loads(
        client.session[f"signatures.external.{document.pk}"])
    assert data.content == prepared.data_to_sign
    assert re.search(prepared.digest_to_sign.hex(), html)

    # a signature by another key: refused, nothing recorded, the state kept to try again
    wrong = external.sign_locally(prepared, ca.issue("Khác")[0])
    response = client.post(_url(document), {
        "action": "finish", "signature": SimpleUploadedFile("sig.bin", wrong)}, follow=True)
    assert "không khớp với khoá của chứng thư số" in response.content.decode()
    assert not document.signatures.exists()

    import base64
    signature = base64.b64encode(external.sign_locally(prepared, key)).decode()
    response = client.post(_url(document), {"action": "finish", "signature_text": signature})
    assert response.status_code == 302 and response["Location"].endswith("/ky-so/")
    row = document.signatures.get()
    assert (row.role, row.key_source) == (DocumentSignature.Role.PERSON, "external")
    with row.file.open("rb") as handle:
        report = signature_selectors.validate_pdf_signatures(handle.read())
    assert [s.trusted and s.intact for s in report.signatures] == [True]
    assert f"signatures.external.{document.pk}" not in client.session
    page = client.get(_url(document)).content.decode()
    assert "Văn bản đã được người có thẩm quyền ký số." in page


def test_a_certificate_of_someone_else_is_refused_on_the_page(document, ca):
    client = Client()
    client.force_login(User.objects.get(username=SIGNER))
    html = _prepare(client, document, ca.issue("Trần Thị Khác")[1])
    assert "không phải cho" in html
    assert "Bước 1. Chứng thư số của đồng chí" in html
