"""The documents the app prints, one module per kind. Each kind has a ``snapshot_<kind>``
function (the live rows, read through the other apps' selectors, to plain JSON data) and a
builder (that data to a :class:`reports.document.Document`, or to Excel sheets). Builders read
the snapshot only, so a stored snapshot renders the same document again at any time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from campaigns.models import LegalDocument
from cluster.text import shorten
from reports.models import DocumentKind, FileFormat, IssuedDocument

from .awards import build_submission, build_vote, snapshot_submission, snapshot_vote
from .common import Stamp, fingerprint
from .minutes import build_minutes, snapshot_minutes
from .pledge import build_pledge, snapshot_pledge
from .scores import build_scores, period_label, sheets_ranking, sheets_scores, snapshot_scores
from .summary import build_summary, snapshot_summary, subject_of


@dataclass(frozen=True)
class Spec:
    kind: str
    formats: tuple[str, ...]
    snapshot: Callable[..., dict]
    title: Callable[[dict], str]
    build: Callable[[dict, Stamp], object] | None = None
    sheets: Callable[[dict, Stamp], list] | None = None
    # The register kind when the secretariat issues the document with a number of the series.
    legal_kind: str | None = None

    @property
    def issuable(self) -> bool:
        return self.legal_kind is not None


def _summary_title(snapshot: dict) -> str:
    return f"Báo cáo {subject_of(snapshot['period'], snapshot['year']).lower()}"


def _minutes_title(snapshot: dict) -> str:
    """"Biên bản hội nghị ...": a conference's title may take the whole of the record's title
    field, so the record keeps what fits (the document prints the title in full)."""
    title = snapshot["title"]
    limit = IssuedDocument._meta.get_field("title").max_length
    return shorten(f"Biên bản {title[:1].lower()}{title[1:]}", limit)


DOCUMENT_FORMATS = (FileFormat.PDF, FileFormat.DOCX)

SPECS: dict[str, Spec] = {
    spec.kind: spec for spec in (
        Spec(DocumentKind.MIDYEAR_REPORT, DOCUMENT_FORMATS, snapshot_summary, _summary_title,
             build=build_summary, legal_kind=LegalDocument.Kind.REPORT),
        Spec(DocumentKind.YEAREND_REPORT, DOCUMENT_FORMATS, snapshot_summary, _summary_title,
             build=build_summary, legal_kind=LegalDocument.Kind.REPORT),
        Spec(DocumentKind.SCORES, (*DOCUMENT_FORMATS, FileFormat.XLSX), snapshot_scores,
             lambda s: f"Bảng tổng hợp kết quả chấm điểm thi đua {s['label']}",
             build=build_scores, sheets=sheets_scores),
        Spec(DocumentKind.RANKING, (FileFormat.XLSX,), snapshot_scores,
             lambda s: f"Kết quả xếp hạng thi đua {s['label']}", sheets=sheets_ranking),
        Spec(DocumentKind.PLEDGE, DOCUMENT_FORMATS, snapshot_pledge, lambda s: s["title"],
             build=build_pledge),
        Spec(DocumentKind.MINUTES, DOCUMENT_FORMATS, snapshot_minutes, _minutes_title,
             build=build_minutes, legal_kind=LegalDocument.Kind.MINUTES),
        Spec(DocumentKind.VOTE_MINUTES, DOCUMENT_FORMATS, snapshot_vote,
             lambda s: f"Biên bản họp bình xét, đề nghị khen thưởng năm {s['year']}",
             build=build_vote, legal_kind=LegalDocument.Kind.MINUTES),
        Spec(DocumentKind.SUBMISSION, DOCUMENT_FORMATS, snapshot_submission,
             lambda s: f"Tờ trình đề nghị khen thưởng năm {s['year']}",
             build=build_submission, legal_kind=LegalDocument.Kind.SUBMISSION),
    )
}


def render(spec: Spec, snapshot: dict, stamp: Stamp, file_format: str) -> bytes:
    """The file of one format; WeasyPrint, python-docx and openpyxl load only when used."""
    if file_format == FileFormat.XLSX and spec.sheets:
        from reports.xlsx import render_xlsx

        return render_xlsx(spec.sheets(snapshot, stamp))
    if file_format == FileFormat.PDF and spec.build:
        from reports.pdf import render_pdf

        return render_pdf(spec.build(snapshot, stamp)).pdf
    if file_format == FileFormat.DOCX and spec.build:
        from reports.docx import render_docx

        return render_docx(spec.build(snapshot, stamp))
    raise ValueError(f"{spec.kind} has no {file_format} rendering.")


__all__ = [
    "SPECS", "Spec", "Stamp", "fingerprint", "period_label", "render", "snapshot_minutes",
    "snapshot_pledge", "snapshot_scores", "snapshot_submission", "snapshot_summary",
    "snapshot_vote",
]
