"""Digital signing of an issued document (/cum/<cụm>/<năm>/van-ban/ban-hanh/<mã>/ky-so/,
issue #18): the page shows the document's signatures and, to whoever may, the button for the
next one: the person with authority signs, then the văn thư applies the body's signature.
Readers of the cluster see the page; an action without its permission answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cluster.permissions import allowed

from . import services_signing
from .models import DocumentSignature
from .views_official import OfficialDocumentMixin


class SigningView(OfficialDocumentMixin, TemplateView):
    template_name = "reports/signing.html"

    def may(self, permission: str) -> bool:
        """The signing permissions as the services check them: no superuser bypass (an admin
        holds no one's key)."""
        return allowed(self.request.user, permission, self.document)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        signatures = list(self.document.signatures.select_related("signed_by"))
        roles = {s.role for s in signatures}
        context.update(
            document=self.document, signatures=signatures,
            can_sign_person=(DocumentSignature.Role.PERSON not in roles
                             and self.may("reports.sign_as_person")),
            can_sign_body=(DocumentSignature.Role.PERSON in roles
                           and DocumentSignature.Role.BODY not in roles
                           and self.may("reports.sign_as_body")),
            signer=services_signing.printed_chair(self.document).get("signer", ""),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "person":
            if not self.may("reports.sign_as_person"):
                raise Http404
            service, done = services_signing.document_sign_person, _(
                "Đã ký số văn bản số %(number)s.")
        elif action == "body":
            if not self.may("reports.sign_as_body"):
                raise Http404
            service, done = services_signing.document_sign_body, _(
                "Đã ký số của cơ quan lên văn bản số %(number)s.")
        else:
            raise Http404
        try:
            service(document=self.document, acting_user=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, done % {"number": self.document.number_symbol})
        return redirect(reverse("reports:signing", args=[
            self.cluster.slug, self.year, self.document.verification_code]))
