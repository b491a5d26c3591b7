"""Registering legal documents, and issuing numbers in the cluster's own series."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns.docnumbers import DocumentNumber, DocumentNumberError, parse_document_number
from campaigns.models import LegalDocument, SeriesCounter
from cluster.history import save_with_history
from cluster.models import Cluster, User
from cluster.permissions import require
from cluster.rules import YearScope
from cluster.text import short_date
from cluster.uploads import display_name, safe_upload_name, validate_upload

Kind = LegalDocument.Kind

#: What a cluster issues in its own series, with the type code of its number. A công văn has
#: no type code: "15/CTĐ" (Nghị định 30/2020/NĐ-CP, Phụ lục I).
ISSUABLE_KINDS: dict[str, str | None] = {
    Kind.PLAN: "KH", Kind.REPORT: "BC", Kind.MINUTES: "BB", Kind.SUBMISSION: "TTr",
    Kind.NOTICE: "TB", Kind.DECISION: "QĐ", Kind.GUIDANCE: "HD", Kind.INVITATION: "GM",
    Kind.CONCLUSION: "KL", Kind.OFFICIAL_LETTER: None,
}


def _apply_number(document: LegalDocument, number: DocumentNumber) -> None:
    document.number_symbol = str(number)
    document.number = number.number
    document.number_year = number.year
    document.type_code = number.type_code or ""
    document.issuer_code = number.issuer
    document.issuer_subunit = number.issuer_subunit or ""
    document.is_party_style = number.style == "party"


def _attach(document: LegalDocument, file) -> None:
    """Store ``file`` under a generated name after checking its content (PDF, Word ...); the
    user's own name is kept apart, for downloads."""
    if not file:
        return
    detected = getattr(file, "detected_type", None)
    if detected is None:
        try:
            detected = validate_upload(file)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
    document.file_name = display_name(getattr(file, "display_name", None) or file.name,
                                      detected)
    file.name = safe_upload_name(prefix="van-ban", detected=detected)
    document.file = file


def _parse(number_symbol: str) -> DocumentNumber:
    try:
        return parse_document_number(number_symbol)
    except DocumentNumberError as error:
        raise ValidationError({"number_symbol": str(error)}) from None


def series_lock(*, cluster: Cluster, year: int) -> SeriesCounter:
    """Lock the cluster's series of ``year`` until the end of the caller's transaction (the
    lock every issue of a number takes): whoever checks "was this already numbered?" under it
    sees every number given before, and gives none meanwhile."""
    return _lock_counter(cluster, year)


def _lock_counter(cluster: Cluster, year: int) -> SeriesCounter:
    # The cluster row is locked first, so two first issues of a year cannot both create the
    # counter row; the counter row itself is then read under lock.
    Cluster.objects.select_for_update().get(pk=cluster.pk)
    SeriesCounter.objects.get_or_create(cluster=cluster, year=year)
    return SeriesCounter.objects.select_for_update().get(cluster=cluster, year=year)


@transaction.atomic
def document_register(
    *,
    cluster: Cluster,
    kind: str,
    number_symbol: str,
    issued_on: datetime.date,
    issuing_body: str,
    subject: str = "",
    url: str = "",
    file=None,
    in_force_from: datetime.date | None = None,
    expired_on: datetime.date | None = None,
    is_illustrative: bool = False,
    acting_user: User | None,
) -> LegalDocument:
    """Record an existing document (a ministry's Công văn, a Chỉ thị ...). A document of the
    cluster's own series (its symbol ends in the cluster's series code) takes its place in
    the year's register, and later issues continue after its number."""
    number = _parse(number_symbol)
    document = LegalDocument(
        cluster=cluster, kind=kind, issued_on=issued_on, issuing_body=issuing_body.strip(),
        subject=subject.strip(), url=url, is_illustrative=is_illustrative,
        in_force_from=in_force_from, expired_on=expired_on, created_by=acting_user,
    )
    if issued_on and in_force_from and in_force_from < issued_on:
        raise ValidationError({"in_force_from": "Ngày có hiệu lực không được trước ngày ban "
                                                "hành."})
    if issued_on and expired_on and expired_on <= (in_force_from or issued_on):
        raise ValidationError({"expired_on": "Ngày hết hiệu lực phải sau ngày có hiệu lực."})
    _attach(document, file)
    _apply_number(document, number)
    own_series = number.style == "state" and number.issuer == cluster.series_code
    if own_series and issued_on:
        counter = _lock_counter(cluster, issued_on.year)
        document.series_year, document.series_number = issued_on.year, number.number
        if number.number > counter.last_number:
            counter.last_number = number.number
            save_with_history(counter, acting_user=acting_user, reason="Vào sổ văn bản đã ban hành")
    save_with_history(document, acting_user=acting_user, reason="Vào sổ văn bản")
    return document


