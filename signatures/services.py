"""Every write of the signatures app (docs/architecture.md, "Layers"), and the signing itself.

Installing a key, an image or a trust root is the administrator's (``signatures.manage``);
``acting_user`` None is the system (the demo, management commands). Each refusal is a
Vietnamese ``ValidationError`` raised before anything is written.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from cryptography import x509
from django.core.exceptions import ValidationError
from django.db import transaction
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from cluster.history import save_with_history
from cluster.permissions import require

from . import images, keys
from .models import SealImage, SignatureImage, SigningKey, TrustRoot
from .signing import (
    Appearance,
    info_line_text,
    pdf_signer_for,
    seal_box,
    sign_pdf,
    signature_image_rect,
    signature_meta_and_field,
    timestamper_from_settings,
    vn_now,
)

__all__ = [
    "Appearance", "info_line_text", "pdf_signer_for", "pkcs12_signer", "seal_box",
    "seal_image_set", "sign_pdf", "signature_image_rect", "signature_image_set",
    "signature_meta_and_field", "signing_key_install", "timestamper_from_settings",
    "trust_root_add", "vn_now",
]


def _require_manage(acting_user) -> None:
    if acting_user is not None:
        require(acting_user, "signatures.manage")


@transaction.atomic
def signing_key_install(*, pkcs12_data: bytes, password: str, unit=None, user=None,
                        acting_user) -> SigningKey:
    """Install the PKCS#12 key of a body (``unit``) or a person (``user``): opened with its
    password, its certificate in force and naming its holder; stored encrypted. The holder's
    earlier keys stop being used (they stay, for the history)."""
    _require_manage(acting_user)
    if (unit is None) == (user is None):
        raise ValidationError("Chọn một cơ quan hoặc một người giữ khóa.")
    content = keys.load_pkcs12(pkcs12_data, password)
    keys.check_validity(content.certificate)
    keys.check_holder(content, unit=unit, user=user)
    cert = content.certificate
    key = SigningKey(
        holder=SigningKey.Holder.BODY if unit is not None else SigningKey.Holder.PERSON,
        unit=unit, user=user,
        encrypted_pkcs12=keys.encrypt(pkcs12_data),
        encrypted_password=keys.encrypt((password or "").encode()),
        subject=cert.subject.rfc4514_string()[:500], issuer=cert.issuer.rfc4514_string()[:500],
        serial=format(cert.serial_number, "x")[:80], not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc, fingerprint=content.fingerprint,
    )
    key.created_by = acting_user
    previous = SigningKey.objects.filter(is_active=True, holder=key.holder, unit=unit,
                                         user=user)
    for old in previous.select_for_update():
        old.is_active = False
        save_with_history(old, acting_user=acting_user, reason="Thay bằng khóa mới",
                          validate=False, update_fields=["is_active"])
    save_with_history(key, acting_user=acting_user, reason="Cài đặt khóa ký số")
    return key


def pkcs12_signer(key: SigningKey) -> signers.SimpleSigner:
    """A pyHanko signer with the stored key (decrypted in memory only); refused when the
    certificate is no longer in force."""
    data = keys.decrypt(key.encrypted_pkcs12)
    password = keys.decrypt(key.encrypted_password).decode()
    content = keys.load_pkcs12(data, password)
    keys.check_validity(content.certificate)
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization

    private = asn1_keys.PrivateKeyInfo.load(content.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    store = SimpleCertificateStore.from_certs(
        [asn1_x509.Certificate.load(keys.der(c)) for c in content.chain])
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(keys.der(content.certificate)),
        signing_key=private, cert_registry=store)


@transaction.atomic
def signature_image_set(*, user, png: bytes, acting_user) -> SignatureImage:
    _require_manage(acting_user)
    images.check_png(png)
    row = SignatureImage.objects.filter(user=user).first() or SignatureImage(user=user)
    row.png = png
    save_with_history(row, acting_user=acting_user, reason="Ảnh chữ ký")
    return row


@transaction.atomic
def seal_image_set(*, unit, png: bytes, width_mm: Decimal | float = Decimal(36),
                   acting_user) -> SealImage:
    _require_manage(acting_user)
    images.check_png(png)
    width = Decimal(str(width_mm))
    if not Decimal(20) <= width <= Decimal(60):
        raise ValidationError({"width_mm": "Kích thước thật của dấu phải từ 20 đến 60 mm."})
    row = SealImage.objects.filter(unit=unit).first() or SealImage(unit=unit)
    row.png, row.width_mm = png, width
    save_with_history(row, acting_user=acting_user, reason="Ảnh con dấu")
    return row


def _load_certificate(data: bytes) -> x509.Certificate:
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as error:
        raise ValidationError("Tệp không phải chứng thư số (PEM hoặc DER).") from error


@transaction.atomic
def trust_root_add(*, certificate: bytes, name: str = "", is_test: bool = False,
                   acting_user) -> TrustRoot:
    """Trust a CA certificate (PEM or DER); the same certificate twice is one row."""
    _require_manage(acting_user)
    cert = _load_certificate(certificate)
    der = keys.der(cert)
    fingerprint = hashlib.sha256(der).hexdigest()
    existing = TrustRoot.objects.filter(fingerprint=fingerprint).first()
    if existing is not None:
        return existing
    row = TrustRoot(name=(name or cert.subject.rfc4514_string())[:200], certificate=der,
                    subject=cert.subject.rfc4514_string()[:500], fingerprint=fingerprint,
                    not_after=cert.not_valid_after_utc, is_test=is_test)
    row.created_by = acting_user
    save_with_history(row, acting_user=acting_user, reason="Thêm chứng thư gốc tin cậy")
    return row
