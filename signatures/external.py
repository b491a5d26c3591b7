"""Signing on the person's own USB token, outside the server (issue #18, "Where keys live", (c)).

Interrupted signing, in two requests (pyHanko's `digest_doc_for_signing` and
`PdfTBSDocument.finish_signing`):

1. `prepare(pdf, signer_cert=..., field_name=..., box=..., ...)` writes the signature field,
   its appearance and a reserved /Contents into an incremental update, digests the /ByteRange
   and builds the CMS signed attributes for the announced certificate. The result, a
   `PreparedSigning`, is kept between the requests (`dumps()` gives a text sealed with the
   SECRET_KEY; `PreparedSigning.loads()` refuses one that was altered). The signer's software
   signs `data_to_sign` (the DER signed attributes; `digest_to_sign` is their hash, for tokens
   that sign a hash) or builds its own CMS over `document_digest`.
2. `finish(prepared, signature)` takes the raw signature value or the detached CMS, checks that
   it is a signature of the announced certificate over this document's digest, and embeds it.
   Anything else (another key, another document, a prepared state altered or too old, a
   document that changed since) is refused in Vietnamese and nothing is written.

The services of `reports` own who may sign which document; this module only knows bytes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field

from asn1crypto import cms
from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import (
    SigningError,
    extract_signer_info,
    match_issuer_serial,
)
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.generic_cms import validate_sig_integrity
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from .signing import run_async

__all__ = ["PreparedSigning", "finish", "load_certificate", "prepare"]

# Hex characters reserved for the CMS in /Contents (twice its DER size): room for a 4096-bit
# key, a chain of three certificates and a timestamp token, whatever the token's software adds.
RESERVED_HEX = 2 * 24 * 1024
DEFAULT_TTL = dt.timedelta(minutes=15)
_SALT = "signatures.external.prepared"


def _ttl() -> dt.timedelta:
    seconds = getattr(settings, "SIGNATURES_EXTERNAL_TTL_SECONDS", None)
    return dt.timedelta(seconds=seconds) if seconds else DEFAULT_TTL


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class PreparedSigning:
    """The state between preparing a document for an outside signature and embedding it."""

    prepared_pdf: bytes  # the document with the signature's incremental update, /Contents empty
    document_digest: bytes  # digest of its /ByteRange: the CMS messageDigest
    reserved_start: int
    reserved_end: int
    md_algorithm: str
    signed_attrs: bytes  # DER SET OF the signed attributes: what the token signs
    signer_cert: bytes  # DER of the announced certificate
    source_sha256: str  # the document given to prepare()
    field_name: str
    created_at: dt.datetime
    chain: tuple[bytes, ...] = field(default=())  # DER of the other certificates to embed
    signing_time: dt.datetime | None = None  # what the signature states; created_at if None

    @property
    def data_to_sign(self) -> bytes:
        """What the token signs (with its signature scheme's hash), as pyHanko's own signers
        would: the DER signed attributes."""
        return self.signed_attrs

    @property
    def digest_to_sign(self) -> bytes:
        """The hash of `data_to_sign`, for the software of tokens that sign a given hash."""
        return hashlib.new(self.md_algorithm, self.signed_attrs).digest()

    def expires_at(self) -> dt.datetime:
        return self.created_at + _ttl()

    def as_dict(self) -> dict:
        return {
            "v": 1,
            "pdf": _b64(self.prepared_pdf),
            "digest": _b64(self.document_digest),
            "start": self.reserved_start,
            "end": self.reserved_end,
            "md": self.md_algorithm,
            "attrs": _b64(self.signed_attrs),
            "cert": _b64(self.signer_cert),
            "chain": [_b64(c) for c in self.chain],
            "source": self.source_sha256,
            "field": self.field_name,
            "created": self.created_at.isoformat(),
            "signed": self.signing_time.isoformat() if self.signing_time else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> PreparedSigning:
        try:
            return cls(
                prepared_pdf=base64.b64decode(data["pdf"]),
                document_digest=base64.b64decode(data["digest"]),
                reserved_start=int(data["start"]), reserved_end=int(data["end"]),
                md_algorithm=str(data["md"]), signed_attrs=base64.b64decode(data["attrs"]),
                signer_cert=base64.b64decode(data["cert"]),
                chain=tuple(base64.b64decode(c) for c in data.get("chain", ())),
                source_sha256=str(data["source"]), field_name=str(data["field"]),
                created_at=dt.datetime.fromisoformat(data["created"]),
                signing_time=(dt.datetime.fromisoformat(data["signed"])
                              if data.get("signed") else None))
        except (KeyError, TypeError, ValueError, binascii.Error) as exc:
            raise _state_refused() from exc

    def dumps(self) -> str:
        """A text to keep between the requests (a session, a row), sealed with SECRET_KEY."""
        return signing.dumps(self.as_dict(), salt=_SALT, compress=True)

    @classmethod
    def loads(cls, text: str) -> PreparedSigning:
        """The state `dumps()` gave; a text altered since (or sealed by another key) is
        refused."""
        try:
            data = signing.loads(text, salt=_SALT)
        except signing.BadSignature as exc:
            raise _state_refused() from exc
        return cls.from_dict(data)


def _state_refused() -> ValidationError:
    return ValidationError(
        _("Dữ liệu chuẩn bị ký không hợp lệ hoặc đã bị sửa: hãy chuẩn bị ký lại từ đầu."),
        code="external_state")


def load_certificate(data: bytes | str) -> asn1_x509.Certificate:
    """An X.509 certificate from DER or PEM bytes (or a PEM text), or a Vietnamese refusal."""
    if isinstance(data, str):
        data = data.encode("ascii", "ignore")
    try:
        if asn1_pem.detect(data):
            _type, _headers, data = asn1_pem.unarmor(data)
        cert = asn1_x509.Certificate.load(data)
        cert.native  # noqa: B018 — parse it all now, not on first use
        return cert
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            _("Tệp chứng thư số không đọc được: cần chứng thư X.509 dạng DER hoặc PEM (.cer, "
              ".crt, .pem)."), code="external_cert") from exc


def _check_validity(cert: asn1_x509.Certificate, now: dt.datetime) -> None:
    validity = cert["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    if now > not_after:
        raise ValidationError(
            _("Chứng thư số của người ký đã hết hạn ngày %(date)s.")
            % {"date": timezone.localtime(not_after).strftime("%d/%m/%Y")},
            code="external_cert_expired")
    if now < not_before - dt.timedelta(minutes=5):
        raise ValidationError(
            _("Chứng thư số của người ký chưa có hiệu lực (từ ngày %(date)s).")
            % {"date": timezone.localtime(not_before).strftime("%d/%m/%Y")},
            code="external_cert_not_yet_valid")


def _placeholder_size(cert: asn1_x509.Certificate) -> int:
    """Bytes of a signature value of the certificate's key (for the CMS size estimate)."""
    public_key = cert.public_key
    if public_key.algorithm == "rsa":
        return (public_key.bit_size + 7) // 8
    return 2 * ((public_key.bit_size + 7) // 8) + 9  # a DER ECDSA-Sig-Value at most


class _TimedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signature states the given signing time (the appearance's)."""

    def __init__(self, *args, signing_time: dt.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.signing_time = signing_time

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self.signing_time
        return session


def prepare(pdf_bytes: bytes, *, signer_cert: bytes | str | asn1_x509.Certificate,
            field_name: str, box: tuple[float, float, float, float] | None = None,
            page: int = 0, reason: str | None = None, location: str | None = None,
            name: str | None = None, chain=(), md_algorithm: str = "sha256",
            meta: signers.PdfSignatureMetadata | None = None,
            field_spec: fields.SigFieldSpec | None = None, stamp_style=None,
            appearance_text_params: dict | None = None, signing_time: dt.datetime | None = None,
            now: dt.datetime | None = None) -> PreparedSigning:
    """The document with its signature field and appearance, ready for the outside signature
    of `signer_cert` (DER, PEM or asn1crypto).

    Either the plain description (`field_name`, `box` in PDF points, `page`, `reason`,
    `location`, `name`) or pyHanko's own `meta`, `field_spec` and `stamp_style` (what
    `signatures.signing.signature_meta_and_field` builds for Nghị định 30) — the latter win.
    `signing_time`: the time the signature states (/M), the one the appearance shows; by
    default now. `chain`: intermediate certificates to embed with the signer's."""
    now = now or timezone.now()
    signing_time = signing_time or now
    cert = signer_cert if isinstance(signer_cert, asn1_x509.Certificate) \
        else load_certificate(signer_cert)
    _check_validity(cert, now)
    others = [c if isinstance(c, asn1_x509.Certificate) else load_certificate(c) for c in chain]
    external = signers.ExternalSigner(
        signing_cert=cert, cert_registry=SimpleCertificateStore.from_certs([cert, *others]),
        signature_value=_placeholder_size(cert))
    if meta is None:
        meta = signers.PdfSignatureMetadata(
            field_name=field_name, md_algorithm=md_algorithm,
            subfilter=fields.SigSeedSubFilter.PADES, reason=reason, location=location,
            name=name)
    md_algorithm = meta.md_algorithm or md_algorithm
    if field_spec is None and box is not None:
        field_spec = fields.SigFieldSpec(field_name, on_page=page, box=box)
    pdf_signer = _TimedPdfSigner(meta, external, stamp_style=stamp_style,
                                 new_field_spec=field_spec, signing_time=signing_time)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        prepared, tbs, output = run_async(lambda: pdf_signer.async_digest_doc_for_signing(
            writer, bytes_reserved=RESERVED_HEX, appearance_text_params=appearance_text_params))
        signed_attrs = run_async(lambda: external.signed_attrs(
            prepared.document_digest, tbs.md_algorithm,
            attr_settings=PdfCMSSignedAttributes(signing_time=signing_time),
            use_pades=tbs.use_pades))
    except (PdfError, SigningError, ValueError) as exc:
        raise ValidationError(
            _("Không chuẩn bị được văn bản để ký: tệp PDF không đọc được hoặc đã có chữ ký "
              "ở ô “%(field)s”.") % {"field": field_name}, code="external_prepare") from exc
    return PreparedSigning(
        prepared_pdf=output.getvalue(), document_digest=prepared.document_digest,
        reserved_start=prepared.reserved_region_start,
        reserved_end=prepared.reserved_region_end, md_algorithm=tbs.md_algorithm,
        signed_attrs=signed_attrs.dump(), signer_cert=cert.dump(),
        chain=tuple(c.dump() for c in others), source_sha256=hashlib.sha256(pdf_bytes).hexdigest(),
        field_name=meta.field_name or field_name, created_at=now, signing_time=signing_time)


_BASE64 = re.compile(rb"^[A-Za-z0-9+/=\s]+$")


def _decode_upload(data: bytes) -> bytes:
    """The bytes a signer's software handed back: DER, PEM (PKCS7/CMS) or base64 text."""
    text = data.strip()  # only for text: a raw signature value may begin with a space byte
    if asn1_pem.detect(text):
        try:
            return asn1_pem.unarmor(text)[2]
        except ValueError:
            return data
    if text and _BASE64.match(text):
        try:
            return base64.b64decode(text, validate=False)
        except binascii.Error:
            pass
    return data


def _as_cms(data: bytes) -> cms.ContentInfo | None:
    if not data.startswith(b"\x30"):
        return None
    try:
        info = cms.ContentInfo.load(data, strict=True)
        if info["content_type"].native != "signed_data":
            return None
        extract_signer_info(info["content"])
        return info
    except (ValueError, TypeError, KeyError):
        return None


def _refuse_signature(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _verify(prepared: PreparedSigning, info: cms.ContentInfo,
            cert: asn1_x509.Certificate) -> None:
    """The CMS is by the announced certificate and signs this document's digest."""
    signer_info = extract_signer_info(info["content"])
    sid = signer_info["sid"]
    if sid.name == "issuer_and_serial_number":
        same_signer = match_issuer_serial(sid.chosen, cert)
    else:
        same_signer = sid.chosen.native == cert.key_identifier
    if not same_signer:
        raise _refuse_signature(
            _("Chữ ký nhận được không phải của chứng thư số đã khai báo khi chuẩn bị ký "
              "(%(name)s).") % {"name": cert.subject.human_friendly},
            "external_other_signer")
    if signer_info["digest_algorithm"]["algorithm"].native != prepared.md_algorithm:
        raise _refuse_signature(
            _("Chữ ký nhận được dùng thuật toán băm khác với văn bản đã chuẩn bị (%(md)s).")
            % {"md": prepared.md_algorithm.upper()}, "external_digest_algorithm")
    try:
        intact, valid = validate_sig_integrity(
            signer_info, cert, expected_content_type="data",
            actual_digest=prepared.document_digest)
    except (SignatureValidationError, ValueError, TypeError) as exc:
        raise _refuse_signature(
            _("Chữ ký nhận được không đúng cấu trúc CMS của chữ ký PDF."),
            "external_malformed") from exc
    if not valid:
        raise _refuse_signature(
            _("Chữ ký nhận được không khớp với khoá của chứng thư số đã khai báo trên văn bản "
              "đã chuẩn bị: có thể đã ký bằng khoá, token khác hoặc cho một lần chuẩn bị ký "
              "khác."), "external_bad_signature")
    if not intact:
        raise _refuse_signature(
            _("Chữ ký nhận được được tạo cho một nội dung khác, không phải văn bản đã chuẩn bị "
              "ký."), "external_other_document")


def _check_state(prepared: PreparedSigning, now: dt.datetime,
                 expected_source: bytes | None) -> None:
    if now > prepared.expires_at():
        raise ValidationError(
            _("Phiên ký đã quá %(minutes)s phút kể từ khi chuẩn bị: hãy chuẩn bị ký lại.")
            % {"minutes": int(_ttl().total_seconds() // 60)}, code="external_expired")
    if expected_source is not None and (
            hashlib.sha256(expected_source).hexdigest() != prepared.source_sha256):
        raise ValidationError(
            _("Văn bản đã thay đổi kể từ khi chuẩn bị ký: không thể ký nội dung khác."),
            code="external_source_changed")
    pdf, start, end = prepared.prepared_pdf, prepared.reserved_start, prepared.reserved_end
    if not (0 < start < end <= len(pdf)) or pdf[start:start + 1] != b"<" \
            or pdf[end - 1:end] != b">" or pdf[start + 1:end - 1].strip(b"0"):
        raise _state_refused()
    digest = hashlib.new(prepared.md_algorithm)
    digest.update(pdf[:start])
    digest.update(pdf[end:])
    if digest.digest() != prepared.document_digest:
        raise _state_refused()


def finish(prepared: PreparedSigning, signature: bytes, *, now: dt.datetime | None = None,
           expected_source: bytes | None = None, timestamper=None) -> bytes:
    """The signed PDF: `signature` (the raw signature value over `prepared.data_to_sign`, or a
    detached CMS; DER, PEM or base64) checked and embedded in the prepared document.

    `expected_source`: the document as it is now, refused if it is not the one prepared.
    `timestamper`: a pyHanko TimeStamper adding a signature timestamp (raw values only)."""
    now = now or timezone.now()
    _check_state(prepared, now, expected_source)
    cert = asn1_x509.Certificate.load(prepared.signer_cert)
    data = _decode_upload(bytes(signature))
    if not data:
        raise _refuse_signature(_("Chưa nhận được chữ ký từ phần mềm ký."), "external_empty")
    info = _as_cms(data)
    if info is None:
        others = [asn1_x509.Certificate.load(c) for c in prepared.chain]
        external = signers.ExternalSigner(
            signing_cert=cert,
            cert_registry=SimpleCertificateStore.from_certs([cert, *others]),
            signature_value=data)
        try:
            info = run_async(lambda: external.async_sign_prescribed_attributes(
                prepared.md_algorithm, cms.CMSAttributes.load(prepared.signed_attrs),
                timestamper=timestamper))
        except (SigningError, ValueError) as exc:
            raise _refuse_signature(
                _("Không ghép được chữ ký nhận được vào văn bản."), "external_malformed") from exc
    _verify(prepared, info, cert)
    der = info.dump()
    if 2 * len(der) > prepared.reserved_end - prepared.reserved_start - 2:
        raise _refuse_signature(
            _("Chữ ký nhận được quá lớn so với chỗ dành sẵn trong văn bản (%(size)s byte).")
            % {"size": len(der)}, "external_too_large")
    output = io.BytesIO(prepared.prepared_pdf)
    digest = PreparedByteRangeDigest(
        document_digest=prepared.document_digest, reserved_region_start=prepared.reserved_start,
        reserved_region_end=prepared.reserved_end)
    run_async(lambda: PdfTBSDocument.async_finish_signing(output, digest, info))
    return output.getvalue()


def sign_locally(prepared: PreparedSigning, private_key) -> bytes:
    """The raw signature value a token holding `private_key` (a `cryptography` key) would
    return for `prepared`: for tests, the demo and the bench, never for real signatures."""
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    algorithm = get_pyca_cryptography_hash(prepared.md_algorithm)
    if isinstance(private_key, rsa.RSAPrivateKey):
        return private_key.sign(prepared.data_to_sign, padding.PKCS1v15(), algorithm)
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        return private_key.sign(prepared.data_to_sign, ec.ECDSA(algorithm))
    raise TypeError("RSA or EC keys only")
