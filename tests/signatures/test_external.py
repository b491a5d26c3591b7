"""Signing on a USB token outside the server (issue #18, "Where keys live", (c)): the server
prepares, a software signer plays the token, the server checks and embeds.

No database: a test CA, one-page PDFs and pyHanko's validation against the test root."""

import asyncio
import dataclasses
import datetime as dt
import io

import pytest
from asn1crypto import cms
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ValidationError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from signatures import external

from .keys_support import TestCA, asn1, blank_pdf, rsa_key, signature_statuses

BOX = (300, 80, 520, 160)


@pytest.fixture(scope="module")
def ca():
    return TestCA.create()


@pytest.fixture(scope="module")
def leader(ca):
    """The leader's key (on the token, in real life) and certificate."""
    return ca.issue("Nguyễn Văn A (chứng thư thử nghiệm)")


def _pem(cert) -> bytes:
    if isinstance(cert, bytes):
        return cert
    return cert.public_bytes(serialization.Encoding.PEM)


def _prepare(pdf, cert, **kwargs):
    arguments = {"signer_cert": _pem(cert), "field_name": "ChuKyLanhDao", "box": BOX,
                 "reason": "Ký ban hành", "location": "Hà Nội"} | kwargs
    return external.prepare(pdf, **arguments)


def _token_cms(prepared, key, cert):
    """A detached CMS, as the software of some tokens returns instead of a raw value."""
    signer = signers.SimpleSigner(
        signing_cert=asn1(cert), signing_key=_asn1_key(key),
        cert_registry=SimpleCertificateStore.from_certs([asn1(cert)]))
    info = asyncio.run(signer.async_sign(
        prepared.document_digest, prepared.md_algorithm, use_pades=True))
    return info.dump()


def _asn1_key(key):
    from asn1crypto import keys
    return keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))


