"""Tra cứu khen thưởng (issue #16): the honours of a cluster's units and their people over
every year, by name (with or without diacritics), award, years, unit and kind of recipient;
its printable list; a person's page (their postings, and their honours in every unit and year
the reader may see); and the secretariat's merge of two records of one person.

Not under a year: ``/cum/<slug>/tra-cuu/`` and ``/cum/<slug>/ca-nhan/<pk>/``. Whoever sees the
cluster reads them (``commendations.lookup``); anyone else gets 404. A date of birth shows only
to the secretariat, administrators and the staff of the person's present unit
(``commendations.view_person_private``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from cluster.mixins import PermissionOr404Mixin, cluster_or_404
from cluster.rules import YearScope
from cluster.selectors import cluster_working_year, user_cluster_ids
from commendations import selectors, services
from commendations.forms import LookupForm
from commendations.models import Person
from commendations.rules import PersonScope


class ClusterLookupMixin(PermissionOr404Mixin):
    """The cluster of the URL, whoever sees it (404 otherwise); its working year for the
    navigation and the secretariat's rights."""

    permission_required = "commendations.lookup"

    def get_permission_object(self):
        self.cluster = cluster_or_404(self.request, self.kwargs["slug"])
        self.year = cluster_working_year(cluster=self.cluster,
                                         today_year=timezone.localdate().year)
        return self.cluster

    @property
    def can_manage(self) -> bool:
        return self.request.user.has_perm("commendations.manage_year",
                                          YearScope(self.cluster, self.year))

    def get_context_data(self, **kwargs):
        return super().get_context_data(cluster=self.cluster, year=self.year, **kwargs)


class LookupView(ClusterLookupMixin, TemplateView):
    template_name = "commendations/lookup.html"
    printing = False

    def get_context_data(self, **kwargs):
        units = selectors.lookup_units(cluster=self.cluster)
        awards = selectors.lookup_awards()
        form = LookupForm(self.request.GET or None, awards=awards, units=units)
        if form.is_bound:
            form.is_valid()
        filters = form.filters()
        query = self.request.GET.copy()
        query.pop("page", None)
        context = {"form": form, "filters": filters, "query": query.urlencode(),
                   "printed_at": timezone.localtime()}
        if self.printing:
            rows, truncated = selectors.honour_search_all(cluster=self.cluster,
                                                          filters=filters, units=units)
            context.update(rows=rows, truncated=truncated, limit=selectors.PRINT_LIMIT,
                           described=_described(form, filters, awards, units))
        else:
            page = selectors.honour_search(cluster=self.cluster, filters=filters,
                                           page=self.request.GET.get("page"), units=units)
            context.update(page=page, rows=page.object_list)
        return super().get_context_data(**context, **kwargs)


def _described(form, filters, awards, units) -> list[tuple[str, str]]:
    """The filters applied, as label and value, printed above the list."""
    said = []
    if filters.query:
        said.append((form.fields["q"].label, filters.query))
    if filters.award_id:
        said.append((form.fields["award"].label,
                     next((a.name for a in awards if a.pk == filters.award_id), "")))
    if filters.year_from:
        said.append((form.fields["year_from"].label, str(filters.year_from)))
    if filters.year_to:
        said.append((form.fields["year_to"].label, str(filters.year_to)))
    if filters.unit_id:
        said.append((form.fields["unit"].label,
                     next((u.name for u in units if u.pk == filters.unit_id), "")))
    if filters.kind:
        said.append((form.fields["kind"].label, dict(form.fields["kind"].choices)[filters.kind]))
    return said


class LookupPrintView(LookupView):
    template_name = "commendations/lookup_print.html"
    printing = True


class PersonView(ClusterLookupMixin, TemplateView):
    template_name = "commendations/person.html"

    def get_permission_object(self):
        cluster = super().get_permission_object()
        self.person = selectors.person_get(cluster=cluster, pk=self.kwargs["pk"])
        if self.person is None:
            raise Http404("Không tìm thấy trang.")
        return cluster

    def get_context_data(self, **kwargs):
        user = self.request.user
        current_unit_id = selectors.person_current_unit_id(self.person)
        can_manage = self.can_manage
        return super().get_context_data(
            person=self.person, postings=self.person.posting_list,
            current_unit_id=current_unit_id,
            honours=selectors.person_honours(person=self.person,
                                             cluster_ids=user_cluster_ids(user)),
            show_private=user.has_perm("commendations.view_person_private",
                                       PersonScope(self.cluster, current_unit_id)),
            can_manage=can_manage,
            alike=selectors.people_alike(person=self.person, cluster=self.cluster)
            if can_manage else [],
            **kwargs)


class PersonMergeView(ClusterLookupMixin, View):
    """The secretariat merges another record of the same person into this one (POST)."""

    http_method_names = ["post"]  # noqa: RUF012 (Django's own attribute, never mutated)

    def get_permission_object(self):
        cluster = super().get_permission_object()
        if not self.can_manage:
            raise Http404("Không tìm thấy trang.")
        self.person = selectors.person_get(cluster=cluster, pk=self.kwargs["pk"])
        if self.person is None:
            raise Http404("Không tìm thấy trang.")
        return cluster

    def post(self, request, *args, **kwargs):
        url = reverse("commendations:person", args=[self.cluster.slug, self.person.pk])
        try:
            duplicate_pk = int(request.POST.get("duplicate", ""))
        except ValueError:
            duplicate_pk = None
        duplicate = Person.objects.filter(pk=duplicate_pk).first() if duplicate_pk else None
        if duplicate is None or duplicate.pk == self.person.pk:
            messages.error(request, "Bản ghi trùng đã chọn không còn (có thể đã được gộp).")
            return redirect(url)
        try:
            services.person_merge(keep=self.person, duplicate=duplicate, cluster=self.cluster,
                                  acting_user=request.user)
        except services.CommendationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, f"Đã gộp bản ghi trùng vào {self.person.full_name}.")
        return redirect(url)
