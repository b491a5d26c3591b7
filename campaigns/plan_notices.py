"""The plan that the year asks for (issue #16), told through ``notifications.scheduler``.

Once a cluster has agreed its chair for its newest year, the chair issues the year's plan
(DOMAIN.md, the yearly cycle: the plan comes before the pledge, the reports and everything
else of the year). While that newest year has no plan in the app, its secretariat is told,
once per cluster and year. Older years are history and are not chased.

A provider reads; ``run_scheduler`` writes the notices."""

from __future__ import annotations

import datetime

from django.urls import reverse

from campaigns.models import Campaign
from cluster.models import ClusterYear
from cluster.selectors import secretariat_accounts
from notifications.kinds import Kind
from notifications.scheduler import Notice


def plan_due_notices(now: datetime.datetime):
    newest: dict[int, ClusterYear] = {}
    for cluster_year in ClusterYear.objects.select_related("cluster", "chair").order_by(
            "cluster_id", "year"):
        newest[cluster_year.cluster_id] = cluster_year
    planned = set(Campaign.objects.filter(cluster_id__in=list(newest), kind=Campaign.Kind.REGULAR)
                  .values_list("cluster_id", "year"))
    for cluster_id, cluster_year in sorted(newest.items()):
        if (cluster_id, cluster_year.year) in planned:
            continue
        cluster, year = cluster_year.cluster, cluster_year.year
        yield Notice(
            kind=Kind.PLAN_DUE, key=f"plan-due:{cluster.pk}:{year}",
            recipients=tuple(secretariat_accounts(cluster=cluster, year=year)),
            title=f"Kế hoạch thi đua năm {year} của {cluster.name} chưa được ban hành",
            body=(f"{cluster_year.chair.name} là Cụm trưởng năm {year}. Cụm trưởng ban hành "
                  f"kế hoạch tổ chức phong trào thi đua của Cụm năm {year}, làm căn cứ cho "
                  "giao ước thi đua, báo cáo và bình xét khen thưởng của năm."),
            url=reverse("campaigns:campaign-create", kwargs={"slug": cluster.slug,
                                                              "year": year}),
            cluster=cluster)
