"""Writes of the reports app: render a document once per distinct data and keep the file,
issue a document with a number of the cluster's series, and check an uploaded file against a
verification code.

The cache: ``document_draft_file`` builds the snapshot, hashes it (``kinds.fingerprint``) and
looks for the draft row with that hash; only when there is none, or it lacks the format, is
anything rendered. A repeat download of unchanged data costs the snapshot's queries and one
lookup, and serves the stored bytes. Renderings run before any row is written (a PDF takes a
second; no lock is held meanwhile); two first downloads at once render twice, and the row of
the first to commit wins, the other file is discarded.

Issuing is the other way round: the number, the frozen snapshot and the PDF with its SHA-256
are written in one transaction under the series lock (``document_issue``), so a number is
never publicly verifiable without its file, and one data is numbered once.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from campaigns.services import document_issue_in_series, series_lock
from cluster import uploads
from cluster.history import save_with_history
from cluster.models import User
from cluster.permissions import require
from cluster.rules import YearScope

from .kinds import SPECS, Spec, Stamp, fingerprint, render
from .models import DocumentFile, FileFormat, IssuedDocument, OfficialFile

# Base32 without the look-alikes 0/O and 1/I: 32 symbols, 10 characters = 50 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10
VERIFY_MAX_BYTES = 20 * 1024 * 1024
VERIFIABLE_KINDS = {"pdf", "docx", "xlsx"}


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not IssuedDocument.objects.filter(verification_code=code).exists():
            return code


def normalise_code(text: str) -> str:
    """What a person types from paper: any case, with spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def object_ref(target) -> str:
    return f"{target._meta.model_name}:{target.pk}"


def _stamp(document: IssuedDocument, verify_url) -> Stamp:
    return Stamp(number=document.number, date=document.issued_on,
                 code=document.verification_code, verify_url=verify_url(document.verification_code))


