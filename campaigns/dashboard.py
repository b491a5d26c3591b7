"""The home page's panel: the year's campaigns, the next milestones and the late ones."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from campaigns import selectors
from cluster.rules import YearScope


def campaigns_panel(*, request, cluster, year) -> dict | None:
    scope = YearScope(cluster, year)
    if not request.user.has_perm("campaigns.view_year", scope):
        return None
    kwargs = {"slug": cluster.slug, "year": year}
    return {
        "template": "campaigns/_dashboard_panel.html",
        "cluster": cluster,
        "year": year,
        "campaigns": selectors.campaign_list(cluster=cluster, year=year, details=False),
        "status": selectors.milestone_status(cluster=cluster, year=year,
                                             today=timezone.localdate()),
        "can_manage": request.user.has_perm("campaigns.manage_year", scope),
        "overview_url": reverse("campaigns:overview", kwargs=kwargs),
        "create_url": reverse("campaigns:campaign-create", kwargs=kwargs),
        "criteria_url": reverse("campaigns:criteria", kwargs=kwargs),
        "conferences_url": reverse("campaigns:conference-list", kwargs=kwargs),
        "documents_url": reverse("campaigns:document-list", kwargs=kwargs),
    }
