"""Validation of the signatures in PDF bytes against the configured trust roots (pyHanko).

For each signature: are the bytes it signed intact, was anything but later signatures added
after it, who signed (subject CN, O), when (a timestamp authority's time, or the signer's
claimed time — the server clock — stated as such), does the certificate chain to an active
:class:`~signatures.models.TrustRoot`, and was it valid at that time.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis.policy_api import ModificationLevel
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .signing import VN_TZ, run_async

logger = logging.getLogger(__name__)

#: What may follow a signature without touching what it signed: nothing, more signatures.
HARMLESS = {ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING}


@dataclass
class SignatureReport:
    field_name: str
    signer_name: str = ""
    organisation: str = ""
    subject: str = ""
    issuer: str = ""
    signing_time: datetime | None = None
    time_from_tsa: bool = False
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    valid_at_signing: bool = False
    covers_whole_file: bool = False
    changed_after: bool = False
    reason: str = ""
    fingerprint: str = ""
    details: str = ""

    @property
    def ok(self) -> bool:
        return (self.intact and self.valid and self.trusted and self.valid_at_signing
                and not self.changed_after)

    @property
    def signing_time_iso(self) -> str:
        if self.signing_time is None:
            return ""
        return self.signing_time.astimezone(VN_TZ).isoformat(timespec="seconds")


@dataclass
class PdfReport:
    readable: bool = True
    error: str = ""
    signatures: list[SignatureReport] = field(default_factory=list)
    updated_after_last: bool = False  # bytes appended after the last signature

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def ok(self) -> bool:
        return (self.readable and self.signed and not self.updated_after_last
                and all(s.ok for s in self.signatures))


def _name(cert, key: str) -> str:
    try:
        return str(cert.subject.native.get(key) or "")
    except Exception:  # pragma: no cover - an odd subject
        return ""


def validate_pdf(pdf_bytes: bytes, roots: list[bytes]) -> PdfReport:
    """The report of every signature in ``pdf_bytes``; ``roots`` are DER certificates."""
    report = PdfReport()
    trust = [asn1_x509.Certificate.load(bytes(der)) for der in roots]
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # any damage to the file's structure
        logger.info("unreadable PDF: %s", error)
        return PdfReport(readable=False, error="Không đọc được cấu trúc tệp PDF (tệp bị hỏng "
                                                "hoặc đã bị sửa).")
    for index, sig in enumerate(embedded):
        item = SignatureReport(field_name=sig.field_name or "")
        report.signatures.append(item)
        try:
            context = ValidationContext(trust_roots=trust, allow_fetching=False,
                                        revocation_mode="soft-fail")
            status = run_async(lambda sig=sig, context=context:
                               async_validate_pdf_signature(sig, context))
        except Exception as error:
            item.details = f"{type(error).__name__}: {error}"
            continue
        cert = status.signing_cert
        item.signer_name = _name(cert, "common_name")
        item.organisation = _name(cert, "organization_name")
        item.subject = cert.subject.human_friendly
        item.issuer = cert.issuer.human_friendly
        item.fingerprint = cert.sha256.hex()
        item.intact, item.valid, item.trusted = status.intact, status.valid, status.trusted
        if status.timestamp_validity is not None:
            item.signing_time, item.time_from_tsa = status.timestamp_validity.timestamp, True
        else:
            item.signing_time = status.signer_reported_dt
        when = item.signing_time
        validity = cert["tbs_certificate"]["validity"]
        item.valid_at_signing = bool(
            when and validity["not_before"].native <= when <= validity["not_after"].native)
        item.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        level = status.modification_level
        item.changed_after = not item.covers_whole_file and level not in HARMLESS
        reason = sig.sig_object.get("/Reason")
        item.reason = str(reason) if reason else ""
        try:
            item.details = status.pretty_print_details()
        except Exception:  # pragma: no cover
            item.details = repr(status)
        if index == len(embedded) - 1 and not item.covers_whole_file:
            report.updated_after_last = True
    return report