def _store(document: IssuedDocument, file_format: str, content: bytes) -> DocumentFile:
    """Save the bytes and their row; when another request stored this format meanwhile,
    keep theirs and drop ours."""
    row = DocumentFile(document=document, format=file_format,
                       sha256=hashlib.sha256(content).hexdigest(), size=len(content))
    row.file.save(f"{document.verification_code}.{file_format}", ContentFile(content),
                  save=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        row.file.delete(save=False)
        return DocumentFile.objects.get(document=document, format=file_format)
    return row


def document_file(*, document: IssuedDocument, file_format: str, verify_url) -> DocumentFile:
    """The stored file of a version, rendered from its stored snapshot the first time."""
    spec = SPECS[document.kind]
    if file_format not in spec.formats:
        raise ValidationError(f"Văn bản này không có định dạng {file_format}.")
    existing = DocumentFile.objects.filter(document=document, format=file_format).first()
    if existing is not None:
        return existing
    content = render(spec, document.snapshot, _stamp(document, verify_url), file_format)
    return _store(document, file_format, content)


@dataclass
class Draft:
    document: IssuedDocument
    file: DocumentFile
    rendered: bool  # False: served from the cache


def document_draft_file(*, spec: Spec, target, cluster, year: int, file_format: str,
                        acting_user: User | None, verify_url,
                        day: datetime.date | None = None) -> Draft:
    """The current data of ``target`` as a file: the stored one when the data has not changed
    since it was rendered, else a new rendering (a draft: no number, no date)."""
    if file_format not in spec.formats:
        raise ValidationError(f"Văn bản này không có định dạng {file_format}.")
    with translation.override(settings.LANGUAGE_CODE):  # documents are Vietnamese
        snapshot = spec.snapshot(target, day=day or timezone.localdate())
    data_hash = fingerprint(snapshot)
    ref = object_ref(target)
    drafts = IssuedDocument.objects.filter(cluster=cluster, kind=spec.kind, object_ref=ref,
                                           data_hash=data_hash, number__isnull=True)
    document = drafts.first()
    if document is not None:
        stored = DocumentFile.objects.filter(document=document, format=file_format).first()
        if stored is not None:
            return Draft(document, stored, rendered=False)
        return Draft(document, document_file(document=document, file_format=file_format,
                                             verify_url=verify_url), rendered=True)
    document = IssuedDocument(
        cluster=cluster, year=year, kind=spec.kind, object_ref=ref, title=spec.title(snapshot),
        data_hash=data_hash, snapshot=snapshot, verification_code=new_code(),
        created_by=acting_user,
    )
    content = render(spec, snapshot, _stamp(document, verify_url), file_format)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:  # the same data was rendered by another request meanwhile
        document = drafts.get()
        return Draft(document, document_file(document=document, file_format=file_format,
                                             verify_url=verify_url), rendered=True)
    return Draft(document, _store(document, file_format, content), rendered=True)


@dataclass(frozen=True)
class Issue:
    document: IssuedDocument
    created: bool  # False: this data had been issued already, ``document`` is that issue


def _issued_with(*, cluster, spec: Spec, ref: str, data_hash: str) -> IssuedDocument | None:
    return (IssuedDocument.objects.filter(cluster=cluster, kind=spec.kind, object_ref=ref,
                                          data_hash=data_hash, number__isnull=False,
                                          duplicate_of__isnull=True)
            .select_related("issued_by").first())


def document_issue(*, spec: Spec, target, cluster, year: int, issued_on: datetime.date,
                   acting_user: User, verify_url) -> Issue:
    """Give the document the next number of the cluster's series (through
    ``campaigns.services.document_issue_in_series``, which enters it in the register), freeze
    its data and render its PDF, all in one transaction: a number is never seen without its
    snapshot and its file, and a failed rendering gives back the number.

    One number per distinct data (a database constraint): the check for an earlier issue of
    the same data is made under the series lock, so a double click waits for the first
    request and is answered with its document (``created`` False), not with a second number.
    The series stays locked while the PDF renders (a second or two; see docs/performance.md):
    issues of one cluster queue behind each other, which is what keeps numbers and files
    together."""
    require(acting_user, "reports.prepare_documents", YearScope(cluster, year))
    if not spec.issuable:
        raise ValidationError("Văn bản này không cấp số.")
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": "Ngày ban hành không được sau ngày hôm nay."})
    if issued_on.year < year:
        raise ValidationError({"issued_on": f"Ngày ban hành phải trong năm {year} trở đi."})
    with translation.override(settings.LANGUAGE_CODE):  # whatever the page's language
        snapshot = spec.snapshot(target, day=issued_on)
    data_hash = fingerprint(snapshot)
    ref = object_ref(target)
    stored: list[DocumentFile] = []
    try:
        with transaction.atomic():
            series_lock(cluster=cluster, year=issued_on.year)
            earlier = _issued_with(cluster=cluster, spec=spec, ref=ref, data_hash=data_hash)
            if earlier is not None:
                return Issue(earlier, created=False)
            title = spec.title(snapshot)
            register = document_issue_in_series(
                cluster=cluster, kind=spec.legal_kind, issued_on=issued_on,
                subject=title[:1].upper() + title[1:], acting_user=acting_user)
            document = IssuedDocument(
                cluster=cluster, year=year, kind=spec.kind, object_ref=ref,
                title=title, data_hash=data_hash, snapshot=snapshot,
                verification_code=new_code(), number=register.number,
                number_symbol=register.number_symbol, issued_on=issued_on,
                legal_document=register, issued_by=acting_user, issued_at=timezone.now(),
                created_by=acting_user,
            )
            document.save()
            content = render(spec, snapshot, _stamp(document, verify_url), FileFormat.PDF)
            stored.append(_store(document, FileFormat.PDF, content))
    except IntegrityError:
        # Only where the series lock does not serialise (SQLite): the constraint refused a
        # second number for the same data; answer with the first.
        for row in stored:
            row.file.delete(save=False)
        earlier = _issued_with(cluster=cluster, spec=spec, ref=ref, data_hash=data_hash)
        if earlier is None:
            raise
        return Issue(earlier, created=False)
    except BaseException:
        for row in stored:  # rolled back: the file of a number that was never given
            row.file.delete(save=False)
        raise
    return Issue(document, created=True)


@dataclass(frozen=True)
class Check:
    """What an uploaded copy is: the same bytes as a file rendered under the code (``file``),
    as the official copy attached to the number (``official``, current or replaced), or
    neither."""

    matches: bool
    file: DocumentFile | None
    sha256: str
    official: OfficialFile | None = None
    signed: object = None  # the DocumentSignature whose file this is (issue #18)

    @property
    def is_official(self) -> bool:
        return self.official is not None and self.official.is_current

    @property
    def is_replaced_official(self) -> bool:
        return self.official is not None and not self.official.is_current


def verification_check(*, document: IssuedDocument, uploaded_file) -> Check:
    """Compare an uploaded file with the files issued under ``document``'s code and with its
    official copies (``OfficialFile``, the current one first). The upload's type is read from
    its content (``cluster.uploads``): only PDF, Word and Excel files, up to
    ``VERIFY_MAX_BYTES``."""
    detected = uploads.validate_upload(uploaded_file, max_bytes=VERIFY_MAX_BYTES)
    if detected.kind not in VERIFIABLE_KINDS:
        raise ValidationError("Chỉ đối chiếu được tệp PDF, Word (.docx) hoặc Excel (.xlsx).",
                              code="type_not_allowed")
    sha256 = _sha256_of(uploaded_file)
    match = next((f for f in document.files.all() if f.sha256 == sha256), None)
    official = next((f for f in sorted(document.official_files.all(),
                                       key=lambda f: (not f.is_current, -f.pk))
                     if f.sha256 == sha256), None)
    signed = next((s for s in document.signatures.all() if s.sha256 == sha256), None)
    return Check(matches=match is not None or official is not None or signed is not None,
                 file=match, sha256=sha256, official=official, signed=signed)


def _sha256_of(uploaded_file) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in iter(lambda: uploaded_file.read(64 * 1024), b""):
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


__all__ = [
    "CODE_ALPHABET", "Check", "Draft", "Issue", "document_draft_file", "document_file",
    "document_issue", "new_code", "normalise_code", "official_file_attach",
    "official_max_bytes", "verification_check",
]


# --- the official copy (bản chính thức) -------------------------------------------------------


def official_max_bytes() -> int:
    """The largest official copy accepted: ``settings.OFFICIAL_FILE_MAX_BYTES``, at most what
    the verification page accepts for a check (``VERIFY_MAX_BYTES``), so that every official
    copy can be checked there."""
    limit = getattr(settings, "OFFICIAL_FILE_MAX_BYTES", None) or VERIFY_MAX_BYTES
    return min(int(limit), VERIFY_MAX_BYTES)


@dataclass(frozen=True)
class Attach:
    official: OfficialFile
    created: bool  # False: this very file was already the official copy
    replaced: OfficialFile | None = None  # the copy it replaced, kept


def official_file_attach(*, document: IssuedDocument, uploaded_file, acting_user: User,
                         note: str = "") -> Attach:
    """Attach a PDF finished outside the app (a scanned, signed and stamped copy) to an issued
    number as its official copy: checked from its content (a PDF without active content, up to
    ``official_max_bytes()``), stored under a name of ours with its SHA-256, who attached it
    and when, in the history. A current official copy is not deleted: it is marked replaced
    and kept. The same bytes twice (a double click) change nothing. The document's row is
    locked meanwhile, and one current copy per document is a database constraint."""
    require(acting_user, "reports.prepare_documents", YearScope(document.cluster, document.year))
    if not document.is_issued:
        raise ValidationError("Chỉ văn bản đã ban hành (đã cấp số) mới đính kèm được bản "
                              "chính thức.", code="not_issued")
    detected = uploads.validate_upload(uploaded_file, max_bytes=official_max_bytes())
    if detected.kind != "pdf":
        raise ValidationError(
            "Bản chính thức phải là tệp PDF (ví dụ bản quét văn bản đã ký, đóng dấu); tệp đã "
            "chọn là tệp %(kind)s.", code="not_pdf", params={"kind": detected.kind.upper()})
    sha256 = _sha256_of(uploaded_file)
    if document.files.filter(sha256=sha256).exists():
        raise ValidationError(
            "Tệp này chính là bản điện tử được lập khi ban hành, không phải bản đã ký, đóng "
            "dấu. Hãy chọn bản quét (hoặc bản PDF) của văn bản đã ký, đóng dấu.",
            code="rendered")
    note = " ".join((note or "").split())[:300]
    name = uploads.display_name(getattr(uploaded_file, "name", "") or "", detected)
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, 2)
        size = uploaded_file.tell()
    row: OfficialFile | None = None
    try:
        with transaction.atomic():
            IssuedDocument.objects.select_for_update().filter(pk=document.pk).first()
            current = (OfficialFile.objects.select_for_update()
                       .filter(document=document, replaced_at__isnull=True).first())
            if current is not None and current.sha256 == sha256:
                return Attach(current, created=False)
            now = timezone.now()
            if current is not None:
                current.replaced_at = now
                save_with_history(current, acting_user=acting_user,
                                  reason="Thay bằng bản chính thức khác",
                                  update_fields=["replaced_at"], validate=False)
            row = OfficialFile(document=document, original_name=name, sha256=sha256,
                               size=size, note=note, attached_by=acting_user,
                               attached_at=now)
            uploaded_file.seek(0)
            row.file.save(f"{document.verification_code}.pdf", uploaded_file, save=False)
            save_with_history(row, acting_user=acting_user,
                              reason="Thay bản chính thức" if current else
                              "Đính kèm bản chính thức")
    except IntegrityError:
        if row is not None and row.file:
            row.file.delete(save=False)
        raise ValidationError("Bản chính thức của văn bản này vừa được người khác cập nhật; "
                              "hãy tải lại trang rồi thử lại.", code="conflict") from None
    except BaseException:
        if row is not None and row.file:
            row.file.delete(save=False)  # rolled back: no row vouches for this file
        raise
    return Attach(row, created=True, replaced=current)
