"""What every page of a cluster-year shares: the scope from the URL, the permission check
(404 outside scope), and a form view that calls a service and shows its errors."""

from __future__ import annotations

from django.views.generic import FormView, TemplateView, View

from cluster.mixins import ClusterYearMixin, ServiceActionMixin, ServiceFormMixin


class YearMixin(ClusterYearMixin):
    """The cluster-year (``ClusterYearMixin``); ``campaigns.view_year`` by default."""

    permission_required = "campaigns.view_year"

    @property
    def can_manage(self) -> bool:
        return self.request.user.has_perm("campaigns.manage_year", self.scope)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=self.can_manage, **kwargs)


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
