"""Digital signing of issued documents (issue #18, docs/signatures.md).

Signing is a step after issuing. On the issued PDF (rendered at issue, fingerprinted, kept
unsigned), the person printed in the signature block signs first (``document_sign_person``),
then the chair unit's secretariat, doing the văn thư's work, applies the unit's signature
(``document_sign_body``). Each signature is an incremental update of the file before it,
recorded as a :class:`~reports.models.DocumentSignature` (who, when, which certificate, the
SHA-256 of the bytes signed and of the result), saved with its history. A document is signed
once per role, and only over the bytes recorded: a stored file whose bytes no longer match
its fingerprint is refused, never signed. The DOCX is never signed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from cluster.history import save_with_history
from cluster.models import Unit, User
from cluster.permissions import require
from signatures import selectors as signature_selectors
from signatures import services as signature_services

from .models import DocumentFile, DocumentSignature, FileFormat, IssuedDocument
from .signature_position import NAME_CLEARANCE, signature_box

PERSON_FIELD = "ChuKyNguoiCoThamQuyen"
BODY_FIELD = "ChuKyCoQuan"


@dataclass(frozen=True)
class KeyUse:
    """A pyHanko signer and where it comes from (``pkcs12``; the keys helper adds ``pkcs11``).
    None: the acting user's (person) or the chair unit's (body) stored PKCS#12 key."""

    signer: object
    source: str
    subject: str
    fingerprint: str


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def printed_chair(document: IssuedDocument) -> dict:
    chair = document.snapshot.get("chair") if isinstance(document.snapshot, dict) else None
    return chair if isinstance(chair, dict) else {}


def chair_unit_of(document: IssuedDocument) -> Unit | None:
    name = printed_chair(document).get("unit") or ""
    return Unit.objects.filter(name=name).first() if name else None


def unsigned_pdf(document: IssuedDocument) -> tuple[DocumentFile, bytes]:
    """The PDF rendered at issue and its bytes, refused when they no longer match its
    fingerprint (the stored file was changed: never sign it)."""
    row = DocumentFile.objects.filter(document=document, format=FileFormat.PDF).first()
    if row is None:
        raise ValidationError("Văn bản chưa có tệp PDF ban hành để ký.", code="no_pdf")
    data = _read(row.file)
    if _sha256(data) != row.sha256:
        raise ValidationError("Tệp PDF đang lưu khác với bản đã ban hành (SHA-256 không khớp); "
                              "không ký nội dung khác bản ban hành.", code="changed_content")
    return row, data


def _stored_key(*, user: User | None = None, unit: Unit | None = None) -> KeyUse:
    key = signature_selectors.active_key(user=user, unit=unit)
    if key is None:
        who = unit.name if unit is not None else (user.display_name if user else "")
        raise ValidationError("Chưa cài đặt khóa ký số cho %(who)s; đề nghị quản trị viên cài "
                              "đặt chứng thư số (PKCS#12).", params={"who": who}, code="no_key")
    return KeyUse(signature_services.pkcs12_signer(key), "pkcs12", key.subject,
                  key.fingerprint)


def _record(*, document, order, role, field_name, acting_user, key: KeyUse, before: bytes,
            after: bytes, when) -> DocumentSignature:
    row = DocumentSignature(
        document=document, order=order, role=role, field_name=field_name,
        signed_by=acting_user, signed_at=when, key_source=key.source,
        certificate_subject=key.subject[:500], certificate_fingerprint=key.fingerprint,
        signed_sha256=_sha256(before), sha256=_sha256(after), size=len(after))
    row.file.save(f"{document.verification_code}-ky-{order}.pdf", ContentFile(after),
                  save=False)
    try:
        save_with_history(row, acting_user=acting_user, reason=row.get_role_display(),
                          exclude=["file"])
    except BaseException:
        row.file.delete(save=False)
        raise
    return row


def _locked(document: IssuedDocument) -> IssuedDocument:
    return IssuedDocument.objects.select_for_update().get(pk=document.pk)


def person_box(document: IssuedDocument, data: bytes) -> tuple[int, tuple]:
    return signature_box(data, printed_chair(document).get("signer") or "")


