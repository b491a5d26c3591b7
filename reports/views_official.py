"""The official copy (bản chính thức) of an issued document
(/cum/<cụm>/<năm>/van-ban/ban-hanh/<mã>/ban-chinh-thuc/): the chair unit's secretariat attaches
the PDF finished outside the app (scanned after it was signed and stamped), or replaces it;
readers of the cluster download it beside the rendered PDF and Word files."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from cluster.uploads import content_disposition

from . import selectors, services
from .forms import OfficialFileForm
from .views import YearMixin, download_name


class OfficialDocumentMixin(YearMixin):
    """The issued document of this cluster-year named by the code in the URL (404 else)."""

    def load_objects(self) -> None:
        self.document = selectors.issued_document_in_year(
            cluster=self.cluster, year=self.year,
            code=services.normalise_code(self.kwargs["code"]))
        if self.document is None:
            raise Http404("Không tìm thấy văn bản đã ban hành.")


class OfficialFileView(OfficialDocumentMixin, TemplateView):
    """The page of a document's official copy: the one in force, those it replaced, and the
    form to attach (or replace) it."""

    permission_required = "reports.prepare_documents"
    template_name = "reports/official_file.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        officials = list(self.document.official_files.all())
        context.update(document=self.document, officials=officials,
                       current=next((f for f in officials if f.is_current), None),
                       form=kwargs.get("form") or OfficialFileForm(),
                       max_megabytes=services.official_max_bytes() // (1024 * 1024))
        return context

    def post(self, request, *args, **kwargs):
        form = OfficialFileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attach = services.official_file_attach(
                    document=self.document, uploaded_file=form.cleaned_data["file"],
                    acting_user=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                for text in error.messages:
                    form.add_error("file", text)
            else:
                if not attach.created:
                    messages.info(request, _("Tệp này đã là bản chính thức của văn bản; "
                                             "không có gì thay đổi."))
                elif attach.replaced is not None:
                    messages.success(request, _(
                        "Đã thay bản chính thức của văn bản số %(number)s; bản trước vẫn được "
                        "lưu.") % {"number": self.document.number_symbol})
                else:
                    messages.success(request, _(
                        "Đã đính kèm bản chính thức của văn bản số %(number)s.")
                        % {"number": self.document.number_symbol})
                return redirect(reverse("reports:official", args=[
                    self.cluster.slug, self.year, self.document.verification_code]))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OfficialFileDownloadView(OfficialDocumentMixin, View):
    """One official copy as a PDF attachment: the one in force for every reader of the
    cluster, a replaced one for the secretariat only (it is kept, not offered)."""

    permission_required = "reports.view_documents"

    def get(self, request, *args, **kwargs):
        row = next((f for f in self.document.official_files.all() if f.pk == kwargs["pk"]),
                   None)
        if row is None or not (row.is_current or self.has("reports.prepare_documents")):
            raise Http404("Không tìm thấy bản chính thức.")
        response = FileResponse(row.file.open("rb"), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition(
            download_name(self.document, "pdf", official=True))
        response["Cache-Control"] = "private, no-cache"
        response["ETag"] = f'"{row.sha256}"'
        return response
