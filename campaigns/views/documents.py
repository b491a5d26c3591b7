"""The cluster's register of documents: list, detail, record an existing one, issue a number."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from campaigns import selectors, services
from campaigns.forms import DocumentIssueForm, DocumentRegisterForm, DocumentValidityForm
from campaigns.models import LegalDocument
from campaigns.views.base import ServiceFormView, YearMixin, YearPage
from cluster.uploads import content_disposition


def _list_url(cluster, year) -> str:
    return reverse("campaigns:document-list", kwargs={"slug": cluster.slug, "year": year})


class DocumentListView(YearPage):
    template_name = "campaigns/document_list.html"
    section = "documents"

    def get_context_data(self, **kwargs):
        kind = self.request.GET.get("loai") or None
        if kind not in LegalDocument.Kind.values:
            kind = None
        return super().get_context_data(
            documents=selectors.document_list(cluster=self.cluster, kind=kind),
            kind=kind,
            kinds=LegalDocument.Kind.choices,
            last_number=selectors.series_last_number(cluster=self.cluster, year=self.year),
            **kwargs,
        )


class ClusterDocumentMixin:
    """``self.document``: the text of the URL, of this cluster's register (404 for another
    cluster's), found before the permission check of the page."""

    def get_permission_object(self):
        scope = super().get_permission_object()
        self.document = get_object_or_404(LegalDocument, pk=self.kwargs["pk"],
                                          cluster=self.cluster)
        return scope


class DocumentDetailView(ClusterDocumentMixin, YearPage):
    template_name = "campaigns/document_detail.html"
    section = "documents"

    def get_context_data(self, **kwargs):
        document = self.document
        return super().get_context_data(
            document=document,
            campaigns=list(document.cited_by_campaigns.order_by("-year", "name")),
            plans=list(document.plan_of_campaigns.order_by("-year", "name")),
            conferences=list(document.conferences.order_by("-starts_at")),
            **kwargs,
        )


class DocumentRegisterView(ServiceFormView):
    form_class = DocumentRegisterForm
    section = "documents"
    title = gettext_lazy("Vào sổ văn bản")

    def perform(self, form):
        return services.document_register(cluster=self.cluster, acting_user=self.request.user,
                                          **form.cleaned_data)

    def get_success_message(self):
        return _("Đã vào sổ: %(citation)s.") % {"citation": self.result.citation()}

    def get_success_url(self):
        return _list_url(self.cluster, self.year)


class DocumentIssueView(ServiceFormView):
    """The secretariat takes the next number of the cluster's series for the year."""

    form_class = DocumentIssueForm
    section = "documents"

    def get_title(self):
        return _("Cấp số văn bản của cụm năm %(year)s") % {"year": self.year}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "year": self.year}

    def get_initial(self):
        today = timezone.localdate()
        return {"issued_on": today if today.year == self.year else None}

    def get_context_data(self, **kwargs):
        last = selectors.series_last_number(cluster=self.cluster, year=self.year)
        return super().get_context_data(
            intro=_("Số cuối đã cấp trong năm %(year)s: %(last)s. Số được cấp liên tiếp theo "
                    "năm, chung cho mọi loại văn bản của cụm (ký hiệu …/%(code)s).")
            % {"year": self.year, "last": last or "—", "code": self.cluster.series_code},
            **kwargs,
        )

    def perform(self, form):
        return services.document_issue_in_series(
            cluster=self.cluster, acting_user=self.request.user, **form.cleaned_data
        )

    def get_success_message(self):
        return _("Đã cấp số %(number)s: %(citation)s.") % {
            "number": self.result.number_symbol, "citation": self.result.citation()}

    def get_success_url(self):
        return _list_url(self.cluster, self.year)


class DocumentValidityView(ClusterDocumentMixin, ServiceFormView):
    """The secretariat records a text's validity ("Sửa hiệu lực"): in force from, replaced
    by, expired on. 404 for a document of another cluster."""

    form_class = DocumentValidityForm
    section = "documents"

    def get_title(self):
        return _("Sửa hiệu lực: %(citation)s") % {"citation": self.document.citation()}

    def get_form_kwargs(self):
        documents = (LegalDocument.objects.filter(cluster=self.cluster)
                     .exclude(pk=self.document.pk).order_by("-issued_on", "-number"))
        return {**super().get_form_kwargs(), "documents": documents}

    def get_initial(self):
        return {"in_force_from": self.document.in_force_from,
                "expired_on": self.document.expired_on,
                "replaced_by": self.document.replaced_by}

    def perform(self, form):
        return services.document_validity_set(document=self.document, year=self.year,
                                              acting_user=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return _("Đã lưu hiệu lực của %(citation)s.") % {"citation": self.result.citation()}

    def get_success_url(self):
        return reverse("campaigns:document-detail", kwargs={
            "slug": self.cluster.slug, "year": self.year, "pk": self.document.pk})


class DocumentFileView(YearMixin, View):
    """The document's file, to those who may see the cluster; always as an attachment."""

    def get(self, request, *args, **kwargs):
        document = get_object_or_404(LegalDocument, pk=self.kwargs["pk"], cluster=self.cluster)
        if not document.file:
            raise Http404
        try:
            handle = document.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True)
        response["Content-Disposition"] = content_disposition(
            document.file_name or f"{document.number_symbol}"
        )
        return response
