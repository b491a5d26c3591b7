"""The public verification page (/xac-minh/<mã>/), no login: which body issued the document
with this code (its name as printed, from the frozen snapshot) and when, the fingerprints of
its files and of its official copy, and a check of an uploaded file against all of them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.generic import View

from signatures import selectors as signature_selectors

from . import selectors, services
from .forms import VerifyForm
from .models import FileFormat
from .views import verify_url_for

TEMPLATE = "reports/verify.html"


def issuing_body(document) -> dict:
    """The issuing body as printed on the document, from its frozen snapshot: the cluster's
    name then, and its chair unit then ("Cụm trưởng"/"Khối trưởng"); today's name of the
    cluster only for a snapshot without one."""
    snapshot = document.snapshot if isinstance(document.snapshot, dict) else {}
    cluster = snapshot.get("cluster") if isinstance(snapshot.get("cluster"), dict) else {}
    chair = snapshot.get("chair") if isinstance(snapshot.get("chair"), dict) else {}
    return {"name": cluster.get("name") or document.cluster.name,
            "chair": chair.get("unit") or "", "block": bool(cluster.get("block"))}


class VerifyLookupView(View):
    """The code as read from paper: /xac-minh/?ma=ABCD-EFGH-JK goes to its page."""

    def get(self, request):
        code = services.normalise_code(request.GET.get("ma", ""))
        if code:
            return redirect("verify:page", code=code)
        return render(request, TEMPLATE, {"document": None})


class VerifyView(View):
    def dispatch(self, request, *args, **kwargs):
        code = services.normalise_code(kwargs["code"])
        if code != kwargs["code"]:
            return redirect("verify:page", code=code)
        self.document = selectors.document_for_verification(code=code)
        if self.document is None:
            raise Http404("Không có văn bản nào mang mã xác thực này.")
        return super().dispatch(request, *args, **kwargs)

    def stored_signatures(self):
        """The signatures of the stored signed original (issue #18), validated now."""
        signed = self.document.signatures.order_by("-order").first()
        if signed is None:
            return None
        with signed.file.open("rb") as handle:
            return signature_selectors.validate_pdf_signatures(handle.read())

    def page(self, request, form, check=None, status=200, upload_report=None):
        files = list(self.document.files.all())
        if self.document.is_issued and not any(f.format == FileFormat.PDF for f in files):
            # Issued before issuing was atomic, and the rendering failed: render it now, from
            # the frozen snapshot, so the number vouches for a file.
            services.document_file(document=self.document, file_format=FileFormat.PDF,
                                   verify_url=verify_url_for(request))
            files = list(self.document.files.order_by("format"))
        officials = list(self.document.official_files.all())
        context = {"document": self.document, "files": files, "form": form, "check": check,
                   "issuer": issuing_body(self.document), "officials": officials,
                   "official": next((f for f in officials if f.is_current), None),
                   "stored_report": self.stored_signatures(), "upload_report": upload_report}
        return render(request, TEMPLATE, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.page(request, VerifyForm())

    def post(self, request, *args, **kwargs):
        form = VerifyForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(request, form, status=400)
        try:
            check = services.verification_check(document=self.document,
                                                uploaded_file=form.cleaned_data["file"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
            return self.page(request, form, status=400)
        upload = form.cleaned_data["file"]
        upload.seek(0)
        head = upload.read(5)
        upload_report = None
        if head == b"%PDF-":  # a PDF: its digital signatures, if any
            upload.seek(0)
            upload_report = signature_selectors.validate_pdf_signatures(upload.read())
        return self.page(request, VerifyForm(), check=check, upload_report=upload_report)
