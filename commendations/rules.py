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

from dataclasses import dataclass

import rules
from django.utils import timezone

from cluster import selectors as cluster_selectors
from cluster.models import Cluster, User
from cluster.permissions import describe
from cluster.rules import (
    YearScope,
    can_see_cluster,
    cluster_records_on_paper,
    is_admin,
    is_member_staff_of,
    is_observer,
    is_secretariat_of,
    is_superior_account,
    is_superior_of,
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


# Standards of a nomination (issue #16, part 3): its unit's staff declare them, and the
# secretariat of the year (and admins); on a ``cluster.rules.UnitScope`` (the nomination's
# cluster, year and unit).
@rules.predicate
def manages_year_of_unit(user: User, scope) -> bool:
    return scope is not None and can_see_cluster(user, scope.cluster) and (
        is_admin(user) or is_secretariat_of(user, scope.year_scope))


@rules.predicate
def is_staff_of_unit(user: User, scope) -> bool:
    return (scope is not None and is_unit_staff(user) and user.unit_id == scope.unit_id
            and can_see_cluster(user, scope.cluster))


rules.add_perm("commendations.declare_standards", manages_year_of_unit | is_staff_of_unit)
describe("commendations.declare_standards", "Chỉ cán bộ của đơn vị được đề nghị hoặc thư ký "
                                            "cụm mới được khai báo tiêu chuẩn.")


# Standards and history conditions of an award are national data shared by every cluster
# (issue #16, part 3): only administrators edit them; everyone who sees a year reads them.
rules.add_perm("commendations.edit_standards", can_see_year & is_admin)
describe("commendations.edit_standards", "Tiêu chuẩn, điều kiện khen thưởng là dữ liệu chung của "
                                         "mọi cụm; chỉ quản trị hệ thống mới được sửa.")
# --- the honours look-up and the person registry (issue #16) -----------------------------------
# The look-up (``lookup``, on a cluster): whoever sees the cluster, across its years. A person's
# date of birth (``view_person_private``, on a ``PersonScope``): the cluster's secretariat of
# its working year, administrators, and the staff of the unit the person works in now.
@dataclass(frozen=True)
class PersonScope:
    cluster: Cluster
    current_unit_id: int | None


@rules.predicate
def sees_cluster(user: User, cluster: Cluster) -> bool:
    return can_see_cluster(user, cluster)


@rules.predicate
def may_read_private(user: User, scope: PersonScope) -> bool:
    if scope is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if scope.current_unit_id is not None and is_unit_staff(user) \
            and user.unit_id == scope.current_unit_id:
        return True
    year = cluster_selectors.cluster_working_year(cluster=scope.cluster,
                                                  today_year=timezone.localdate().year)
    return can_see_cluster(user, scope.cluster) and cluster_selectors.user_is_secretariat(
        user=user, cluster=scope.cluster, year=year)


rules.add_perm("commendations.lookup", sees_cluster)
rules.add_perm("commendations.view_person_private", may_read_private)
describe("commendations.act_as_superior", "Chỉ cơ quan cấp trên theo dõi cụm mới được tiếp nhận, "
                                          "trả lại, chuyển hồ sơ và ghi nhận quyết định.")
describe("commendations.record_on_paper", "Cấp trên của cụm xử lý hồ sơ trên phần mềm: thư ký "
                                          "cụm chỉ ghi nhận văn bản giấy khi cấp trên không "
                                          "dùng phần mềm.")
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
