"""The criteria table from and to Excel: import with a preview, the template, the export."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns import imports
from cluster.import_views import STATUS, ImportView, WorkbookView


def _url(name: str, cluster, year) -> str:
    return reverse(f"campaigns:{name}", kwargs={"slug": cluster.slug, "year": year})


class CriteriaImportView(ImportView):
    permission_required = "campaigns.manage_year"
    kind = "criteria"
    section = "criteria"

    @property
    def title(self):
        return _("Nhập bảng tiêu chí năm %(year)s từ Excel") % {"year": self.year}

    def preview(self, data):
        return imports.criteria_preview(cluster=self.cluster, year=self.year, data=data)

    def save(self, data):
        return imports.criteria_import(cluster=self.cluster, year=self.year, data=data,
                                       acting_user=self.request.user)

    def table(self, preview):
        headers = [_("Mã"), _("Tiêu chí cha"), _("Tên tiêu chí"), _("Cách tính điểm"),
                   _("Điểm tối đa"), _("Chỉ tiêu"), _("Minh chứng")]
        rows = [{
            "number": row.number, "errors": row.errors, "status": STATUS[row.status],
            "cells": [row.code, row.parent_code, row.fields.get("name"), row.kind_name,
                      row.fields.get("max_points"), row.fields.get("target"),
                      _("Có") if row.fields.get("evidence_required") else ""],
        } for row in preview.rows]
        return headers, rows

    def summary(self, preview):
        return [_("%(new)s tiêu chí mới, %(changed)s tiêu chí sửa, %(same)s tiêu chí không "
                  "đổi.") % {s: preview.count(s) for s in ("new", "changed", "same")}]

    def template_url(self):
        return _url("criteria-template", self.cluster, self.year)

    def done_message(self, result):
        return _("Đã nhập bảng tiêu chí: %(new)s mới, %(changed)s sửa, %(same)s không đổi.") % {
            s: result.count(s) for s in ("new", "changed", "same")}

    def get_success_url(self):
        return _url("criteria", self.cluster, self.year)


class CriteriaTemplateView(WorkbookView):
    permission_required = "campaigns.manage_year"

    def workbook(self):
        return imports.criteria_workbook(cluster=self.cluster, year=self.year, with_rows=False)

    def filename(self):
        return f"mau-tieu-chi-{self.year}.xlsx"


class CriteriaExportView(WorkbookView):
    permission_required = "campaigns.view_year"

    def workbook(self):
        return imports.criteria_workbook(cluster=self.cluster, year=self.year, with_rows=True)

    def filename(self):
        return f"tieu-chi-{self.cluster.slug}-{self.year}.xlsx"
