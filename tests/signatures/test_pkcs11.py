"""Signing with a key on a PKCS#11 token (issue #18, "Where keys live", (b)), against SoftHSM2.

Skipped when Debian's softhsm2 is not installed (`make signing-deps` installs it as root).
No database: the token, the test CA and the PDF live in a temporary directory."""

import datetime as dt
import io

import pytest
from cryptography.hazmat.primitives import hashes
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from signatures.pkcs11 import TokenSigner, pkcs11_signer

from .keys_support import (
    TestCA,
    blank_pdf,
    import_key_and_cert,
    init_softhsm,
    signature_statuses,
    softhsm_module,
)

MODULE = softhsm_module()
pytestmark = pytest.mark.skipif(
    MODULE is None,
    reason="SoftHSM2 chưa được cài (make signing-deps, với quyền root): bỏ qua kiểm thử PKCS#11.")

TOKEN_LABEL = "van-thu-thu-nghiem"
PIN = "123456"


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """A SoftHSM token holding the body's key and certificate ("co-quan") and a key whose
    certificate has expired ("het-han"), both issued by a test root."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOFTHSM2_CONF", "")
        soft = init_softhsm(tmp_path_factory.mktemp("softhsm"), MODULE,
                            label=TOKEN_LABEL, pin=PIN)
        ca = TestCA.create()
        key, cert = ca.issue("Văn phòng Cụm thi đua (chứng thư thử nghiệm)")
        import_key_and_cert(soft, key=key, cert=cert, label="co-quan", key_id=b"\x01")
        old_key, old_cert = ca.issue(
            "Chứng thư đã hết hạn", days=30,
            not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=400))
        import_key_and_cert(soft, key=old_key, cert=old_cert, label="het-han", key_id=b"\x02")
        yield soft, ca, cert


def _sign(pdf: bytes, signer) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKyCoQuan", subfilter=fields.SigSeedSubFilter.PADES,
        reason="Phát hành văn bản", location="Hà Nội")
    out = signers.PdfSigner(
        meta, signer,
        new_field_spec=fields.SigFieldSpec("ChuKyCoQuan", on_page=0, box=(300, 80, 520, 160)),
    ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)))
    return out.getvalue()


def test_signs_a_pdf_that_validates_intact_and_trusted(token):
    soft, ca, cert = token
    with pkcs11_signer(module_path=soft.module, token_label=TOKEN_LABEL, key_label="co-quan",
                       cert_label="co-quan", pin=PIN) as signer:
        assert isinstance(signer, TokenSigner)
        signed = _sign(blank_pdf(), signer)
    (status,) = signature_statuses(signed, ca.cert)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == (
        "Văn phòng Cụm thi đua (chứng thư thử nghiệm)")
    assert status.signing_cert.serial_number == cert.serial_number
    assert signer.certificate_fingerprint == cert.fingerprint(hashes.SHA256()).hex()
    assert "Văn phòng Cụm thi đua" in signer.certificate_subject


def test_the_session_closes_and_a_second_signature_follows(token):
    """Two signatures in a row (one login each): the first session was logged out."""
    soft, ca, _cert = token
    pdf = blank_pdf()
    for _ in range(2):
        signer = pkcs11_signer(module_path=soft.module, token_label=TOKEN_LABEL,
                               key_label="co-quan", pin=PIN)
        try:
            pdf = _sign(pdf, signer) if b"/ByteRange" not in pdf else _sign_again(pdf, signer)
        finally:
            signer.close()
    statuses = signature_statuses(pdf, ca.cert)
    assert len(statuses) == 2
    assert all(s.intact and s.valid and s.trusted for s in statuses)


def _sign_again(pdf: bytes, signer) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKyThuHai", subfilter=fields.SigSeedSubFilter.PADES)
    return signers.PdfSigner(
        meta, signer,
        new_field_spec=fields.SigFieldSpec("ChuKyThuHai", on_page=0, box=(60, 80, 260, 160)),
    ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf))).getvalue()


def _refusal(**kwargs) -> ValidationError:
    arguments = {"token_label": TOKEN_LABEL, "key_label": "co-quan", "pin": PIN} | kwargs
    with pytest.raises(ValidationError) as caught:
        pkcs11_signer(**arguments).close()
    return caught.value


def test_wrong_pin_is_refused_in_vietnamese(token):
    soft, _ca, _cert = token
    error = _refusal(module_path=soft.module, pin="000000")
    assert error.code == "pkcs11_pin"
    assert error.messages == [f"Mã PIN của token “{TOKEN_LABEL}” không đúng."]


def test_missing_key_is_refused(token):
    soft, _ca, _cert = token
    error = _refusal(module_path=soft.module, key_label="khong-co")
    assert error.code == "pkcs11_key"
    assert "không có khoá bí mật nhãn “khong-co”" in error.messages[0]
    # The refused session was logged out: the right request still works.
    pkcs11_signer(module_path=soft.module, token_label=TOKEN_LABEL, key_label="co-quan",
                  pin=PIN).close()


def test_missing_certificate_is_refused(token):
    soft, _ca, _cert = token
    error = _refusal(module_path=soft.module, cert_label="khong-co")
    assert error.code == "pkcs11_cert"


def test_missing_token_is_refused(token):
    soft, _ca, _cert = token
    error = _refusal(module_path=soft.module, token_label="token-khac")
    assert error.code == "pkcs11_token"
    assert error.messages[0].startswith("Không tìm thấy token “token-khac”")


def test_missing_module_is_refused(token):
    error = _refusal(module_path="/khong/co/libpkcs11.so")
    assert error.code == "pkcs11_module"


def test_expired_certificate_is_refused(token):
    soft, _ca, _cert = token
    error = _refusal(module_path=soft.module, key_label="het-han")
    assert error.code == "pkcs11_cert_expired"
    assert "đã hết hạn" in error.messages[0]


def test_check_pkcs11_command_signs_a_blank_page_with_the_configured_token(token, settings):
    soft, _ca, _cert = token
    settings.SIGNATURES_PKCS11_MODULE = soft.module
    settings.SIGNATURES_PKCS11_TOKEN_LABEL = TOKEN_LABEL
    settings.SIGNATURES_PKCS11_KEY_LABEL = "co-quan"
    settings.SIGNATURES_PKCS11_CERT_LABEL = ""
    settings.SIGNATURES_PKCS11_PIN = PIN
    out = io.StringIO()
    call_command("check_pkcs11", stdout=out)
    assert "Văn phòng Cụm thi đua (chứng thư thử nghiệm)" in out.getvalue()
    assert "chữ ký toàn vẹn" in out.getvalue()
    settings.SIGNATURES_PKCS11_PIN = "000000"
    with pytest.raises(CommandError, match="Mã PIN của token"):
        call_command("check_pkcs11", stdout=io.StringIO())


def test_check_pkcs11_command_says_when_nothing_is_configured(settings):
    settings.SIGNATURES_PKCS11_MODULE = ""
    with pytest.raises(CommandError, match="chưa được cấu hình token"):
        call_command("check_pkcs11", stdout=io.StringIO())
