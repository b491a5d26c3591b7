"""Key source (a): a PKCS#12 file stored encrypted (docs/signatures.md, "Khóa PKCS#12").

The PKCS#12 bytes and its password are encrypted with Fernet (AES-128-CBC + HMAC-SHA256,
``cryptography``) under ``settings.SIGNING_KEY_ENCRYPTION_KEY``, which comes from the
environment; the database never holds either in clear. The password is stored (encrypted) so
that the văn thư can apply the body's signature without knowing it, as a token's PIN is kept
by the văn thư; rotating the environment key means re-installing the keys.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import unicodedata
from dataclasses import dataclass

from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone

#: Development only (DEBUG on, no key in the environment): a fixed, PUBLIC key.
DEV_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"thidua development signing key").digest())


def fernet() -> Fernet:
    key = getattr(settings, "SIGNING_KEY_ENCRYPTION_KEY", "") or ""
    if not key:
        if not settings.DEBUG:
            raise ImproperlyConfigured(
                "SIGNING_KEY_ENCRYPTION_KEY is required to store or use signing keys "
                "(docs/deployment.md).")
        key = DEV_KEY
    return Fernet(key.encode() if isinstance(key, str) else key)


def encrypt(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return fernet().decrypt(bytes(token))
    except InvalidToken as error:
        raise ValidationError(
            "Không giải mã được khóa đã lưu: khóa mã hóa trong môi trường "
            "(SIGNING_KEY_ENCRYPTION_KEY) đã thay đổi. Quản trị viên cần cài lại khóa.") from error


@dataclass(frozen=True)
class Pkcs12Content:
    key: object
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    @property
    def fingerprint(self) -> str:
        return self.certificate.fingerprint(_sha256()).hex()

    def name_attribute(self, oid) -> str:
        values = self.certificate.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""


def _sha256():
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


def load_pkcs12(data: bytes, password: str) -> Pkcs12Content:
    """The key and certificates of a PKCS#12 file, or a Vietnamese refusal."""
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(
            data, password.encode() if password else None)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            "Không mở được tệp khóa: mật khẩu không đúng hoặc tệp không phải PKCS#12 "
            "(.p12, .pfx).", code="pkcs12") from error
    if key is None or cert is None:
        raise ValidationError("Tệp PKCS#12 không có khóa bí mật và chứng thư của người ký.",
                              code="pkcs12")
    return Pkcs12Content(key=key, certificate=cert, chain=tuple(chain or ()))


def check_validity(cert: x509.Certificate, *, at: datetime.datetime | None = None) -> None:
    at = at or timezone.now()
    if cert.not_valid_after_utc < at:
        raise ValidationError(
            "Chứng thư số đã hết hiệu lực từ %(day)s; không dùng để ký được.",
            code="expired", params={"day": cert.not_valid_after_utc.strftime("%d/%m/%Y")})
    if cert.not_valid_before_utc > at:
        raise ValidationError(
            "Chứng thư số chỉ có hiệu lực từ %(day)s.", code="not_yet_valid",
            params={"day": cert.not_valid_before_utc.strftime("%d/%m/%Y")})


def folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def check_holder(content: Pkcs12Content, *, unit=None, user=None) -> None:
    """The certificate names its holder: a body's certificate names the body (subject O or CN),
    a person's names the person (subject CN)."""
    cn = folded(content.name_attribute(NameOID.COMMON_NAME))
    org = folded(content.name_attribute(NameOID.ORGANIZATION_NAME))
    if unit is not None:
        name = folded(unit.name)
        if not name or (name not in cn and name not in org):
            raise ValidationError(
                "Chứng thư số này cấp cho “%(subject)s”, không phải cho %(unit)s.",
                code="other_body",
                params={"subject": content.certificate.subject.rfc4514_string(),
                        "unit": unit.name})
    if user is not None:
        name = folded(user.full_name)
        if not name or name != cn:
            raise ValidationError(
                "Chứng thư số này cấp cho “%(subject)s”, không phải cho %(user)s.",
                code="other_person",
                params={"subject": content.certificate.subject.rfc4514_string(),
                        "user": user.full_name or user.get_username()})


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)
