"""The pledge panel of the home page: the year's pledge, its state, how many members signed,
and the action waiting for this user ("Ký giao ước" for a leader whose unit has not signed,
also among the home page's "Việc cần làm")."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cluster.dashboard import ChecklistItem, TodoItem
from cluster.rules import YearScope
from pledges import selectors
from pledges.rules import can_sign


def pledge_panel(*, request, cluster, year) -> dict | None:
    user = request.user
    scope = YearScope(cluster, year)
    if not user.has_perm("pledges.view_pledge", scope):
        return None
    pledge, summary = selectors.pledge_get_with_summary(cluster=cluster, year=year,
                                                        unit_id=user.unit_id)
    content = {
        "template": "pledges/_dashboard_panel.html",
        "cluster": cluster,
        "year": year,
        "pledge": pledge,
        "can_manage": user.has_perm("pledges.manage_pledge", scope),
        "can_sign": False,
    }
    if pledge is None:
        return content
    content["summary"] = summary
    if pledge.is_open and can_sign(user, scope):
        content["can_sign"] = not pledge.unit_signed
    if content["can_sign"]:
        content["todos"] = [TodoItem(
            key="pledge-sign", label=_("Ký giao ước"), detail=pledge.title,
            url=reverse("pledges:sign", kwargs={"slug": cluster.slug, "year": year}))]
    return content


def pledge_checklist(*, cluster, year) -> list[ChecklistItem]:
    """The year's checklist (cluster.dashboard): the pledge."""
    done = selectors.checklist_conditions(cluster=cluster, year=year)
    return [ChecklistItem(
        key="pledge", label=_("Giao ước thi đua"),
        url=reverse("pledges:detail", kwargs={"slug": cluster.slug, "year": year}),
        done=done["pledge"],
        hint=_("Lập giao ước với các nội dung cam kết, để lãnh đạo các đơn vị ký."))]