def _refusal(callable_, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        callable_(*args, **kwargs)
    return caught.value


def test_round_trip_with_a_raw_signature_value(ca, leader):
    key, cert = leader
    pdf = blank_pdf()
    prepared = _prepare(pdf, cert)
    assert prepared.prepared_pdf.startswith(pdf)  # an incremental update of the document
    signed = external.finish(prepared, external.sign_locally(prepared, key), expected_source=pdf)
    (status,) = signature_statuses(signed, ca.cert)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.serial_number == cert.serial_number
    (embedded,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert embedded.field_name == "ChuKyLanhDao"
    assert [round(v) for v in embedded.sig_field["/Rect"]] == list(BOX)
    assert embedded.sig_object["/Reason"] == "Ký ban hành"


def test_the_state_survives_between_requests_as_sealed_text(ca, leader):
    key, cert = leader
    text = _prepare(blank_pdf(), cert).dumps()
    assert isinstance(text, str)
    prepared = external.PreparedSigning.loads(text)
    signed = external.finish(prepared, external.sign_locally(prepared, key))
    assert all(s.intact and s.trusted for s in signature_statuses(signed, ca.cert))


def test_a_cms_from_the_token_software_is_accepted_also_as_base64(ca, leader):
    key, cert = leader
    prepared = _prepare(blank_pdf(), cert)
    import base64
    signed = external.finish(prepared, base64.b64encode(_token_cms(prepared, key, cert)))
    (status,) = signature_statuses(signed, ca.cert)
    assert status.intact and status.valid and status.trusted


def test_a_second_outside_signature_after_the_first(ca, leader):
    key, cert = leader
    body_key, body_cert = ca.issue("Văn phòng Cụm (chứng thư thử nghiệm)")
    first = _prepare(blank_pdf(), cert)
    once = external.finish(first, external.sign_locally(first, key))
    second = _prepare(once, body_cert, field_name="ChuKyCoQuan", box=(60, 80, 260, 160))
    twice = external.finish(second, external.sign_locally(second, body_key))
    statuses = signature_statuses(twice, ca.cert)
    assert len(statuses) == 2 and all(s.intact and s.valid and s.trusted for s in statuses)


def test_a_signature_by_another_key_is_refused(ca, leader):
    _key, cert = leader
    prepared = _prepare(blank_pdf(), cert)
    error = _refusal(external.finish, prepared, external.sign_locally(prepared, rsa_key()))
    assert error.code == "external_bad_signature"
    assert "không khớp với khoá của chứng thư số đã khai báo" in error.messages[0]


def test_a_cms_of_another_certificate_is_refused(ca, leader):
    _key, cert = leader
    other_key, other_cert = ca.issue("Người khác (chứng thư thử nghiệm)")
    prepared = _prepare(blank_pdf(), cert)
    error = _refusal(external.finish, prepared, _token_cms(prepared, other_key, other_cert))
    assert error.code == "external_other_signer"


def test_a_signature_made_for_another_document_is_refused(ca, leader):
    key, cert = leader
    first = _prepare(blank_pdf(), cert)
    other = _prepare(blank_pdf(pages=2), cert)
    error = _refusal(external.finish, other, _token_cms(first, key, cert))
    assert error.code == "external_other_document"
    error = _refusal(external.finish, other, external.sign_locally(first, key))
    assert error.code == "external_bad_signature"


def test_a_prepared_state_with_other_content_is_refused(leader):
    key, cert = leader
    prepared = _prepare(blank_pdf(), cert)
    signature = external.sign_locally(prepared, key)
    changed = bytearray(prepared.prepared_pdf)
    changed[20] ^= 1
    error = _refusal(external.finish,
                     dataclasses.replace(prepared, prepared_pdf=bytes(changed)), signature)
    assert error.code == "external_state"


def test_a_document_changed_since_preparing_is_refused(leader):
    key, cert = leader
    prepared = _prepare(blank_pdf(), cert)
    error = _refusal(external.finish, prepared, external.sign_locally(prepared, key),
                     expected_source=blank_pdf(pages=2))
    assert error.code == "external_source_changed"


def test_an_altered_sealed_state_is_refused(leader):
    _key, cert = leader
    text = _prepare(blank_pdf(), cert).dumps()
    altered = text[:10] + ("A" if text[10] != "A" else "B") + text[11:]
    assert _refusal(external.PreparedSigning.loads, altered).code == "external_state"


def test_the_prepared_state_expires_after_fifteen_minutes(ca, leader):
    key, cert = leader
    prepared = _prepare(blank_pdf(), cert)
    signature = external.sign_locally(prepared, key)
    late = prepared.created_at + dt.timedelta(minutes=15, seconds=1)
    error = _refusal(external.finish, prepared, signature, now=late)
    assert error.code == "external_expired"
    assert error.messages == ["Phiên ký đã quá 15 phút kể từ khi chuẩn bị: hãy chuẩn bị ký lại."]
    in_time = prepared.created_at + dt.timedelta(minutes=14)
    signed = external.finish(prepared, signature, now=in_time)
    assert signature_statuses(signed, ca.cert)[0].intact


def test_an_expired_certificate_is_refused_when_preparing(ca):
    _key, old = ca.issue("Hết hạn", days=30,
                         not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=400))
    error = _refusal(_prepare, blank_pdf(), old)
    assert error.code == "external_cert_expired"


def test_unreadable_certificate_and_empty_signature_are_refused(leader):
    _key, cert = leader
    assert _refusal(_prepare, blank_pdf(), b"not a certificate").code == "external_cert"
    prepared = _prepare(blank_pdf(), cert)
    assert _refusal(external.finish, prepared, b"").code == "external_empty"


def test_the_data_to_sign_are_the_signed_attributes_with_the_document_digest(leader):
    _key, cert = leader
    prepared = _prepare(blank_pdf(), cert)
    attrs = cms.CMSAttributes.load(prepared.data_to_sign)
    digests = [a["values"][0].native for a in attrs if a["type"].native == "message_digest"]
    assert digests == [prepared.document_digest]
    assert len(prepared.digest_to_sign) == 32


def test_a_raw_value_beginning_or_ending_with_a_space_byte_is_kept_whole():
    """Raw signature values are random bytes: a leading 0x20 or trailing 0x0a is data."""
    raw = b" \x00\xff" + bytes(range(250)) + b"\n"
    assert external._decode_upload(raw) == raw
    assert external._decode_upload(b"  AAEC\n") == b"\x00\x01\x02"


def test_the_signature_states_the_given_signing_time(ca, leader):
    key, cert = leader
    when = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    prepared = _prepare(blank_pdf(), cert, signing_time=when)
    signed = external.finish(prepared, external.sign_locally(prepared, key))
    (embedded,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert embedded.self_reported_timestamp == when
