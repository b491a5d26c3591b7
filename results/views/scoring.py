"""The secretariat's pages of issue #17's scoring rules: a period's grid of units' own targets
with its criteria not applicable to units, and the year's ranking rule with its bands. Only
``campaigns.manage_year`` (the secretariat of the year, admins); everyone else: 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from campaigns.views.base import ManageMixin
from cluster.converters import period_slug
from cluster.mixins import add_service_errors
from results.forms.scoring import BAND_ROWS, NotApplicableForm, TargetGridForm, YearRulesForm
from results.models import NotApplicable, ReportingPeriod
from results.selectors import scoring as selectors
from results.services import scoring as services
from results.views.results import PeriodMixin, results_url


class TargetGridView(PeriodMixin, FormView):
    """Units × quantitative criteria of the period, one form; and the criteria marked not
    applicable to a unit, with the form to mark one."""

    template_name = "results/scoring_targets.html"
    form_class = TargetGridForm
    permission_required = "campaigns.manage_year"

    def grid(self):
        if not hasattr(self, "_grid"):
            self._grid = selectors.target_grid(period=self.period)
        return self._grid

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "grid": self.grid()}

    def na_form(self, data=None):
        grid = self.grid()
        return NotApplicableForm(data, units=[row.unit for row in grid.rows],
                                 criteria=grid.leaves_and_groups, prefix="na")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            grid=self.grid(), na_form=kwargs.pop("na_form", None) or self.na_form(),
            final=self.period.phase == ReportingPeriod.Phase.FINAL, **kwargs)

    def post(self, request, *args, **kwargs):
        if "na-unit" in request.POST:
            return self.add_not_applicable()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            changed = services.targets_save(period=self.period, values=form.values(),
                                            acting_user=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu chỉ tiêu của các đơn vị (%(n)s thay đổi).")
                         % {"n": changed})
        return redirect(results_url("targets", self.period))

    def add_not_applicable(self):
        form = self.na_form(self.request.POST)
        if form.is_valid():
            units = {row.unit.pk: row.unit for row in self.grid().rows}
            criteria = {c.pk: c for c in self.grid().leaves_and_groups}
            try:
                services.not_applicable_add(
                    period=self.period, unit=units[form.cleaned_data["unit"]],
                    criterion=criteria[form.cleaned_data["criterion"]],
                    reason=form.cleaned_data["reason"], acting_user=self.request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(self.request, _("Đã ghi tiêu chí không áp dụng cho đơn vị."))
                return redirect(results_url("targets", self.period))
        return self.render_to_response(self.get_context_data(form=self.get_form_class()(
            initial=self.get_initial(), grid=self.grid()), na_form=form))


class NotApplicableRemoveView(PeriodMixin, View):
    """POST only: the criterion applies to the unit again."""

    permission_required = "campaigns.manage_year"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        mark = NotApplicable.objects.filter(period=self.period, pk=kwargs["pk"]).select_related(
            "period__cluster").first()
        if mark is None:
            raise Http404("Không tìm thấy trang.")
        try:
            services.not_applicable_remove(mark=mark, acting_user=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Tiêu chí đã được áp dụng lại cho đơn vị."))
        return redirect(results_url("targets", self.period))


class YearRulesView(ManageMixin, FormView):
    """The year's ranking rule (points or percentage of the applicable maximum) and bands."""

    template_name = "results/scoring_rules.html"
    form_class = YearRulesForm
    section = "results"

    def existing(self):
        if not hasattr(self, "_bands"):
            self._bands = selectors.bands(cluster=self.cluster, year=self.year)
        return self._bands

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rows": max(BAND_ROWS, len(self.existing()) + 2)}

    def get_initial(self):
        rule = selectors.year_scoring(cluster=self.cluster, year=self.year)
        initial = {"ranking_basis": rule.ranking_basis, "band_basis": rule.band_basis}
        for index, band in enumerate(self.existing()):
            initial[f"band_{index}"] = band.name
            initial[f"bound_{index}"] = selectors._plain(band.lower_bound)
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            periods=[(p, period_slug(p.kind)) for p in ReportingPeriod.objects.filter(
                cluster=self.cluster, year=self.year).order_by("kind")], **kwargs)

    def form_valid(self, form):
        try:
            services.year_rules_save(
                cluster=self.cluster, year=self.year, acting_user=self.request.user,
                ranking_basis=form.cleaned_data["ranking_basis"],
                band_basis=form.cleaned_data["band_basis"], bands=form.bands())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu cách xếp hạng và các mức xếp loại của năm."))
        return redirect(reverse("results:year-rules", kwargs={"slug": self.cluster.slug,
                                                              "year": self.year}))
