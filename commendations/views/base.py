"""What every commendations page shares: the cluster-year from the URL, the permission check
(404 outside one's scope), the session or dossier from the URL, a redirect with a message when
the object's state does not allow the page, and form views that call one service."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, View

from cluster.mixins import ClusterYearMixin, ServiceActionMixin, ServiceFormMixin
from cluster.models import Cluster
from commendations import selectors


def year_url(cluster: Cluster, year: int, name: str = "overview", **kwargs) -> str:
    return reverse(f"commendations:{name}", kwargs={"slug": cluster.slug, "year": year,
                                                    **kwargs})


class StateGuardMixin:
    """After the permission check (it follows ``PermissionOr404Mixin`` in the MRO): sends the
    user back with a message when the object's state does not allow the page."""

    def dispatch(self, request, *args, **kwargs):
        refusal = self.state_refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(self.back_url())
        return super().dispatch(request, *args, **kwargs)


class YearMixin(ClusterYearMixin, StateGuardMixin):
    """The cluster-year (``ClusterYearMixin``); ``commendations.view_year`` unless told
    otherwise, and a way back when the object's state does not allow the page."""

    permission_required = "commendations.view_year"

    @property
    def can_manage(self) -> bool:
        return self.request.user.has_perm("commendations.manage_year", self.scope)

    def state_refusal(self) -> str | None:
        """A message when the object's state does not allow this page (the user is sent back
        with it); checked after the permission."""
        return None

    def back_url(self) -> str:
        return year_url(self.cluster, self.year)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=self.can_manage, **kwargs)


class ManageMixin(YearMixin):
    permission_required = "commendations.manage_year"


class SessionMixin:
    """The session named by ``pk`` in the cluster-year."""

    def load_objects(self) -> None:
        super().load_objects()
        self.session = selectors.session_get(cluster=self.cluster, year=self.year,
                                             pk=self.kwargs["pk"])
        if self.session is None:
            raise Http404("Không tìm thấy trang.")

    def back_url(self) -> str:
        return year_url(self.cluster, self.year, "session-detail", pk=self.session.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)


class DossierMixin:
    """The dossier named by ``pk`` in the cluster-year."""

    def load_objects(self) -> None:
        super().load_objects()
        self.dossier = selectors.dossier_get(cluster=self.cluster, year=self.year,
                                             pk=self.kwargs["pk"])
        if self.dossier is None:
            raise Http404("Không tìm thấy trang.")

    def back_url(self) -> str:
        return year_url(self.cluster, self.year, "dossier-detail", pk=self.dossier.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(dossier=self.dossier,
                                        nomination=self.dossier.nomination, **kwargs)


class ServiceFormView(ServiceFormMixin, FormView):
    """A form whose ``perform(form)`` calls one service (``ServiceFormMixin``), with an intro
    and a way back to the page it came from."""

    template_name = "commendations/form.html"
    intro = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.get_title(), intro=self.get_intro(),
                                        cancel_url=self.back_url(), **kwargs)

    def get_intro(self) -> str:
        return str(self.intro)

    def get_success_url(self) -> str:
        return self.back_url()


class ServiceActionView(ServiceActionMixin, View):
    """A POST-only action; ``action()`` returns the success message; back to ``back_url()``."""

    def get_success_url(self) -> str:
        return self.back_url()
