"""Signing an issued document with a key the server never holds (issue #18, "Where keys live"
(b) and (c); docs/signatures-keys.md).

* The person with authority signs on their own USB token, outside the server:
  ``document_prepare_person_external`` gives the prepared state (to keep between the two
  requests, ``PreparedSigning.dumps()``) and what the token signs;
  ``document_finish_person_external`` takes the signature back, checks it and records it as
  ``services_signing.document_sign_person`` does, key source ``external``.
* The issuing body's signature with the token or HSM configured on the server
  (``SIGNATURES_PKCS11_*``): ``document_sign_body_with_token`` opens it, refuses a certificate
  that is not the chair unit's, and signs through ``services_signing.document_sign_body``.

Same permissions, same order, same refusals as the signatures with stored keys.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cluster.models import User
from cluster.permissions import require
from signatures import external
from signatures import selectors as signature_selectors
from signatures import services as signature_services
from signatures.pkcs11 import configured_pkcs11_signer

from . import services_signing
from .models import DocumentSignature, IssuedDocument

EXTERNAL_SOURCE = "external"
TOKEN_SOURCE = "pkcs11"

__all__ = ["document_finish_person_external", "document_prepare_person_external",
           "document_sign_body_with_token"]


def _fold(text) -> str:
    return " ".join(str(text or "").casefold().split())


def _names(cert, attribute: str) -> list[str]:
    value = cert.subject.native.get(attribute) or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _not_yet_signed(document: IssuedDocument) -> None:
    if document.signatures.filter(role=DocumentSignature.Role.PERSON).exists():
        raise ValidationError(_("Văn bản đã được người có thẩm quyền ký số; không ký lại."),
                              code="already_signed")


def _person_plan(document: IssuedDocument, acting_user: User):
    """The unsigned PDF and the pieces of the person's signature (as document_sign_person)."""
    _row, data = services_signing.unsigned_pdf(document)
    page, box = services_signing.person_box(document, data)
    appearance = signature_services.Appearance(
        signature_png=signature_selectors.signature_image_png(acting_user))
    meta, spec, style, when = signature_services.signature_meta_and_field(
        field_name=services_signing.PERSON_FIELD, box=box, page=page, appearance=appearance,
        reason=f"Ký ban hành văn bản số {document.number_symbol}",
        location=services_signing.printed_chair(document).get("place", "") or "")
    return data, meta, spec, style, when


def document_prepare_person_external(*, document: IssuedDocument, acting_user: User,
                                     certificate: bytes) -> external.PreparedSigning:
    """The issued PDF prepared for the signature of the person printed in its signature
    block, on their own token: `certificate` is theirs (DER or PEM, its common name their
    full name). Nothing is stored; the caller keeps `prepared.dumps()` for the second step."""
    require(acting_user, "reports.sign_as_person", document)
    _not_yet_signed(document)
    cert = external.load_certificate(certificate)
    if _fold(acting_user.full_name) not in [_fold(name) for name in _names(cert, "common_name")]:
        raise ValidationError(
            _("Chứng thư số này cấp cho “%(holder)s”, không phải cho %(name)s: hãy dùng token "
              "của chính mình.") % {"holder": cert.subject.human_friendly,
                                    "name": acting_user.full_name},
            code="certificate_of_another")
    data, meta, spec, style, when = _person_plan(document, acting_user)
    return external.prepare(data, signer_cert=cert, field_name=services_signing.PERSON_FIELD,
                            meta=meta, field_spec=spec, stamp_style=style, signing_time=when)


def document_finish_person_external(*, document: IssuedDocument, acting_user: User,
                                    prepared: external.PreparedSigning,
                                    signature: bytes) -> DocumentSignature:
    """The person's signature from their token embedded and recorded, if it is the signature
    of the certificate announced in `prepared`, over the document as issued, in time."""
    require(acting_user, "reports.sign_as_person", document)
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        _not_yet_signed(document)
        if prepared.field_name != services_signing.PERSON_FIELD:
            raise ValidationError(_("Dữ liệu chuẩn bị ký không phải của chữ ký người có thẩm "
                                    "quyền trên văn bản này."), code="external_state")
        _row, data = services_signing.unsigned_pdf(document)
        signed = external.finish(prepared, signature, expected_source=data)
        cert = external.load_certificate(prepared.signer_cert)
        key = services_signing.KeyUse(
            signer=None, source=EXTERNAL_SOURCE, subject=cert.subject.human_friendly,
            fingerprint=cert.sha256.hex())
        return services_signing._record(
            document=document, order=1, role=DocumentSignature.Role.PERSON,
            field_name=services_signing.PERSON_FIELD, acting_user=acting_user, key=key,
            before=data, after=signed, when=prepared.signing_time or prepared.created_at)


def document_sign_body_with_token(*, document: IssuedDocument,
                                  acting_user: User) -> DocumentSignature:
    """The issuing body's signature made on the server's token or HSM (SIGNATURES_PKCS11_*),
    whose certificate must name the chair unit (its organisation or common name)."""
    require(acting_user, "reports.sign_as_body", document)
    unit = services_signing.chair_unit_of(document)
    with configured_pkcs11_signer() as signer:
        cert = signer.signing_cert
        names = [_fold(n) for n in _names(cert, "organization_name") + _names(cert, "common_name")]
        if unit is None or _fold(unit.name) not in names:
            raise ValidationError(
                _("Chứng thư số trên token là của “%(holder)s”, không phải của cơ quan ban hành "
                  "văn bản (%(unit)s).") % {"holder": cert.subject.human_friendly,
                                            "unit": unit.name if unit else "—"},
                code="certificate_of_another")
        key = services_signing.KeyUse(
            signer=signer, source=TOKEN_SOURCE, subject=signer.certificate_subject,
            fingerprint=signer.certificate_fingerprint)
        return services_signing.document_sign_body(document=document, acting_user=acting_user,
                                                   key=key)
