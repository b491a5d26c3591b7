"""The demo's issued 2022 mid-year report signed with keys the server never holds (issue #18):
the leader on their own USB token (prepare, sign outside, finish), then the văn thư with the
body's key on the server's PKCS#11 token (SoftHSM2). Read back: both signatures intact and
trusted by a configured root, recorded with their key source."""

import datetime as dt
import io

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ValidationError
from pyhanko.pdf_utils.reader import PdfFileReader

from cluster.models import User
from cluster.permissions import NotAllowed
from reports import demo_signing, services_signing
from reports import services_external_signing as ext_signing
from reports.models import DocumentKind, DocumentSignature, IssuedDocument
from signatures import external
from signatures import selectors as signature_selectors
from signatures import services as signature_services
from tests.signatures.keys_support import (
    TestCA,
    import_key_and_cert,
    init_softhsm,
    softhsm_module,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]


@pytest.fixture(scope="module")
def ca():
    return TestCA.create()


@pytest.fixture
def document(ca):
    """The demo's issued mid-year report of 2022, its demo signatures taken off, and the test
    CA of these tests trusted."""
    demo_signing.load()  # the demo's issued report (left out of the suite's demo)
    doc = IssuedDocument.objects.get(kind=DocumentKind.MIDYEAR_REPORT, year=2022,
                                     number__isnull=False, duplicate_of__isnull=True)
    doc.signatures.all().delete()
    signature_services.trust_root_add(
        certificate=ca.cert.public_bytes(serialization.Encoding.PEM),
        name="CA của kiểm thử (chứng thư thử nghiệm)", is_test=True, acting_user=None)
    return doc


@pytest.fixture
def leader():
    return User.objects.get(username="lanhdao.quangtri")


@pytest.fixture
def secretary():
    return User.objects.get(username="canbo.quangtri")


def _leader_cert(ca, leader):
    return ca.issue(leader.full_name)


