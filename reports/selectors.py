"""Reads of the reports app: the issued documents of a cluster-year, a version by its
verification code."""

from __future__ import annotations

from django.db.models import F, Prefetch

from cluster.models import Cluster
from commendations.issued import IssuedOffer

from .models import (
    DocumentFile,
    DocumentKind,
    FileFormat,
    IssuedDocument,
    OfficialFile,
    SummarySection,
)


def _with_files():
    return Prefetch("files", queryset=DocumentFile.objects.order_by("format"))


def issued_list(*, cluster: Cluster, year: int) -> list[IssuedDocument]:
    """Documents issued with a number, newest first, each with its stored files. Two queries."""
    return list(
        IssuedDocument.objects.filter(cluster=cluster, year=year, number__isnull=False)
        .select_related("issued_by").prefetch_related(_with_files(), _current_official())
        .order_by("-issued_at", "-pk")
    )


def document_by_code(*, code: str) -> IssuedDocument | None:
    return (IssuedDocument.objects.select_related("cluster", "issued_by")
            .prefetch_related(_with_files()).filter(verification_code=code).first())


#: The issued documents of a voting session a dossier may attach, with the dossier's kind.
_DOSSIER_KINDS = {DocumentKind.SUBMISSION: "to_trinh", DocumentKind.VOTE_MINUTES: "bien_ban"}


def session_issued_offers(session) -> list[IssuedOffer]:
    """The tờ trình and minutes issued with a number for ``session`` (its PDF), newest first,
    as ``commendations.issued`` offers them to the session's dossiers. Two queries."""
    rows = (IssuedDocument.objects.filter(
        cluster_id=session.cluster_id, kind__in=list(_DOSSIER_KINDS),
        object_ref=f"{session._meta.model_name}:{session.pk}", number__isnull=False,
        duplicate_of__isnull=True)
        .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.filter(
            format=FileFormat.PDF), to_attr="pdfs"))
        .order_by("-issued_at", "-pk"))

    def reader(row: DocumentFile):
        def read() -> bytes:
            with row.file.open("rb") as handle:
                return handle.read()
        return read

    return [IssuedOffer(code=d.verification_code, kind=_DOSSIER_KINDS[d.kind],
                        label=d.get_kind_display(), number_symbol=d.number_symbol,
                        issued_on=d.issued_on, read=reader(d.pdfs[0]))
            for d in rows if d.pdfs]


def _current_official():
    """The official copy in force of each document, as ``official_current`` (a list of at
    most one)."""
    return Prefetch("official_files", to_attr="official_current",
                    queryset=OfficialFile.objects.filter(replaced_at__isnull=True))


def document_for_verification(*, code: str) -> IssuedDocument | None:
    """A version by its code with its rendered files and every official copy (the current
    one first, then the replaced ones, newest first). Three queries."""
    return (IssuedDocument.objects.select_related("cluster")
            .prefetch_related(_with_files(), Prefetch(
                "official_files", queryset=OfficialFile.objects.order_by(
                    F("replaced_at").desc(nulls_first=True), "-pk")))
            .filter(verification_code=code).first())


def issued_document_in_year(*, cluster: Cluster, year: int, code: str) -> IssuedDocument | None:
    """An issued version of ``cluster``'s ``year`` by its code, with its official copies,
    newest first, and who attached them; None when it is not one of theirs. Two queries."""
    return (IssuedDocument.objects.filter(cluster=cluster, year=year, number__isnull=False,
                                          verification_code=code)
            .prefetch_related(Prefetch("official_files", queryset=OfficialFile.objects
                                       .select_related("attached_by")
                                       .order_by(F("replaced_at").desc(nulls_first=True),
                                                 "-pk")))
            .first())


__all__ = [
    "document_by_code", "document_for_verification", "issued_document_in_year",
    "issued_list", "session_issued_offers",
]


# --- the draft of a period's report -------------------------------------------------------------


def summary_sections(*, period) -> dict[str, SummarySection]:
    """The sections of the period's draft the secretariat has started or edited, by key."""
    return {row.key: row for row in SummarySection.objects.filter(period=period)
            .select_related("updated_by")}


def summary_section_history(*, period, key: str) -> list:
    """Every saved version of one section, newest first, with who saved it."""
    row = SummarySection.objects.filter(period=period, key=key).first()
    if row is None:
        return []
    return list(row.history.select_related("history_user").order_by("-history_date",
                                                                     "-history_id"))
