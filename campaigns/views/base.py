"""What every page of a cluster-year shares: the scope from the URL, the permission check
(404 outside scope), and a form view that calls a service and shows its errors."""

from __future__ import annotations

from django.views.generic import FormView, TemplateView, View

from cluster.mixins import (
    PermissionOr404Mixin,
    ServiceActionMixin,
    ServiceFormMixin,
    cluster_or_404,
    year_or_404,
)
from cluster.rules import YearScope


class YearMixin(PermissionOr404Mixin):
    """Reads ``slug`` and ``year`` from the URL; ``campaigns.view_year`` by default."""

    permission_required = "campaigns.view_year"
    section = ""

    def get_permission_object(self):
        self.cluster = cluster_or_404(self.request, self.kwargs["slug"])
        self.year = year_or_404(self.kwargs["year"])
        self.scope = YearScope(self.cluster, self.year)
        return self.scope

    @property
    def can_manage(self) -> bool:
        return self.request.user.has_perm("campaigns.manage_year", self.scope)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cluster=self.cluster, year=self.year, can_manage=self.can_manage,
                       section=self.section)
        return context


class ManageMixin(YearMixin):
    permission_required = "campaigns.manage_year"


class YearPage(YearMixin, TemplateView):
    pass


class ServiceFormView(ServiceFormMixin, ManageMixin, FormView):
    """A secretariat form whose ``perform(form)`` calls one service (``ServiceFormMixin``)."""

    template_name = "campaigns/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.get_title(), cancel_url=self.get_cancel_url(),
                                        **kwargs)

    def get_cancel_url(self) -> str:
        return self.get_success_url()


class ServiceActionView(ServiceActionMixin, ManageMixin, View):
    """A POST-only secretariat action (mark done, publish, copy, delete)."""
