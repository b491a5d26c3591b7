"""The criteria tree of a cluster-year."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors, services
from campaigns.forms import CriterionForm
from campaigns.models import Criterion
from campaigns.views.base import ServiceActionView, ServiceFormView, YearPage


def _tree_url(cluster, year) -> str:
    return reverse("campaigns:criteria", kwargs={"slug": cluster.slug, "year": year})


class CriteriaTreeView(YearPage):
    template_name = "campaigns/criteria_tree.html"
    section = "criteria"

    def get_context_data(self, **kwargs):
        tree = selectors.criteria_tree(cluster=self.cluster, year=self.year)
        previous = 0
        if not tree.rows:
            previous = selectors.criteria_count(cluster=self.cluster, year=self.year - 1)
        return super().get_context_data(
            tree=tree,
            previous_count=previous,
            has_illustrative=any(row.is_illustrative for row in tree.rows),
            **kwargs,
        )


class CriterionFormMixin:
    form_class = CriterionForm
    section = "criteria"

    def get_form_kwargs(self):
        parents = Criterion.objects.filter(
            cluster=self.cluster, year=self.year, kind=Criterion.Kind.GROUP
        )
        if getattr(self, "criterion", None):
            parents = parents.exclude(pk=self.criterion.pk)
        # The groups of this cluster-year, read once, in code order; the field keeps the
        # queryset to validate a choice that is posted.
        self._parents = sorted(parents, key=lambda c: c.sort_key)
        form_kwargs = super().get_form_kwargs()
        form_kwargs["parents"] = parents
        return form_kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        field = form.fields["parent"]
        field.choices = [("", field.empty_label)] + [
            (c.pk, field.label_from_instance(c)) for c in self._parents
        ]
        return form

    def form_fields(self, form) -> dict:
        data = dict(form.cleaned_data)
        data["kind"] = data.get("kind") or Criterion.Kind.GROUP
        return data

    def get_success_url(self):
        return _tree_url(self.cluster, self.year)


class CriterionCreateView(CriterionFormMixin, ServiceFormView):
    title = gettext_lazy("Thêm tiêu chí")

    def get_initial(self):
        parent = self.request.GET.get("cha")
        return {"parent": parent} if parent and parent.isdigit() else {}

    def perform(self, form):
        return services.criterion_save(cluster=self.cluster, year=self.year,
                                       acting_user=self.request.user, **self.form_fields(form))

    def get_success_message(self):
        return _("Đã thêm tiêu chí %(code)s.") % {"code": self.result.code}


class CriterionObjectMixin:
    def get_permission_object(self):
        scope = super().get_permission_object()
        self.criterion = get_object_or_404(Criterion, pk=self.kwargs["pk"],
                                           cluster=self.cluster, year=self.year)
        return scope


class CriterionUpdateView(CriterionObjectMixin, CriterionFormMixin, ServiceFormView):
    def get_title(self):
        return _("Sửa tiêu chí %(code)s") % {"code": self.criterion.code}

    def get_initial(self):
        return CriterionForm.initial_from(self.criterion)

    def perform(self, form):
        return services.criterion_save(
            cluster=self.cluster, year=self.year, criterion=self.criterion,
            acting_user=self.request.user, **self.form_fields(form),
        )

    def get_success_message(self):
        return _("Đã lưu tiêu chí %(code)s.") % {"code": self.result.code}


class CriterionDeleteView(CriterionObjectMixin, ServiceActionView):
    def action(self):
        services.criterion_delete(criterion=self.criterion, acting_user=self.request.user)
        return _("Đã xóa tiêu chí %(code)s.") % {"code": self.criterion.code}

    def get_success_url(self):
        return _tree_url(self.cluster, self.year)


class CriteriaCopyView(ServiceActionView):
    """Copy last year's whole tree into this year in one action."""

    def action(self):
        copies = services.criteria_copy_from_year(
            cluster=self.cluster, from_year=self.year - 1, to_year=self.year,
            acting_user=self.request.user,
        )
        return _("Đã sao chép %(count)s tiêu chí từ năm %(year)s.") % {
            "count": len(copies), "year": self.year - 1}

    def get_success_url(self):
        return _tree_url(self.cluster, self.year)
