"""The pages of an import from Excel (issue #13): upload → preview → confirm, and the downloads
of the template. Each app's import view names its parse and save functions; this module keeps
the flow: the uploaded file is stored server-side under a random token tied to the user's
session (``cluster.spreadsheets.pending_*``), the preview shows every row and every error, and
the confirmation (POST, one button disabled once pressed) re-reads the stored file and saves
it all in one transaction, or nothing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from cluster import spreadsheets
from cluster.mixins import ClusterYearMixin
from cluster.uploads import content_disposition

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        error_messages={"required": gettext_lazy("Vui lòng chọn tệp Excel để nhập.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_MIME)
    response["Content-Disposition"] = content_disposition(filename)
    return response


class ImportView(ClusterYearMixin, TemplateView):
    """Subclasses set ``kind``, ``title``, ``permission_required`` and implement ``preview``,
    ``save``, ``table`` (headers and rows of the preview), ``get_success_url``,
    ``template_url`` and ``done_message``."""

    template_name = "cluster/import.html"
    kind = ""
    title = ""

    def preview(self, data: bytes):
        raise NotImplementedError

    def save(self, data: bytes):
        raise NotImplementedError

    def table(self, preview) -> tuple[list[str], list[dict]]:
        raise NotImplementedError

    def summary(self, preview) -> list[str]:
        return []

    def template_url(self) -> str:
        raise NotImplementedError

    def done_message(self, result) -> str:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    @property
    def scope_key(self) -> str:
        return f"{self.cluster.pk}/{self.year}"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UploadForm())
        return super().get_context_data(
            title=self.title, template_url=self.template_url(), cancel_url=self.get_success_url(),
            **kwargs)

    def _render_preview(self, preview, token: str, errors: list[str] | None = None):
        headers, rows = self.table(preview)
        return self.render_to_response(self.get_context_data(
            preview=preview, headers=headers, rows=rows, token=token, summary=self.summary(preview),
            file_errors=[e for e in preview.errors if not e.row], save_errors=errors or []))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request.POST["token"])
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            data = spreadsheets.check_upload(form.cleaned_data["file"])
            preview = self.preview(data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
            return self.render_to_response(self.get_context_data(form=form))
        token = ""
        if preview.is_valid:
            token = spreadsheets.pending_store(request, kind=self.kind, scope=self.scope_key,
                                               data=data)
        return self._render_preview(preview, token)

    def confirm(self, token: str):
        data = spreadsheets.pending_load(self.request, token=token, kind=self.kind,
                                         scope=self.scope_key)
        if data is None:
            messages.error(self.request, _(
                "Tệp đã xem trước không còn (đã nhập xong hoặc quá hạn). Vui lòng tải tệp lên "
                "lại."))
            return redirect(self.request.path)
        try:
            result = self.save(data)
        except ValidationError as error:
            preview = self.preview(data)
            return self._render_preview(preview, "" if not preview.is_valid else token,
                                        errors=error.messages)
        spreadsheets.pending_drop(self.request, token=token)
        messages.success(self.request, self.done_message(result))
        return redirect(self.get_success_url())


class WorkbookView(ClusterYearMixin, View):
    """A download of an .xlsx workbook: ``workbook()`` and ``filename()``."""

    def workbook(self) -> bytes:
        raise NotImplementedError

    def filename(self) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return xlsx_response(self.workbook(), self.filename())


STATUS = {
    "new": gettext_lazy("Thêm mới"),
    "changed": gettext_lazy("Sửa"),
    "same": gettext_lazy("Không đổi"),
    "": "",
}


def _year_url(name: str, cluster, year) -> str:
    from django.urls import reverse

    return reverse(f"cluster:{name}", kwargs={"slug": cluster.slug, "year": year})


class MembersImportView(ImportView):
    """Members of the cluster and their people's accounts, by the secretariat of the year."""

    permission_required = "cluster.manage_members"
    kind = "members"

    @property
    def title(self):
        return _("Nhập thành viên và tài khoản năm %(year)s từ Excel") % {"year": self.year}

    def preview(self, data):
        from cluster.imports import members_preview

        return members_preview(cluster=self.cluster, year=self.year, data=data,
                               acting_user=self.request.user)

    def save(self, data):
        from cluster.imports import members_import

        return members_import(cluster=self.cluster, year=self.year, data=data,
                              acting_user=self.request.user,
                              base_url=self.request.build_absolute_uri("/"))

    def table(self, preview):
        headers = [_("Đơn vị"), _("Thành viên cụm"), _("Họ và tên"), _("Thư điện tử"),
                   _("Vai trò"), _("Chức vụ"), _("Tài khoản")]
        rows = [{
            "number": row.number, "errors": row.errors, "status": "",
            "cells": [row.unit or "", STATUS[row.membership] if row.unit else "", row.full_name,
                      row.email, row.role_name if row.email else "", row.job_title,
                      STATUS[row.account]],
        } for row in preview.rows]
        return headers, rows

    def summary(self, preview):
        return [_("%(members)s đơn vị thêm vào cụm; %(new)s tài khoản mới, %(changed)s tài "
                  "khoản sửa, %(same)s không đổi.") % {
            "members": len({r.unit.pk for r in preview.rows if r.membership == "new"}),
            **{s: preview.count("account", s) for s in ("new", "changed", "same")}}]

    def template_url(self):
        return _year_url("members-template", self.cluster, self.year)

    def done_message(self, result):
        invited = result.count("account", "new")
        sent = _(" Đã gửi thư mời đặt mật khẩu tới %(n)s tài khoản mới.") % {"n": invited} \
            if invited else ""
        return _("Đã nhập thành viên và tài khoản. ") + " ".join(self.summary(result)) + sent

    def get_success_url(self):
        return _year_url("year-home", self.cluster, self.year)


class MembersTemplateView(WorkbookView):
    permission_required = "cluster.manage_members"

    def workbook(self):
        from cluster.imports import members_workbook

        return members_workbook(cluster=self.cluster, year=self.year)

    def filename(self):
        return f"thanh-vien-{self.cluster.slug}-{self.year}.xlsx"