def _pem(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _person_signed_outside(document, leader, ca):
    key, cert = _leader_cert(ca, leader)
    prepared = ext_signing.document_prepare_person_external(
        document=document, acting_user=leader, certificate=_pem(cert))
    state = prepared.dumps()  # kept between the two requests
    prepared = external.PreparedSigning.loads(state)
    signature = external.sign_locally(prepared, key)  # what the leader's token does
    return ext_signing.document_finish_person_external(
        document=document, acting_user=leader, prepared=prepared, signature=signature)


def _read(row) -> bytes:
    with row.file.open("rb") as handle:
        return handle.read()


def test_the_leader_signs_on_their_own_token(document, leader, ca):
    row = _person_signed_outside(document, leader, ca)
    assert (row.role, row.order, row.key_source) == (DocumentSignature.Role.PERSON, 1,
                                                     "external")
    assert leader.full_name in row.certificate_subject
    report = signature_selectors.validate_pdf_signatures(_read(row))
    (signature,) = report.signatures
    assert signature.intact and signature.trusted and signature.field_name == (
        services_signing.PERSON_FIELD)
    (embedded,) = PdfFileReader(io.BytesIO(_read(row))).embedded_signatures
    assert embedded.self_reported_timestamp == row.signed_at


def test_only_the_printed_signer_may_prepare(document, secretary, ca):
    _key, cert = ca.issue(secretary.full_name)
    with pytest.raises(NotAllowed):
        ext_signing.document_prepare_person_external(
            document=document, acting_user=secretary, certificate=_pem(cert))


def test_a_certificate_of_someone_else_is_refused(document, leader, ca):
    _key, cert = ca.issue("Trần Thị Khác")
    with pytest.raises(ValidationError) as caught:
        ext_signing.document_prepare_person_external(
            document=document, acting_user=leader, certificate=_pem(cert))
    assert caught.value.code == "certificate_of_another"


def test_a_refused_signature_records_nothing(document, leader, ca):
    key, cert = _leader_cert(ca, leader)
    prepared = ext_signing.document_prepare_person_external(
        document=document, acting_user=leader, certificate=_pem(cert))
    other = ca.issue("Nguyễn Văn Khác")[0]
    with pytest.raises(ValidationError) as caught:
        ext_signing.document_finish_person_external(
            document=document, acting_user=leader, prepared=prepared,
            signature=external.sign_locally(prepared, other))
    assert caught.value.code == "external_bad_signature"
    late = prepared.created_at + dt.timedelta(minutes=16)
    with pytest.raises(ValidationError) as caught:
        external.finish(prepared, external.sign_locally(prepared, key), now=late)
    assert caught.value.code == "external_expired"
    assert not document.signatures.exists()


def test_no_second_person_signature(document, leader, ca):
    _person_signed_outside(document, leader, ca)
    with pytest.raises(ValidationError) as caught:
        _person_signed_outside(document, leader, ca)
    assert caught.value.code == "already_signed"


@pytest.fixture
def body_token(tmp_path_factory, settings, ca, document, monkeypatch):
    """The chair unit's key and certificate on a SoftHSM token configured for the server."""
    module = softhsm_module()
    if module is None:
        pytest.skip("SoftHSM2 chưa được cài (make signing-deps): bỏ qua chữ ký bằng token.")
    monkeypatch.setenv("SOFTHSM2_CONF", "")  # init_softhsm sets it; put back afterwards
    unit = services_signing.chair_unit_of(document)
    token = init_softhsm(tmp_path_factory.mktemp("softhsm"), module, label="co-quan",
                         pin="246810")
    key, cert = ca.issue(unit.name)
    import_key_and_cert(token, key=key, cert=cert, label="co-quan")
    wrong_key, wrong_cert = ca.issue("Sở Nội vụ tỉnh Khác")
    import_key_and_cert(token, key=wrong_key, cert=wrong_cert, label="khac", key_id=b"\x02")
    settings.SIGNATURES_PKCS11_MODULE = module
    settings.SIGNATURES_PKCS11_TOKEN_LABEL = "co-quan"
    settings.SIGNATURES_PKCS11_KEY_LABEL = "co-quan"
    settings.SIGNATURES_PKCS11_CERT_LABEL = ""
    settings.SIGNATURES_PKCS11_PIN = "246810"
    return token


def test_the_body_signs_with_the_servers_token_after_the_leader(
        document, leader, secretary, ca, body_token):
    _person_signed_outside(document, leader, ca)
    row = ext_signing.document_sign_body_with_token(document=document, acting_user=secretary)
    assert (row.role, row.order, row.key_source) == (DocumentSignature.Role.BODY, 2, "pkcs11")
    report = signature_selectors.validate_pdf_signatures(_read(row))
    assert len(report.signatures) == 2
    assert all(s.intact and s.trusted for s in report.signatures)
    assert report.ok


def test_a_token_certificate_of_another_body_is_refused(
        document, leader, secretary, ca, body_token, settings):
    _person_signed_outside(document, leader, ca)
    settings.SIGNATURES_PKCS11_KEY_LABEL = "khac"
    with pytest.raises(ValidationError) as caught:
        ext_signing.document_sign_body_with_token(document=document, acting_user=secretary)
    assert caught.value.code == "certificate_of_another"
    assert document.signatures.count() == 1


@pytest.mark.parametrize("username", ["canbo.nghean", "lanhdao.nghean", "captren", "admin"])
def test_no_one_outside_the_chair_units_secretariat_applies_the_bodys_token(
        document, leader, ca, body_token, username):
    _person_signed_outside(document, leader, ca)
    with pytest.raises(NotAllowed):
        ext_signing.document_sign_body_with_token(
            document=document, acting_user=User.objects.get(username=username))
    assert document.signatures.count() == 1


def _signing_url(document, tail="") -> str:
    return f"/cum/snv-bac-trung-bo/2022/van-ban/ban-hanh/{document.verification_code}/ky-so/{tail}"


def test_the_signing_page_offers_the_servers_token_to_the_van_thu(
        client, document, leader, secretary, ca, body_token):
    _person_signed_outside(document, leader, ca)
    client.force_login(secretary)
    assert 'data-testid="sign-body-token"' in client.get(_signing_url(document)).content.decode()
    response = client.post(_signing_url(document, "token-co-quan/"))
    assert response.status_code == 302 and response["Location"] == _signing_url(document)
    assert document.signatures.get(role=DocumentSignature.Role.BODY).key_source == "pkcs11"
    page = client.get(_signing_url(document)).content.decode()
    assert "bằng token của máy chủ" in page  # the success message


@pytest.mark.parametrize("username", ["lanhdao.nghean", "captren", "admin", "canbo.gialai"])
def test_the_servers_token_answers_404_to_everyone_else(
        client, document, leader, ca, body_token, username):
    _person_signed_outside(document, leader, ca)
    client.force_login(User.objects.get(username=username))
    assert client.post(_signing_url(document, "token-co-quan/")).status_code == 404
    assert document.signatures.count() == 1


def test_without_a_token_there_is_no_button_and_no_page(client, document, secretary, settings):
    settings.SIGNATURES_PKCS11_MODULE = ""
    client.force_login(secretary)
    assert "sign-body-token" not in client.get(_signing_url(document)).content.decode()
    assert client.post(_signing_url(document, "token-co-quan/")).status_code == 404
    assert client.get(_signing_url(document, "token-co-quan/")).status_code in (404, 405)
