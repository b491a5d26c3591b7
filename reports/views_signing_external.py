"""Signing an issued document on the person's own USB token
(/cum/<cụm>/<năm>/van-ban/ban-hanh/<mã>/ky-so/token-rieng/, issue #18, docs/signatures-keys.md).

Two steps for the person printed in the signature block, nobody else (404):

1. they upload their certificate (.cer/.pem); the server prepares the PDF and keeps the sealed
   state in their session for 15 minutes; the page offers what the token signs (the signed
   attributes, to download, and their SHA-256, to copy) and the document's digest;
2. they upload what the token's software gave back (a raw signature or a .p7s CMS, binary or
   base64); the server checks it and records the signature, or says in Vietnamese why not.
"""

from __future__ import annotations

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from cluster.permissions import allowed
from signatures import external

from . import services_external_signing, services_signing
from .models import DocumentSignature
from .templatetags.signing_keys import pkcs11_configured
from .views_official import OfficialDocumentMixin

MAX_UPLOAD = 64 * 1024  # a certificate or a CMS with its chain is a few KiB


class ExternalSigningView(OfficialDocumentMixin, TemplateView):
    template_name = "reports/signing_external.html"

    def load_objects(self) -> None:
        super().load_objects()
        # The rules themselves, without Django's "a superuser has every permission": the key
        # is the signer's own, an administrator may not sign with it either.
        if not allowed(self.request.user, "reports.sign_as_person", self.document):
            raise Http404("Không tìm thấy trang.")

    @property
    def session_key(self) -> str:
        return f"signatures.external.{self.document.pk}"

    def _prepared(self) -> external.PreparedSigning | None:
        text = self.request.session.get(self.session_key)
        if not text:
            return None
        try:
            prepared = external.PreparedSigning.loads(text)
        except ValidationError:
            self._forget()
            return None
        if timezone.now() > prepared.expires_at():
            self._forget()
            messages.info(self.request, _("Phiên ký trước đã hết hạn; hãy chuẩn bị ký lại."))
            return None
        return prepared

    def _forget(self) -> None:
        self.request.session.pop(self.session_key, None)

    def _back(self):
        return redirect(reverse("reports:signing-external", args=[
            self.cluster.slug, self.year, self.document.verification_code]))

    def get(self, request, *args, **kwargs):
        if request.GET.get("tai") == "du-lieu-ky":
            prepared = self._prepared()
            if prepared is None:
                return self._back()
            response = HttpResponse(prepared.data_to_sign, content_type="application/octet-stream")
            response["Content-Disposition"] = (
                f'attachment; filename="{self.document.verification_code}-du-lieu-ky.der"')
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        signed = self.document.signatures.filter(role=DocumentSignature.Role.PERSON).exists()
        prepared = None if signed else self._prepared()
        context.update(
            document=self.document, signed=signed, prepared=prepared,
            signer=services_signing.printed_chair(self.document).get("signer", ""),
            max_kib=MAX_UPLOAD // 1024)
        if prepared is not None:
            cert = external.load_certificate(prepared.signer_cert)
            context.update(
                certificate=cert.subject.human_friendly,
                expires_at=prepared.expires_at(),
                digest_hex=prepared.digest_to_sign.hex(),
                document_digest_hex=prepared.document_digest.hex(),
                data_base64=base64.b64encode(prepared.data_to_sign).decode("ascii"))
        return context

    def _upload(self, name: str, text_name: str | None = None) -> bytes:
        uploaded = self.request.FILES.get(name)
        if uploaded is not None:
            if uploaded.size > MAX_UPLOAD:
                raise ValidationError(_("Tệp quá lớn (tối đa %(kib)s KiB).")
                                      % {"kib": MAX_UPLOAD // 1024})
            return uploaded.read()
        text = (self.request.POST.get(text_name, "") if text_name else "").strip()
        if len(text) > 2 * MAX_UPLOAD:
            raise ValidationError(_("Nội dung dán vào quá dài."))
        return text.encode("ascii", "ignore")

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "prepare":
                certificate = self._upload("certificate")
                if not certificate:
                    raise ValidationError(_("Hãy chọn tệp chứng thư số của đồng chí."))
                prepared = services_external_signing.document_prepare_person_external(
                    document=self.document, acting_user=request.user, certificate=certificate)
                request.session[self.session_key] = prepared.dumps()
                messages.success(request, _("Đã chuẩn bị văn bản để ký: hãy ký dữ liệu bằng "
                                            "token và gửi chữ ký trong 15 phút."))
            elif action == "finish":
                prepared = self._prepared()
                if prepared is None:
                    raise ValidationError(_("Chưa chuẩn bị ký, hoặc phiên ký đã hết hạn: hãy "
                                            "chuẩn bị ký lại."))
                services_external_signing.document_finish_person_external(
                    document=self.document, acting_user=request.user, prepared=prepared,
                    signature=self._upload("signature", "signature_text"))
                self._forget()
                messages.success(request, _("Đã ký số văn bản số %(number)s bằng token của "
                                            "đồng chí.") % {"number": self.document.number_symbol})
                return redirect(reverse("reports:signing", args=[
                    self.cluster.slug, self.year, self.document.verification_code]))
            elif action == "restart":
                self._forget()
            else:
                raise Http404
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return self._back()


class BodyTokenSigningView(OfficialDocumentMixin, View):
    """POST only: the issuing body's signature with the server's token or HSM, by the văn thư
    (the chair unit's secretariat); 404 to anyone else, and when no token is configured."""

    http_method_names = ["post"]

    def load_objects(self) -> None:
        super().load_objects()
        if not allowed(self.request.user, "reports.sign_as_body", self.document):
            raise Http404("Không tìm thấy trang.")
        if not pkcs11_configured():
            raise Http404("Không tìm thấy trang.")

    def post(self, request, *args, **kwargs):
        try:
            services_external_signing.document_sign_body_with_token(
                document=self.document, acting_user=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Đã ký số của cơ quan lên văn bản số %(number)s bằng "
                                        "token của máy chủ.")
                             % {"number": self.document.number_symbol})
        return redirect(reverse("reports:signing", args=[
            self.cluster.slug, self.year, self.document.verification_code]))
