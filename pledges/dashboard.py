"""The pledge panel of the home page: the year's pledge, its state, how many members signed,
and the action waiting for this user ("Ký giao ước" for a leader whose unit has not signed)."""

from __future__ import annotations

from cluster.rules import YearScope
from pledges import selectors
from pledges.rules import can_sign


def pledge_panel(*, request, cluster, year) -> dict | None:
    user = request.user
    scope = YearScope(cluster, year)
    if not user.has_perm("pledges.view_pledge", scope):
        return None
    pledge = selectors.pledge_get(cluster=cluster, year=year)
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
    content["summary"] = selectors.pledge_signing_summary(pledge=pledge)
    if pledge.is_open and can_sign(user, scope):
        content["can_sign"] = (
            selectors.signature_for_unit(pledge=pledge, unit_id=user.unit_id) is None
        )
    return content