def document_sign_person(*, document: IssuedDocument, acting_user: User,
                         key: KeyUse | None = None) -> DocumentSignature:
    """The signature of the person with authority, at the signature position, with their
    signature image (blue), over the PDF rendered at issue."""
    require(acting_user, "reports.sign_as_person", document)
    with transaction.atomic():
        document = _locked(document)
        if document.signatures.filter(role=DocumentSignature.Role.PERSON).exists():
            raise ValidationError("Văn bản đã được người có thẩm quyền ký số; không ký lại.",
                                  code="already_signed")
        _, data = unsigned_pdf(document)
        key = key or _stored_key(user=acting_user)
        page, box = person_box(document, data)
        when = signature_services.vn_now()
        appearance = signature_services.Appearance(
            signature_png=signature_selectors.signature_image_png(acting_user))
        signed = signature_services.sign_pdf(
            data, signer=key.signer, field_name=PERSON_FIELD, box=box, page=page,
            appearance=appearance, reason=f"Ký ban hành văn bản số {document.number_symbol}",
            location=document.snapshot.get("chair", {}).get("place", "") or "",
            timestamper=signature_services.timestamper_from_settings(), signing_time=when)
        return _record(document=document, order=1, role=DocumentSignature.Role.PERSON,
                       field_name=PERSON_FIELD, acting_user=acting_user, key=key,
                       before=data, after=signed, when=when)


def document_sign_body(*, document: IssuedDocument, acting_user: User,
                       key: KeyUse | None = None) -> DocumentSignature:
    """The issuing body's signature, applied by the văn thư after the person's: the seal
    (red, real size) over the left third of the signer's image, with the information line."""
    require(acting_user, "reports.sign_as_body", document)
    with transaction.atomic():
        document = _locked(document)
        person = document.signatures.filter(role=DocumentSignature.Role.PERSON).first()
        if person is None:
            raise ValidationError("Người có thẩm quyền chưa ký số; văn thư ký số của cơ quan "
                                  "sau chữ ký đó.", code="person_first")
        if document.signatures.filter(role=DocumentSignature.Role.BODY).exists():
            raise ValidationError("Văn bản đã có chữ ký số của cơ quan; không ký lại.",
                                  code="already_signed")
        data = _read(person.file)
        if _sha256(data) != person.sha256:
            raise ValidationError("Tệp đã ký đang lưu khác với tệp được ghi nhận (SHA-256 không "
                                  "khớp); không ký nội dung khác.", code="changed_content")
        unit = chair_unit_of(document)
        if unit is None:
            raise ValidationError("Không xác định được cơ quan ban hành văn bản.")
        key = key or _stored_key(unit=unit)
        _, original = unsigned_pdf(document)
        page, box = person_box(document, original)
        image = signature_selectors.signature_image_png(person.signed_by)
        rect = signature_services.signature_image_rect(box, image) if image else box
        seal = signature_selectors.seal_image(unit)
        when = signature_services.vn_now()
        appearance = signature_services.Appearance(
            seal_png=bytes(seal.png) if seal else None,
            seal_width_mm=float(seal.width_mm) if seal else 36.0,
            info_line=signature_services.info_line_text(unit.name, when))
        signed = signature_services.sign_pdf(
            data, signer=key.signer, field_name=BODY_FIELD,
            box=signature_services.seal_box(rect, appearance, info_top=box[1] - NAME_CLEARANCE),
            page=page,
            appearance=appearance, reason=f"{unit.name} ban hành văn bản",
            location=printed_chair(document).get("place", "") or "",
            timestamper=signature_services.timestamper_from_settings(), signing_time=when)
        return _record(document=document, order=2, role=DocumentSignature.Role.BODY,
                       field_name=BODY_FIELD, acting_user=acting_user, key=key,
                       before=data, after=signed, when=when)


def latest_signed(document: IssuedDocument) -> DocumentSignature | None:
    return document.signatures.order_by("-order").first()


__all__ = ["BODY_FIELD", "KeyUse", "PERSON_FIELD", "document_sign_body",
           "document_sign_person"]
