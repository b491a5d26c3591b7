"""What every page of a cluster-year shares: the scope from the URL, the permission check
(404 outside scope), and a form view that calls a service and shows its errors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView, View

from cluster.mixins import PermissionOr404Mixin, add_service_errors, year_or_404
from cluster.models import Cluster
from cluster.rules import YearScope


class YearMixin(PermissionOr404Mixin):
    """Reads ``slug`` and ``year`` from the URL; ``campaigns.view_year`` by default."""

    permission_required = "campaigns.view_year"
    section = ""

    def get_permission_object(self):
        self.cluster = get_object_or_404(Cluster, slug=self.kwargs["slug"])
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


class ServiceFormView(ManageMixin, FormView):
    """A secretariat form whose ``perform(form)`` calls one service; a ValidationError from it
    is shown on the form, field by field, and nothing typed is lost."""

    template_name = "campaigns/form.html"
    title = ""
    success_message = ""

    def perform(self, form):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.get_title(), cancel_url=self.get_cancel_url(),
                                        **kwargs)

    def get_title(self) -> str:
        return str(self.title)

    def get_cancel_url(self) -> str:
        return self.get_success_url()

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        message = self.get_success_message()
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_success_message(self) -> str:
        return str(self.success_message)


class ServiceActionView(ManageMixin, View):
    """A POST-only secretariat action (mark done, publish, copy, delete)."""

    http_method_names = ["post"]

    def action(self) -> str:
        """Perform the action; return the success message."""
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message = self.action()
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect(self.get_success_url())
