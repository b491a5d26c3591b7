"""Pages of the documents a cluster prints (/cum/<cụm>/<năm>/van-ban/): the list, one-click
downloads, issuing with a number. Public verification is in ``views_verify``."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView, View

from campaigns.selectors import conference_get, conference_list
from cluster.converters import period_slug
from cluster.mixins import ClusterYearMixin
from cluster.models import Cluster
from cluster.uploads import content_disposition
from commendations.selectors import session_get, session_list
from pledges.selectors import pledge_get
from results.models import ReportingPeriod
from results.selectors import period_get, period_list

from . import selectors, services
from .forms import IssueForm
from .kinds import SPECS
from .models import DocumentKind, FileFormat, IssuedDocument

SUMMARY_KINDS = {ReportingPeriod.Kind.MID_YEAR: DocumentKind.MIDYEAR_REPORT,
                 ReportingPeriod.Kind.YEAR_END: DocumentKind.YEAREND_REPORT}
# The documents of a closed bình xét on the list page: (id part, label, download, issue).
AWARD_DOCUMENTS = [
    ("bien-ban", DocumentKind.VOTE_MINUTES.label, "reports:vote-minutes",
     "reports:vote-minutes-issue"),
    ("to-trinh", DocumentKind.SUBMISSION.label, "reports:submission", "reports:submission-issue"),
]
MIME = {
    FileFormat.PDF: "application/pdf",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def verify_url_for(request):
    def verify_url(code: str) -> str:
        return request.build_absolute_uri(reverse("verify:page", args=[code]))

    return verify_url


#: The longest download name, extension included (``cluster.uploads.display_name`` cuts at 120
#: from the end, which would cut the number off: the title is shortened here instead).
DOWNLOAD_NAME_MAX = 118
_NOT_NAME = re.compile(r"[^\w]+")
_NOT_SYMBOL = re.compile(r"[^\w-]+")


def download_name(document: IssuedDocument, extension: str, *, official: bool = False) -> str:
    """The file name a download is saved under: the full number and symbol first, the
    Vietnamese letters kept ("614_BB-CTĐ_Biên-bản-hội-nghị-….pdf"; "Dự-thảo_Báo-cáo-….docx"
    before a number is given; "Bản-chính-thức" after the number for the official copy). The
    title is cut at a word, never the number. ``content_disposition`` adds the ASCII
    fallback ("614_BB-CTD_Bien-ban-…")."""
    if document.number_symbol:
        parts = [_NOT_SYMBOL.sub("_", document.number_symbol).strip("_")]
    elif SPECS[document.kind].issuable:
        parts = ["Dự-thảo"]
    else:
        parts = []
    if official:
        parts.append("Bản-chính-thức")
    words = [w for w in _NOT_NAME.sub(" ", document.title).split() if w]
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
    room = DOWNLOAD_NAME_MAX - len(extension) - 1 - sum(len(p) + 1 for p in parts)
    title = ""
    for word in words:
        longer = f"{title}-{word}" if title else word
        if len(longer) > room:
            break
        title = longer
    if title:
        parts.append(title)
    return f"{'_'.join(parts) or 'van-ban'}.{extension}"


def file_response(row, document: IssuedDocument) -> FileResponse:
    """The stored bytes, always as an attachment, named after the document's number and title
    (``download_name``; RFC 5987 ``filename*`` in UTF-8 with an ASCII ``filename``)."""
    response = FileResponse(row.file.open("rb"), content_type=MIME[row.format])
    response["Content-Disposition"] = content_disposition(download_name(document, row.format))
    response["Cache-Control"] = "private, no-cache"
    response["ETag"] = f'"{row.sha256}"'
    return response


class YearMixin(ClusterYearMixin):
    permission_required = "reports.view_documents"


class DocumentListView(YearMixin, TemplateView):
    template_name = "reports/document_list.html"

    def get_context_data(self, **kwargs):
        can_prepare = self.has("reports.prepare_documents")
        issued: dict[str, list[IssuedDocument]] = {}
        for document in selectors.issued_list(cluster=self.cluster, year=self.year):
            issued.setdefault(document.object_ref, []).append(document)
        periods = [{
            "period": period, "slug": period_slug(period.kind),
            "results": self.has("reports.view_results", period),
            "issued": issued.get(services.object_ref(period), []),
        } for period in period_list(cluster=self.cluster, year=self.year)]
        conferences = [{"conference": c, "issued": issued.get(services.object_ref(c), [])}
                       for c in conference_list(cluster=self.cluster, year=self.year)]
        sessions = [{"session": s, "issued": issued.get(services.object_ref(s), [])}
                    for s in session_list(cluster=self.cluster, year=self.year) if s.is_closed]
        pledge = pledge_get(cluster=self.cluster, year=self.year)
        context = super().get_context_data(**kwargs)
        context.update(
            cluster=self.cluster, year=self.year, can_prepare=can_prepare, periods=periods,
            conferences=conferences, sessions=sessions, award_documents=AWARD_DOCUMENTS,
            pledge=pledge if pledge and self.has("pledges.view_pledge") else None)
        return context


class DownloadView(YearMixin, View):
    """One click: the document with the data as it is now, rendered only if that data has
    not been rendered before."""

    def get_target(self):
        raise NotImplementedError

    def get_spec(self):
        raise NotImplementedError

    def get_permission_object(self):
        scope = super().get_permission_object()
        self.target = self.get_target()
        if self.target is None:
            raise Http404("Không tìm thấy văn bản.")
        return self.target_permission_object(scope)

    def target_permission_object(self, scope):
        return scope

    def get(self, request, *args, **kwargs):
        spec = self.get_spec()
        if kwargs["fmt"] not in spec.formats:
            raise Http404("Văn bản không có định dạng này.")
        draft = services.document_draft_file(
            spec=spec, target=self.target, cluster=self.cluster, year=self.year,
            file_format=kwargs["fmt"], acting_user=request.user,
            verify_url=verify_url_for(request))
        return file_response(draft.file, draft.document)


def _in_cluster(target, cluster: Cluster):
    """The target with its cluster set to the one already read (one query less per
    download; the snapshot reads the cluster's name and series)."""
    if target is not None:
        target.cluster = cluster
    return target


class PeriodMixin:
    def get_target(self):
        return _in_cluster(period_get(cluster=self.cluster, year=self.year,
                                      kind=self.kwargs["period"]), self.cluster)


class SummaryDownloadView(PeriodMixin, DownloadView):
    permission_required = "reports.prepare_documents"

    def get_spec(self):
        return SPECS[SUMMARY_KINDS[self.target.kind]]


class ScoresDownloadView(PeriodMixin, DownloadView):
    permission_required = "reports.view_results"
    kind = DocumentKind.SCORES

    def target_permission_object(self, scope):
        return self.target

    def get_spec(self):
        return SPECS[self.kind]


class RankingDownloadView(ScoresDownloadView):
    kind = DocumentKind.RANKING


class PledgeDownloadView(DownloadView):
    permission_required = "pledges.view_pledge"

    def get_target(self):
        return pledge_get(cluster=self.cluster, year=self.year)

    def get_spec(self):
        return SPECS[DocumentKind.PLEDGE]


class ConferenceMixin:
    def get_target(self):
        return _in_cluster(conference_get(cluster=self.cluster, year=self.year,
                                          pk=self.kwargs["pk"]), self.cluster)

    def get_spec(self):
        return SPECS[DocumentKind.MINUTES]


class MinutesDownloadView(ConferenceMixin, DownloadView):
    permission_required = "reports.prepare_documents"


class SessionMixin:
    """A closed bình xét: only a closed session has a fixed tally to print."""

    kind = DocumentKind.VOTE_MINUTES

    def get_target(self):
        session = session_get(cluster=self.cluster, year=self.year, pk=self.kwargs["pk"])
        return session if session is not None and session.is_closed else None

    def get_spec(self):
        return SPECS[self.kind]


class VoteMinutesDownloadView(SessionMixin, DownloadView):
    permission_required = "reports.prepare_documents"


class SubmissionDownloadView(VoteMinutesDownloadView):
    kind = DocumentKind.SUBMISSION


class IssueView(DownloadView):
    """The secretariat issues the report of a period or the minutes of a conference: a number
    of the cluster's series, the data frozen and the PDF rendered, in one transaction (the
    verification page knows the file's fingerprint from the start). Not inside the request's
    transaction (see urls): the service holds its own. A second click on the same data gets
    the document the first one issued."""

    permission_required = "reports.prepare_documents"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        spec = self.get_spec()
        form = IssueForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.list_url())
        try:
            issue = services.document_issue(
                spec=spec, target=self.target, cluster=self.cluster, year=self.year,
                issued_on=form.cleaned_data["issued_on"], acting_user=request.user,
                verify_url=verify_url_for(request))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return redirect(self.list_url())
        document = issue.document
        if issue.created:
            messages.success(request,
                             f"Đã ban hành {document.title}, số {document.number_symbol}.")
        else:
            messages.info(request,
                          f"{document.title[:1].upper()}{document.title[1:]} đã ban hành số "
                          f"{document.number_symbol} ngày {document.issued_on:%d/%m/%Y} với "
                          "đúng dữ liệu hiện tại; không cấp số mới.")
        return redirect(self.list_url())

    def list_url(self) -> str:
        return reverse("reports:list", args=[self.cluster.slug, self.year])


class SummaryIssueView(PeriodMixin, IssueView):
    def get_spec(self):
        return SPECS[SUMMARY_KINDS[self.target.kind]]


class MinutesIssueView(ConferenceMixin, IssueView):
    pass


class VoteMinutesIssueView(SessionMixin, IssueView):
    pass


class SubmissionIssueView(SessionMixin, IssueView):
    kind = DocumentKind.SUBMISSION


class IssuedFileView(YearMixin, View):
    """A file of an issued version: what was issued, whatever the data has become since."""

    def get(self, request, *args, **kwargs):
        document = get_object_or_404(
            IssuedDocument, cluster=self.cluster, year=self.year, number__isnull=False,
            verification_code=services.normalise_code(kwargs["code"]))
        if kwargs["fmt"] not in SPECS[document.kind].formats:
            raise Http404("Văn bản không có định dạng này.")
        if kwargs["fmt"] == FileFormat.PDF:  # signed (issue #18): the newest signed PDF
            signed = document.signatures.order_by("-order").first()
            if signed is not None:
                return file_response(signed, document)
        row = services.document_file(document=document, file_format=kwargs["fmt"],
                                     verify_url=verify_url_for(request))
        return file_response(row, document)
