"""The home page's panel: open voting sessions of the year, how many units have voted, and
"Bỏ phiếu" for a leader whose unit has not voted yet."""

from __future__ import annotations

from cluster.rules import YearScope
from commendations import selectors
from commendations.rules import can_vote


def commendations_panel(*, request, cluster, year) -> dict | None:
    user = request.user
    scope = YearScope(cluster, year)
    if not user.has_perm("commendations.view_year", scope):
        return None
    return {
        "template": "commendations/_dashboard_panel.html",
        "cluster": cluster,
        "year": year,
        "summaries": selectors.open_session_summaries(cluster=cluster, year=year,
                                                      unit_id=user.unit_id),
        "can_vote": can_vote(user, scope),
    }