@transaction.atomic
def document_issue_in_series(
    *,
    cluster: Cluster,
    kind: str,
    issued_on: datetime.date,
    subject: str,
    issuing_body: str = "",
    file=None,
    acting_user: User | None,
) -> LegalDocument:
    """Give the next number of the cluster's series for ``issued_on``'s year ("613/KH-CTĐ")
    and record the document. Numbers run per cluster and year across types, without gaps or
    duplicates even when two people issue at one moment (the counter row is locked)."""
    if kind not in ISSUABLE_KINDS:
        raise ValidationError(
            {"kind": "Cụm không cấp số cho loại văn bản này; chỉ cấp số cho: "
                     + ", ".join(str(Kind(k).label) for k in ISSUABLE_KINDS) + "."}
        )
    if not subject.strip():
        raise ValidationError({"subject": "Vui lòng nhập trích yếu của văn bản."})
    counter = _lock_counter(cluster, issued_on.year)
    next_number = counter.last_number + 1
    try:
        number = DocumentNumber(next_number, cluster.series_code, ISSUABLE_KINDS[kind])
    except DocumentNumberError as error:
        raise ValidationError(
            f"Mã ký hiệu văn bản của cụm “{cluster.series_code}” không hợp lệ: {error}"
        ) from None
    document = LegalDocument(
        cluster=cluster, kind=kind, issued_on=issued_on,
        issuing_body=issuing_body.strip() or cluster.name, subject=subject.strip(),
        series_year=issued_on.year, series_number=next_number, created_by=acting_user,
    )
    _attach(document, file)
    _apply_number(document, number)
    save_with_history(document, acting_user=acting_user, reason="Cấp số văn bản")
    counter.last_number = next_number
    save_with_history(counter, acting_user=acting_user, reason=f"Cấp số {number}")
    return document


@transaction.atomic
def document_validity_set(
    *,
    document: LegalDocument,
    year: int,
    in_force_from: datetime.date | None,
    expired_on: datetime.date | None,
    replaced_by: LegalDocument | None,
    acting_user: User | None,
) -> LegalDocument:
    """Record a text's validity (issue #15): in force from (empty: its date of issue), expired
    on, replaced by. A replacement with no date of expiry given ends the text the day the
    replacement takes effect. Documents then cite it only from its date of issue, and the
    rules pages warn when a year's rules rest on it after it expired."""
    require(acting_user, "campaigns.manage_year", YearScope(document.cluster, year))
    document = LegalDocument.objects.select_for_update().get(pk=document.pk)
    issued = short_date(document.issued_on)
    errors: dict[str, str] = {}
    if in_force_from is not None and in_force_from < document.issued_on:
        errors["in_force_from"] = (f"Ngày có hiệu lực không được trước ngày ban hành "
                                   f"({issued}).")
    if replaced_by is not None:
        if replaced_by.pk == document.pk:
            errors["replaced_by"] = "Văn bản không thể được thay thế bởi chính nó."
        elif replaced_by.cluster_id != document.cluster_id:
            errors["replaced_by"] = "Văn bản thay thế không thuộc sổ văn bản của cụm."
        elif replaced_by.issued_on < document.issued_on:
            errors["replaced_by"] = (f"Văn bản thay thế ban hành ngày "
                                     f"{short_date(replaced_by.issued_on)}, trước văn bản bị "
                                     f"thay thế ({issued}).")
        elif expired_on is None:
            expired_on = replaced_by.effective_from
    if expired_on is not None and not errors:
        start = in_force_from or document.issued_on
        if expired_on <= start:
            errors["expired_on"] = (f"Ngày hết hiệu lực phải sau ngày có hiệu lực "
                                    f"({short_date(start)}).")
    if errors:
        raise ValidationError(errors)
    document.in_force_from = in_force_from
    document.expired_on = expired_on
    document.replaced_by = replaced_by
    save_with_history(document, acting_user=acting_user, reason="Sửa hiệu lực văn bản")
    return document
