from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from cluster import dashboard, selectors, services
from cluster.forms import ClusterYearRolesForm
from cluster.mixins import (
    PermissionOr404Mixin,
    add_service_errors,
    cluster_or_404,
    cluster_seen,
    parse_year,
    year_or_404,
)
from cluster.models import Cluster, Unit, User
from cluster.permissions import allowed
from cluster.rules import YearScope
from cluster.unit_page import sections_for


def _cluster_year_context(*, cluster: Cluster, year: int) -> dict:
    memberships = selectors.membership_active_list(cluster=cluster, year=year)
    cluster_year = selectors.cluster_year_get(cluster=cluster, year=year)
    span = selectors.cluster_year_span(cluster=cluster)
    years = list(range(span[0], max(span[1], year) + 1)) if span else [year]
    return {
        "cluster": cluster,
        "year": year,
        "years": years,
        "memberships": memberships,
        "departed": selectors.membership_departed_list(cluster=cluster, year=year),
        "cluster_year": cluster_year,
        "has_illustrative": cluster.is_illustrative
        or any(m.is_illustrative for m in memberships)
        or bool(cluster_year and cluster_year.is_illustrative),
    }


def _dashboard_context(request, *, cluster: Cluster, year: int) -> dict:
    user = request.user
    context = _cluster_year_context(cluster=cluster, year=year)
    context["is_secretariat"] = selectors.user_is_secretariat(user=user, cluster=cluster, year=year)
    to_confirm = selectors.cluster_year_to_confirm(cluster=cluster, year=year)
    if to_confirm is not None and user.has_perm("cluster.confirm_roles",
                                                YearScope(cluster, to_confirm)):
        context["year_to_confirm"] = to_confirm
    context["can_manage_people"] = user.has_perm("cluster.manage_people", YearScope(cluster, year))
    context["panels"] = dashboard.panels_for(request=request, cluster=cluster, year=year)
    # "Việc cần làm", first on the page, for the staff of a member unit (issue #14): built
    # from what the panels read, no query of its own.
    if user.unit_id is not None and user.role in (User.Role.LEADER, User.Role.OFFICER) and any(
            m.unit_id == user.unit_id for m in context["memberships"]):
        context["todos"] = dashboard.todos_for(context["panels"])
    context["checklist"] = dashboard.checklist_for(request=request, cluster=cluster, year=year)
    return context


class HomeView(LoginRequiredMixin, TemplateView):
    """The dashboard of the user's first cluster in its working year. The old address with
    ``?cum=<slug>&nam=<year>`` answers a permanent redirect to that cluster-year's home
    (``?cum`` or ``?nam`` alone, a temporary one: where it leads depends on the user and the
    date)."""

    template_name = "cluster/home.html"

    def get(self, request, *args, **kwargs):
        wanted, raw_year = request.GET.get("cum"), request.GET.get("nam")
        if wanted is None and raw_year is None:
            return super().get(request, *args, **kwargs)
        clusters = selectors.user_cluster_list(user=request.user)
        if not clusters:
            return super().get(request, *args, **kwargs)
        cluster = next((c for c in clusters if c.slug == wanted), None)
        year = parse_year(raw_year)
        if cluster is not None and year is not None:
            return redirect(self.target(cluster.slug, year, request), permanent=True)
        cluster = cluster or clusters[0]
        year = year or selectors.cluster_working_year(
            cluster=cluster, today_year=timezone.localdate().year)
        return redirect(self.target(cluster.slug, year, request))

    @staticmethod
    def target(slug: str, year: int, request) -> str:
        url = reverse("cluster:year-home", kwargs={"slug": slug, "year": year})
        rest = request.GET.copy()
        rest.pop("cum", None)
        rest.pop("nam", None)
        return f"{url}?{rest.urlencode()}" if rest else url

    def get_context_data(self, **kwargs):
        clusters = selectors.user_cluster_list(user=self.request.user)
        context = super().get_context_data(clusters=clusters, **kwargs)
        # An administrator starts a new cluster from here (the guided set-up); on an instance
        # without any cluster, that is all the home page offers.
        context["can_set_up"] = allowed(self.request.user, "cluster.run_setup")
        if not clusters:
            return context
        cluster = self.get_cluster(clusters)
        year = self.get_year(cluster)
        context.update(_dashboard_context(self.request, cluster=cluster, year=year))
        return context

    def get_cluster(self, clusters: list[Cluster]) -> Cluster:
        return clusters[0]

    def get_year(self, cluster: Cluster) -> int:
        return selectors.cluster_working_year(cluster=cluster,
                                              today_year=timezone.localdate().year)


