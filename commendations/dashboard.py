"""The home page's panel: open voting sessions of the year, how many units have voted, and
"Bỏ phiếu" for a leader whose unit has not voted yet (also among the home page's "Việc cần làm")."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cluster.dashboard import ChecklistItem, TodoItem
from cluster.rules import YearScope
from commendations import selectors
from commendations.rules import can_vote


def commendations_panel(*, request, cluster, year) -> dict | None:
    user = request.user
    scope = YearScope(cluster, year)
    if not user.has_perm("commendations.view_year", scope):
        return None
    summaries = selectors.open_session_summaries(cluster=cluster, year=year,
                                                 unit_id=user.unit_id)
    voter = bool(summaries) and can_vote(user, scope)
    return {
        "template": "commendations/_dashboard_panel.html",
        "cluster": cluster,
        "year": year,
        "summaries": summaries,
        "can_vote": voter,
        # The home page's "Việc cần làm": each open session the unit has not voted in yet.
        "todos": [TodoItem(
            key=f"vote-{s.session.pk}", label=_("Bỏ phiếu"), detail=s.session.title,
            url=reverse("commendations:vote", kwargs={"slug": cluster.slug, "year": year,
                                                      "pk": s.session.pk}))
            for s in summaries if voter and not s.my_ballot],
    }


def commendations_checklist(*, cluster, year) -> list[ChecklistItem]:
    """The year's checklist (cluster.dashboard): the rules of the bình xét."""
    done = selectors.checklist_conditions(cluster=cluster, year=year)
    return [ChecklistItem(
        key="award_rules", label=_("Quy tắc bình xét khen thưởng"),
        url=reverse("commendations:rules", kwargs={"slug": cluster.slug, "year": year}),
        done=done["award_rules"],
        hint=_("Tỷ lệ phiếu, chỉ tiêu và nguồn của từng quy tắc, cho mỗi hình thức khen "
               "thưởng."))]
