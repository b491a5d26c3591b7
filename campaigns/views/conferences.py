"""Conferences of a cluster-year, their delegates, and the publication of the bulletin."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors, services
from campaigns.forms import ConferenceForm, DelegateForm
from campaigns.models import Delegate
from campaigns.views.base import ServiceActionView, ServiceFormView, YearPage
from cluster.models import Unit
from cluster.selectors import cluster_member_units


def _members(cluster, year):
    return Unit.objects.filter(
        pk__in=[u.pk for u in cluster_member_units(cluster=cluster, year=year)]
    ).order_by("name")


class ConferenceListView(YearPage):
    template_name = "campaigns/conference_list.html"
    section = "conferences"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conferences=selectors.conference_list(cluster=self.cluster, year=self.year),
            **kwargs,
        )


class ConferenceObjectMixin:
    def get_permission_object(self):
        scope = super().get_permission_object()
        self.conference = selectors.conference_get(cluster=self.cluster, year=self.year,
                                                   pk=self.kwargs["pk"])
        if self.conference is None:
            raise Http404
        return scope

    def conference_url(self) -> str:
        return reverse("campaigns:conference-detail", kwargs={
            "slug": self.cluster.slug, "year": self.year, "pk": self.conference.pk})


class ConferenceDetailView(ConferenceObjectMixin, YearPage):
    template_name = "campaigns/conference_detail.html"
    section = "conferences"

    def get_context_data(self, **kwargs):
        form = None
        if self.can_manage:
            form = DelegateForm(members=_members(self.cluster, self.year))
        return super().get_context_data(
            conference=self.conference,
            hosts=selectors.conference_hosts(conference=self.conference),
            delegates=selectors.delegate_list(conference=self.conference),
            delegate_form=form,
            **kwargs,
        )


class ConferenceFormMixin:
    form_class = ConferenceForm
    section = "conferences"

    def get_form_kwargs(self):
        conference = getattr(self, "conference", None)
        return {**super().get_form_kwargs(),
                "members": _members(self.cluster, self.year),
                "documents": selectors.document_choices(cluster=self.cluster),
                "year": self.year, "province_id": conference.province_id if conference else None}


class ConferenceCreateView(ConferenceFormMixin, ServiceFormView):
    def get_title(self):
        return _("Hội nghị mới năm %(year)s") % {"year": self.year}

    def perform(self, form):
        return services.conference_create(cluster=self.cluster, year=self.year,
                                          acting_user=self.request.user,
                                          **form.service_fields())

    def get_success_message(self):
        return _("Đã tạo hội nghị “%(title)s”.") % {"title": self.result.title}

    def get_success_url(self):
        if getattr(self, "result", None):
            return reverse("campaigns:conference-detail", kwargs={
                "slug": self.cluster.slug, "year": self.year, "pk": self.result.pk})
        return reverse("campaigns:conference-list", kwargs={"slug": self.cluster.slug,
                                                            "year": self.year})


class ConferenceUpdateView(ConferenceObjectMixin, ConferenceFormMixin, ServiceFormView):
    def get_title(self):
        return _("Sửa hội nghị “%(title)s”") % {"title": self.conference.title}

    def get_initial(self):
        return ConferenceForm.initial_from(self.conference)

    def perform(self, form):
        return services.conference_update(conference=self.conference,
                                          acting_user=self.request.user,
                                          **form.service_fields())

    def get_success_message(self):
        return _("Đã lưu hội nghị.")

    def get_success_url(self):
        return self.conference_url()


class DelegateAddView(ConferenceObjectMixin, ServiceFormView):
    form_class = DelegateForm
    section = "conferences"
    title = gettext_lazy("Thêm đại biểu")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "members": _members(self.cluster, self.year)}

    def perform(self, form):
        return services.delegate_add(conference=self.conference,
                                     acting_user=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return _("Đã thêm đại biểu.")

    def get_success_url(self):
        return self.conference_url()


class DelegateRemoveView(ConferenceObjectMixin, ServiceActionView):
    def action(self):
        delegate = get_object_or_404(Delegate, pk=self.kwargs["delegate_pk"],
                                     conference=self.conference)
        services.delegate_remove(delegate=delegate, acting_user=self.request.user)
        return _("Đã xóa đại biểu.")

    def get_success_url(self):
        return self.conference_url()


class ConferencePublishView(ConferenceObjectMixin, ServiceActionView):
    """Publish the bulletin (``cong-bo=1``) or withdraw it (``cong-bo=0``)."""

    def action(self):
        publish = self.request.POST.get("cong-bo") == "1"
        services.conference_set_published(conference=self.conference, published=publish,
                                          acting_user=self.request.user)
        if publish:
            return _("Đã công bố bản tin; mọi người có thể đọc mà không cần đăng nhập.")
        return _("Đã thu hồi bản tin.")

    def get_success_url(self):
        return self.conference_url()