class ClusterYearHomeView(HomeView):
    """``/cum/<slug>/<year>/``: the same dashboard, for the cluster-year of the URL (404 for a
    cluster the user does not belong to)."""

    def get(self, request, *args, **kwargs):
        return TemplateView.get(self, request, *args, **kwargs)

    def get_cluster(self, clusters: list[Cluster]) -> Cluster:
        wanted = next((c for c in clusters if c.slug == self.kwargs["slug"]), None)
        if wanted is None:
            raise Http404("Không tìm thấy trang.")
        cluster_seen(self.request, wanted)  # the navigation bar reads it from here
        return wanted

    def get_year(self, cluster: Cluster) -> int:
        return year_or_404(self.kwargs["year"])


class ClusterDetailView(PermissionOr404Mixin, TemplateView):
    template_name = "cluster/cluster_detail.html"
    permission_required = "cluster.view_cluster_page"

    def get_permission_object(self):
        self.cluster = cluster_or_404(self.request, self.kwargs["slug"])
        return self.cluster

    def get_context_data(self, **kwargs):
        raw_year = self.request.GET.get("nam")
        default = selectors.cluster_working_year(
            cluster=self.cluster, today_year=timezone.localdate().year
        )
        year = parse_year(raw_year, default=default)
        if raw_year is not None and parse_year(raw_year) is None:
            messages.warning(
                self.request, _("Năm “%(value)s” không hợp lệ; đang hiển thị năm %(year)s.")
                % {"value": raw_year[:20], "year": year},
            )
        context = super().get_context_data(**kwargs)
        context.update(_cluster_year_context(cluster=self.cluster, year=year))
        context["can_confirm"] = self.request.user.has_perm(
            "cluster.confirm_roles", YearScope(self.cluster, year)
        )
        return context


class UnitDetailView(PermissionOr404Mixin, TemplateView):
    template_name = "cluster/unit_detail.html"
    permission_required = "cluster.view_unit_page"

    def get_permission_object(self):
        self.unit = get_object_or_404(
            Unit.objects.select_related("province", "successor"), pk=self.kwargs["pk"]
        )
        return self.unit

    def get_context_data(self, **kwargs):
        user = self.request.user
        clusters = selectors.user_cluster_list(user=user)  # read once, with the nav bar's
        history = selectors.unit_history(unit=self.unit, clusters=clusters)
        return super().get_context_data(
            unit=self.unit,
            history=history,
            linkable=selectors.units_visible_to(
                user=user, units=[*history.predecessors, *history.successors]),
            staff=selectors.unit_staff_list(unit=self.unit),
            sections=sections_for(request=self.request, unit=self.unit, history=history,
                                  clusters=clusters),
            **kwargs,
        )


class ClusterYearRolesView(PermissionOr404Mixin, FormView):
    """The secretariat confirms (or overrides) the rotation's proposal for a year."""

    template_name = "cluster/roles_confirm.html"
    form_class = ClusterYearRolesForm
    permission_required = "cluster.confirm_roles"

    def get_permission_object(self):
        self.cluster = cluster_or_404(self.request, self.kwargs["slug"])
        self.year = year_or_404(self.kwargs["year"])
        if not self.request.user.has_perm("cluster.view_cluster_page", self.cluster):
            raise Http404
        return YearScope(self.cluster, self.year)

    def get_members(self):
        if not hasattr(self, "_members"):
            self._members = selectors.cluster_member_units(cluster=self.cluster, year=self.year)
        return self._members

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "members": self.get_members()}

    def get_initial(self):
        current = selectors.cluster_year_get(cluster=self.cluster, year=self.year)
        if current:
            return {"chair": current.chair, "vice_chair": current.vice_chair, "note": current.note}
        proposal = services.rotation_propose(cluster=self.cluster, year=self.year)
        return {"chair": proposal.chair, "vice_chair": proposal.vice_chair}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cluster=self.cluster,
            year=self.year,
            members=self.get_members(),
            current=selectors.cluster_year_get(cluster=self.cluster, year=self.year),
            proposal=services.rotation_propose(cluster=self.cluster, year=self.year),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.cluster_year_set_roles(
                cluster=self.cluster,
                year=self.year,
                chair=form.cleaned_data["chair"],
                vice_chair=form.cleaned_data["vice_chair"],
                note=form.cleaned_data["note"],
                acting_user=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã xác nhận Cụm trưởng, Cụm phó năm %(year)s.") % {"year": self.year},
        )
        url = reverse("cluster:cluster-detail", kwargs={"slug": self.cluster.slug})
        return redirect(f"{url}?nam={self.year}")
