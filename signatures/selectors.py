"""Every read of the signatures app that a view or another app needs."""

from __future__ import annotations

from .models import SealImage, SignatureImage, SigningKey, TrustRoot
from .validation import PdfReport, SignatureReport, validate_pdf

__all__ = [
    "PdfReport", "SignatureReport", "active_key", "seal_image", "signature_image_png",
    "trust_roots_der", "validate_pdf_signatures",
]


def active_key(*, unit=None, user=None) -> SigningKey | None:
    """The key in use of a body (``unit``) or of a person (``user``)."""
    keys = SigningKey.objects.filter(is_active=True)
    if unit is not None:
        keys = keys.filter(holder=SigningKey.Holder.BODY, unit=unit)
    elif user is not None:
        keys = keys.filter(holder=SigningKey.Holder.PERSON, user=user)
    else:
        return None
    return keys.order_by("-created_at", "-pk").first()


def signature_image_png(user) -> bytes | None:
    row = SignatureImage.objects.filter(user=user).first()
    return bytes(row.png) if row else None


def seal_image(unit) -> SealImage | None:
    return SealImage.objects.filter(unit=unit).first()


def trust_roots_der() -> list[bytes]:
    return [bytes(c) for c in TrustRoot.objects.filter(is_active=True)
            .values_list("certificate", flat=True)]


def validate_pdf_signatures(pdf_bytes: bytes) -> PdfReport:
    """Every signature in ``pdf_bytes`` checked against the active trust roots."""
    return validate_pdf(pdf_bytes, trust_roots_der())
