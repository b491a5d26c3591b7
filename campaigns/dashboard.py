"""The home page's panel: the year's campaigns, the next milestones and the late ones; and
the campaigns' items of the year's checklist (``cluster.dashboard.register_checklist``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import selectors
from cluster.dashboard import ChecklistItem
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


def campaigns_checklist(*, cluster, year) -> list[ChecklistItem]:
    """The year's checklist (cluster.dashboard): the plan and its legal bases, the criteria,
    the conferences."""
    kwargs = {"slug": cluster.slug, "year": year}
    done = selectors.checklist_conditions(cluster=cluster, year=year)
    return [
        ChecklistItem(key="plan", label=_("Kế hoạch thi đua và căn cứ pháp lý"),
                      url=reverse("campaigns:overview", kwargs=kwargs), done=done["plan"],
                      hint=_("Phong trào thi đua của năm, với kế hoạch và các văn bản làm căn "
                             "cứ (vào sổ văn bản).")),
        ChecklistItem(key="criteria", label=_("Bảng tiêu chí chấm điểm"),
                      url=reverse("campaigns:criteria", kwargs=kwargs), done=done["criteria"],
                      hint=_("Nhập từ Excel, sao chép từ năm trước hoặc thêm từng tiêu chí.")),
        ChecklistItem(key="conferences", label=_("Hội nghị sơ kết, tổng kết"),
                      url=reverse("campaigns:conference-list", kwargs=kwargs),
                      done=done["conferences"],
                      hint=_("Thời gian, địa điểm, đơn vị đăng cai các hội nghị của năm.")),
    ]
