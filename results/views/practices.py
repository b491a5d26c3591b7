"""The good-practice library (điển hình tiên tiến, cách làm hay): search and filter, read, add,
edit, download the evidence. Everyone who sees the cluster reads; the secretariat of the year
adds and edits any practice, a member unit's staff their own unit's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from campaigns.views.base import YearMixin, YearPage
from cluster import uploads
from cluster.mixins import add_service_errors, parse_year
from cluster.models import Unit
from cluster.selectors import cluster_member_units, user_is_secretariat
from results.forms.practices import GoodPracticeForm
from results.selectors import practices as selectors
from results.services import practices as services

ALL_YEARS = "tat-ca"


def list_url(cluster, year) -> str:
    return reverse("results:practice-list", kwargs={"slug": cluster.slug, "year": year})


def detail_url(practice) -> str:
    return reverse("results:practice-detail", kwargs={
        "slug": practice.cluster.slug, "year": practice.year, "pk": practice.pk})


class PracticeMixin(YearMixin):
    section = "practices"

    @property
    def can_add(self) -> bool:
        return self.request.user.has_perm("results.add_practice", self.scope)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_add=self.can_add, **kwargs)


class PracticeListView(PracticeMixin, YearPage):
    template_name = "results/practices/list.html"

    def filters(self) -> selectors.PracticeFilters:
        params = self.request.GET
        wanted_year = params.get("nam")
        year = None if wanted_year == ALL_YEARS else parse_year(wanted_year,
                                                                default=self.year)
        try:
            unit_id = int(params.get("don-vi") or 0) or None
        except ValueError:
            unit_id = None
        return selectors.PracticeFilters(query=(params.get("q") or "").strip()[:200],
                                         year=year, unit_id=unit_id,
                                         area_name=(params.get("linh-vuc") or "")[:200])

    def get_context_data(self, **kwargs):
        filters = self.filters()
        page = selectors.practice_page(cluster=self.cluster, filters=filters,
                                       page=self.request.GET.get("trang") or 1)
        query = self.request.GET.copy()
        query.pop("trang", None)
        return super().get_context_data(
            filters=filters, page=page, practices=page.object_list,
            choices=selectors.practice_filter_choices(cluster=self.cluster, year=self.year),
            all_years=ALL_YEARS, year_value=filters.year or ALL_YEARS,
            page_query=query.urlencode(),
            filtered=bool(filters.query or filters.unit_id or filters.area_name
                          or filters.year != self.year),
            **kwargs,
        )


class PracticeObjectMixin:
    def get_permission_object(self):
        scope = super().get_permission_object()
        self.practice = selectors.practice_get(cluster=self.cluster, year=self.year,
                                               pk=self.kwargs["pk"])
        if self.practice is None:
            raise Http404
        return scope


class PracticeDetailView(PracticeObjectMixin, PracticeMixin, YearPage):
    template_name = "results/practices/detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            practice=self.practice,
            can_change=self.request.user.has_perm("results.change_practice", self.practice),
            **kwargs)


class PracticeFormView(PracticeMixin, FormView):
    form_class = GoodPracticeForm
    template_name = "campaigns/form.html"
    practice = None

    def unit_choices(self):
        """The secretariat (and admins) choose any member unit; a unit's staff their own."""
        user = self.request.user
        members = [u.pk for u in cluster_member_units(cluster=self.cluster, year=self.year)]
        if not (user.is_superuser or user_is_secretariat(user=user, cluster=self.cluster,
                                                         year=self.year)):
            members = [pk for pk in members if pk == user.unit_id]
        return Unit.objects.filter(pk__in=members).order_by("name")

    def fixed_unit(self):
        units = list(self.unit_choices())
        return units[0] if len(units) == 1 else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": self.unit_choices(),
                "areas": selectors.practice_area_choices(cluster=self.cluster, year=self.year),
                "fixed_unit": self.fixed_unit(),
                "has_evidence": bool(self.practice and self.practice.evidence)}

    def form_valid(self, form):
        try:
            practice = self.perform(form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"title": practice.title})
        return redirect(detail_url(practice))


class PracticeCreateView(PracticeFormView):
    permission_required = "results.add_practice"
    success_message = "Đã thêm cách làm hay “%(title)s”."

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Thêm cách làm hay, điển hình tiên tiến năm %(year)s") % {"year": self.year},
            intro=_("Nêu rõ cách làm và kết quả để các đơn vị trong cụm học tập, nhân rộng."),
            cancel_url=list_url(self.cluster, self.year), **kwargs)

    def get_initial(self):
        user = self.request.user
        return {"unit": user.unit_id} if user.unit_id else {}

    def perform(self, fields):
        fields.pop("remove_evidence", None)
        return services.good_practice_create(cluster=self.cluster, year=self.year,
                                             acting_user=self.request.user, **fields)


class PracticeUpdateView(PracticeObjectMixin, PracticeFormView):
    permission_required = "results.change_practice"
    success_message = "Đã lưu “%(title)s”."

    def get_permission_object(self):
        super().get_permission_object()
        return self.practice

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Sửa cách làm hay: %(title)s") % {"title": self.practice.title},
            cancel_url=detail_url(self.practice), **kwargs)

    def unit_choices(self):
        units = super().unit_choices()
        if self.practice.unit_id not in {u.pk for u in units}:  # e.g. no longer a member
            units = Unit.objects.filter(pk__in=[*[u.pk for u in units],
                                                self.practice.unit_id]).order_by("name")
        return units

    def get_initial(self):
        p = self.practice
        return {"title": p.title, "unit": p.unit_id, "area": p.area_id,
                "description": p.description, "results": p.results, "source": p.source}

    def perform(self, fields):
        return services.good_practice_update(practice=self.practice,
                                             acting_user=self.request.user, **fields)


class PracticeEvidenceView(PracticeObjectMixin, YearMixin, View):
    """The practice's evidence file, to those who see the cluster; always an attachment."""

    def get(self, request, *args, **kwargs):
        field = self.practice.evidence
        if not field:
            raise Http404
        extension = field.name.rpartition(".")[2].lower()
        detected = next((t for t in uploads.ALLOWED_TYPES.values()
                         if t.extension == extension), None)
        try:
            handle = field.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True,
                                content_type=detected.mime if detected else
                                "application/octet-stream")
        response["Content-Disposition"] = uploads.content_disposition(
            self.practice.evidence_name or f"minh-chung.{extension}")
        return response
