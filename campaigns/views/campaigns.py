"""Campaigns of a cluster-year and their milestones."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors, services
from campaigns.forms import CampaignForm, MilestoneForm
from campaigns.models import Milestone
from campaigns.views.base import ServiceActionView, ServiceFormView, YearPage


class OverviewView(YearPage):
    """The year's campaigns with their milestones, and what is next or late."""

    template_name = "campaigns/overview.html"
    section = "campaigns"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            campaigns=selectors.campaign_list(cluster=self.cluster, year=self.year),
            status=selectors.milestone_status(cluster=self.cluster, year=self.year,
                                              today=today),
            today=today,
            **kwargs,
        )


class CampaignObjectMixin:
    def get_permission_object(self):
        scope = super().get_permission_object()
        self.campaign = selectors.campaign_get(cluster=self.cluster, year=self.year,
                                               pk=self.kwargs["pk"])
        if self.campaign is None:
            raise Http404
        return scope

    def campaign_url(self) -> str:
        return reverse("campaigns:campaign-detail", kwargs={
            "slug": self.cluster.slug, "year": self.year, "pk": self.campaign.pk})


class CampaignDetailView(CampaignObjectMixin, YearPage):
    template_name = "campaigns/campaign_detail.html"
    section = "campaigns"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            campaign=self.campaign,
            milestones=selectors.milestone_list(campaign=self.campaign),
            today=timezone.localdate(),
            milestone_form=MilestoneForm() if self.can_manage else None,
            **kwargs,
        )


class CampaignCreateView(ServiceFormView):
    form_class = CampaignForm
    section = "campaigns"

    def get_title(self):
        return _("Phong trào thi đua mới năm %(year)s") % {"year": self.year}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "documents": selectors.document_choices(cluster=self.cluster),
                "fixed_dates": selectors.milestone_fixed_dates(cluster=self.cluster,
                                                               year=self.year)}

    def get_initial(self):
        return {"starts_on": f"{self.year}-01-01", "ends_on": f"{self.year}-12-31"}

    def perform(self, form):
        return services.campaign_create(cluster=self.cluster, year=self.year,
                                        acting_user=self.request.user, **form.service_fields())

    def get_success_message(self):
        return _("Đã tạo phong trào “%(name)s”.") % {"name": self.result.name}

    def get_success_url(self):
        if getattr(self, "result", None):
            return reverse("campaigns:campaign-detail", kwargs={
                "slug": self.cluster.slug, "year": self.year, "pk": self.result.pk})
        return reverse("campaigns:overview", kwargs={"slug": self.cluster.slug,
                                                     "year": self.year})


class CampaignUpdateView(CampaignObjectMixin, ServiceFormView):
    form_class = CampaignForm
    section = "campaigns"

    def get_title(self):
        return _("Sửa phong trào “%(name)s”") % {"name": self.campaign.name}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "documents": selectors.document_choices(cluster=self.cluster),
                "fixed_dates": selectors.milestone_fixed_dates(cluster=self.cluster,
                                                               year=self.year)}

    def get_initial(self):
        return CampaignForm.initial_from(self.campaign)

    def perform(self, form):
        return services.campaign_update(campaign=self.campaign, acting_user=self.request.user,
                                        **form.service_fields())

    def get_success_message(self):
        return _("Đã lưu phong trào “%(name)s”.") % {"name": self.result.name}

    def get_success_url(self):
        return self.campaign_url()


class MilestoneAddView(CampaignObjectMixin, ServiceFormView):
    form_class = MilestoneForm
    section = "campaigns"
    title = gettext_lazy("Thêm mốc thời gian")

    def perform(self, form):
        return services.milestone_add(campaign=self.campaign, acting_user=self.request.user,
                                      **form.cleaned_data)

    def get_success_message(self):
        return _("Đã thêm mốc “%(label)s”.") % {"label": self.result.label}

    def get_success_url(self):
        return self.campaign_url()


class MilestoneToggleView(ServiceActionView):
    """Mark a milestone done today, or not done any more."""

    def get_permission_object(self):
        scope = super().get_permission_object()
        self.milestone = get_object_or_404(
            Milestone.objects.select_related("campaign"), pk=self.kwargs["pk"],
            campaign__cluster=self.cluster, campaign__year=self.year,
        )
        return scope

    def action(self):
        done = self.milestone.done_on is None
        services.milestone_set_done(
            milestone=self.milestone, done_on=timezone.localdate() if done else None,
            acting_user=self.request.user,
        )
        if done:
            return _("Đã đánh dấu hoàn thành: %(label)s.") % {"label": self.milestone.label}
        return _("Đã bỏ đánh dấu hoàn thành: %(label)s.") % {"label": self.milestone.label}

    def get_success_url(self):
        return reverse("campaigns:campaign-detail", kwargs={
            "slug": self.cluster.slug, "year": self.year, "pk": self.milestone.campaign_id})
