"""Permissions of the commendations app (``rules`` package), all on a cluster-year
(``cluster.rules.YearScope``); views check them through ``PermissionOr404Mixin`` (404 outside
one's scope, never 403):

- ``commendations.view_year``: everyone who sees the cluster (member units' staff, observers,
  the secretariat, admins) reads the rules, the nominations, who has voted and, once a session
  is closed, its totals; nobody ever reads how a given unit voted;
- ``commendations.manage_year``: the secretariat of that year (and admins) keeps the rules,
  the sessions, the nominations, paper and written ballots, dossiers and decisions;
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
    is_admin,
    is_member_staff_of,
    is_observer,
    is_secretariat_of,
    is_unit_leader,
    is_unit_staff,
    leads_member_unit,
)


@rules.predicate
def can_see_year(user: User, scope: YearScope) -> bool:
    return scope is not None and can_see_cluster(user, scope.cluster)


rules.add_perm("commendations.view_year", can_see_year)
rules.add_perm("commendations.manage_year", can_see_year & (is_admin | is_secretariat_of))
rules.add_perm("commendations.vote", can_see_year & leads_member_unit)


def can_vote(user: User, scope: YearScope) -> bool:
    """The voting permission without Django's "superusers have every permission" shortcut."""
    return rules.has_perm("commendations.vote", user, scope)


# What a refusal says (``cluster.permissions.require``).
describe("commendations.manage_year", "Chỉ Cụm trưởng (thư ký cụm) mới được thực hiện việc này "
                                      "trong bình xét khen thưởng.")
describe("commendations.vote", "Chỉ lãnh đạo đơn vị thành viên mới được bỏ phiếu.")


# --- proposals from the member units (issue #16) ---------------------------------------------
# ``propose``, ``send`` and ``receive`` are asked on a ``cluster.rules.UnitScope`` (the
# proposing unit in the cluster-year) or, for the list and the "new proposal" page, on the
# ``YearScope``; ``view_proposal`` on the proposal itself. A proposal is its unit's own until it
# is first sent: another unit never sees it, the secretariat, observers and admins only once
# sent.
def _year(scope) -> YearScope:
    return YearScope(scope.cluster, scope.year)


@rules.predicate
def is_staff_of_proposing_unit(user: User, scope) -> bool:
    """An officer or leader of a member unit of the year; of that unit for a ``UnitScope``."""
    if scope is None or not is_member_staff_of(user, _year(scope)):
        return False
    unit_id = getattr(scope, "unit_id", None)
    return unit_id is None or user.unit_id == unit_id


@rules.predicate
def leads_proposing_unit(user: User, scope) -> bool:
    return is_staff_of_proposing_unit(user, scope) and is_unit_leader(user)


@rules.predicate
def receives_proposals(user: User, scope) -> bool:
    return scope is not None and can_see_year(user, _year(scope)) and (
        is_admin(user) or is_secretariat_of(user, _year(scope)))


@rules.predicate
def reads_sent_proposals(user: User, scope) -> bool:
    return scope is not None and can_see_year(user, _year(scope)) and (
        is_admin(user) or is_observer(user) or is_secretariat_of(user, _year(scope)))


@rules.predicate
def can_view_proposal(user: User, proposal) -> bool:
    if proposal is None:
        return False
    scope = YearScope(proposal.cluster, proposal.year)
    if not can_see_year(user, scope):
        return False
    own = is_unit_staff(user) and user.unit_id == proposal.unit_id
    return own or (proposal.sent_at is not None and reads_sent_proposals(user, scope))


rules.add_perm("commendations.propose", is_staff_of_proposing_unit)
rules.add_perm("commendations.send", leads_proposing_unit)
rules.add_perm("commendations.receive", receives_proposals)
rules.add_perm("commendations.view_proposals", is_staff_of_proposing_unit | reads_sent_proposals)
rules.add_perm("commendations.view_proposal", can_view_proposal)
describe("commendations.propose", "Chỉ cán bộ, lãnh đạo của đơn vị thành viên mới được soạn "
                                  "đề nghị khen thưởng của đơn vị mình.")
describe("commendations.send", "Chỉ lãnh đạo đơn vị mới được gửi đề nghị khen thưởng của đơn "
                               "vị mình lên Cụm trưởng.")
describe("commendations.receive", "Chỉ Cụm trưởng (thư ký cụm) mới được tiếp nhận hoặc trả lại "
                                  "đề nghị khen thưởng.")
