"""Past honours of units and their people from Excel: import with a preview, the template."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cluster.import_views import STATUS, ImportView, WorkbookView
from commendations import imports

HONOUR_STATUS = {**STATUS, "granted": gettext_lazy("Đã có trong lịch sử (theo quyết định đã "
                                                   "ghi nhận), không nhập lại")}


def _url(name: str, cluster, year) -> str:
    return reverse(f"commendations:{name}", kwargs={"slug": cluster.slug, "year": year})


class HonoursImportView(ImportView):
    permission_required = "commendations.manage_year"
    kind = "past-honours"
    section = "overview"

    @property
    def title(self):
        return _("Nhập khen thưởng đã có của đơn vị, cá nhân từ Excel")

    def preview(self, data):
        return imports.honours_preview(cluster=self.cluster, year=self.year, data=data)

    def save(self, data):
        return imports.honours_import(cluster=self.cluster, year=self.year, data=data,
                                      acting_user=self.request.user)

    def table(self, preview):
        headers = [_("Đơn vị"), _("Cá nhân"), _("Hình thức khen thưởng"), _("Năm"),
                   _("Quyết định")]
        rows = [{
            "number": row.number, "errors": row.errors, "status": HONOUR_STATUS[row.status],
            "cells": [row.unit or "", row.person_name, row.award or "", row.honour_year,
                      " ".join(part for part in (
                          row.decision_number,
                          f"{row.decision_date:%d/%m/%Y}" if row.decision_date else "",
                          row.issuing_body) if part)],
        } for row in preview.rows]
        return headers, rows

    def summary(self, preview):
        return [_("%(new)s khen thưởng mới, %(changed)s sửa, %(same)s không đổi, %(granted)s "
                  "đã có theo quyết định đã ghi nhận.") % {
            s: preview.count(s) for s in ("new", "changed", "same", "granted")}]

    def template_url(self):
        return _url("honours-template", self.cluster, self.year)

    def done_message(self, result):
        return _("Đã nhập khen thưởng đã có: ") + " ".join(self.summary(result))

    def get_success_url(self):
        return _url("overview", self.cluster, self.year)


class HonoursTemplateView(WorkbookView):
    permission_required = "commendations.manage_year"

    def workbook(self):
        return imports.honours_workbook(cluster=self.cluster, year=self.year)

    def filename(self):
        return f"mau-khen-thuong-da-co-{self.year}.xlsx"
