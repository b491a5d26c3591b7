"""Permissions of the commendations app (``rules`` package), all on a cluster-year
(``cluster.rules.YearScope``); views check them through ``PermissionOr404Mixin`` (404 outside
one's scope, never 403):

- ``commendations.view_year``: everyone who sees the cluster (member units' staff, observers,
  the secretariat, admins) reads the rules, the nominations, who has voted and, once a session
  is closed, its totals; nobody ever reads how a given unit voted;
- ``commendations.manage_year``: the secretariat of that year (and admins) keeps the rules,
  the sessions, the nominations, paper and written ballots, dossiers and decisions;
- ``commendations.act_as_superior``: the accounts of a superior body that oversees the
  cluster (``cluster.SuperiorBody``) receive, return, forward a dossier and record the decision;
- ``commendations.record_on_paper``: the secretariat (and admins) record a return or a decision
  received on paper, only where no superior body acts in the app for the cluster;
- ``commendations.vote``: the leader of a member unit of that year casts the unit's ballot.
  Checked through ``can_vote`` so that an admin, who has no unit, is not given it.
"""

from __future__ import annotations

import rules

from cluster.models import User
from cluster.permissions import describe
from cluster.rules import (
    YearScope,
    can_see_cluster,
    cluster_records_on_paper,
    is_admin,
    is_secretariat_of,
    is_superior_account,
    is_superior_of,
    leads_member_unit,
)


@rules.predicate
def can_see_year(user: User, scope: YearScope) -> bool:
    return scope is not None and can_see_cluster(user, scope.cluster)


rules.add_perm("commendations.view_year", can_see_year)
rules.add_perm("commendations.manage_year", can_see_year & (is_admin | is_secretariat_of))
rules.add_perm("commendations.vote", can_see_year & leads_member_unit)
# The superior's side of a dossier (issue #16): an active account of a body that oversees the
# cluster receives, returns, forwards and records the decision. Where no body acts in the app
# (no active account, or the body records on paper), the secretariat records on paper what
# the superior answered. Administrators repair through Django admin, not as the superior.
rules.add_perm("commendations.act_as_superior", can_see_year & is_superior_of)
rules.add_perm("commendations.record_on_paper",
               can_see_year & (is_admin | is_secretariat_of) & cluster_records_on_paper)
# The pages of a return and a decision: whoever may answer a dossier in some state (the
# superior, or the secretariat on paper); the page says why not when the state or the way the
# superior answers does not let them.
rules.add_perm("commendations.answer_dossier",
               can_see_year & (is_admin | is_secretariat_of | is_superior_of))
# The superior's inbox: the dossiers of the clusters its body oversees.
rules.add_perm("commendations.view_superior_inbox", is_superior_account)


def can_vote(user: User, scope: YearScope) -> bool:
    """The voting permission without Django's "superusers have every permission" shortcut."""
    return rules.has_perm("commendations.vote", user, scope)


# What a refusal says (``cluster.permissions.require``).
describe("commendations.manage_year", "Chỉ Cụm trưởng (thư ký cụm) mới được thực hiện việc này "
                                      "trong bình xét khen thưởng.")
describe("commendations.vote", "Chỉ lãnh đạo đơn vị thành viên mới được bỏ phiếu.")
describe("commendations.act_as_superior", "Chỉ cơ quan cấp trên theo dõi cụm mới được tiếp nhận, "
                                          "trả lại, chuyển hồ sơ và ghi nhận quyết định.")
describe("commendations.record_on_paper", "Cấp trên của cụm xử lý hồ sơ trên phần mềm: thư ký "
                                          "cụm chỉ ghi nhận văn bản giấy khi cấp trên không "
                                          "dùng phần mềm.")
