"""Permission predicates (the ``rules`` package). Views check these through
``cluster.mixins.PermissionOr404Mixin``; templates through ``{% has_perm %}``.
Anything outside a user's scope answers 404, so nothing leaks that it exists."""

from __future__ import annotations

from dataclasses import dataclass

import rules

from cluster import selectors
from cluster.models import Cluster, User
from cluster.permissions import describe


@dataclass(frozen=True)
class YearScope:
    """The object of a permission that concerns one cluster in one year."""

    cluster: Cluster
    year: int


@rules.predicate
def is_observer(user: User) -> bool:
    """Reads as the ministry's observers read: an observer (every cluster) or an account of a
    superior body (only the clusters its body oversees: every predicate that names
    ``is_observer`` also asks that the user sees the cluster)."""
    return user.is_authenticated and user.role in (User.Role.OBSERVER, User.Role.SUPERIOR)


@rules.predicate
def is_superior_account(user: User) -> bool:
    """An account of a superior body (``User.Role.SUPERIOR``)."""
    return (user.is_authenticated and user.role == User.Role.SUPERIOR
            and user.superior_body_id is not None)


@rules.predicate
def is_superior_of(user: User, scope: YearScope) -> bool:
    """An active account of a superior body that oversees the cluster and acts in the app."""
    return scope is not None and selectors.user_oversees(user=user, cluster=scope.cluster)


@rules.predicate
def cluster_records_on_paper(user: User, scope: YearScope) -> bool:
    """The cluster's superior answers on paper (no active account in the app, or its body
    says so): the secretariat records what it received."""
    return scope is not None and selectors.cluster_records_on_paper(cluster=scope.cluster)


@rules.predicate
def is_unit_leader(user: User) -> bool:
    return user.is_authenticated and user.role == User.Role.LEADER and user.unit_id is not None


@rules.predicate
def is_unit_staff(user: User) -> bool:
    return user.is_authenticated and user.unit_id is not None and user.role in (
        User.Role.OFFICER, User.Role.LEADER,
    )


@rules.predicate
def can_see_cluster(user: User, cluster: Cluster) -> bool:
    return cluster is not None and cluster.pk in selectors.user_cluster_ids(user)


@rules.predicate
def can_see_unit(user: User, unit) -> bool:
    return unit is not None and selectors.unit_visible_to(user=user, unit=unit)


@rules.predicate
def is_member_staff_of(user: User, scope: YearScope) -> bool:
    """An officer or leader of a unit that is a member of the cluster that year."""
    return scope is not None and is_unit_staff(user) and selectors.user_unit_is_member(
        user=user, cluster=scope.cluster, year=scope.year)


@rules.predicate
def leads_member_unit(user: User, scope: YearScope) -> bool:
    """The leader of a unit that is a member of the cluster that year: who signs the pledge
    and casts the unit's ballot. Officers, observers and admins have no unit to commit."""
    return scope is not None and is_unit_leader(user) and selectors.user_unit_is_member(
        user=user, cluster=scope.cluster, year=scope.year)


@rules.predicate
def is_secretariat_of(user: User, scope: YearScope) -> bool:
    return scope is not None and selectors.user_is_secretariat(
        user=user, cluster=scope.cluster, year=scope.year
    )


@rules.predicate
def is_secretariat_of_previous_year(user: User, scope: YearScope) -> bool:
    return scope is not None and selectors.user_is_secretariat(
        user=user, cluster=scope.cluster, year=scope.year - 1
    )


is_admin = rules.is_superuser

rules.add_perm("cluster.view_cluster_page", can_see_cluster)
rules.add_perm("cluster.view_unit_page", can_see_unit)
# Next year's chair and vice-chair are agreed at the year-end review, so last year's
# secretariat confirms them; this year's secretariat may correct them.
rules.add_perm(
    "cluster.confirm_roles",
    is_admin | is_secretariat_of | is_secretariat_of_previous_year,
)
# Members and their people's accounts (issue #13): the secretariat of the year.
rules.add_perm("cluster.manage_members", is_admin | is_secretariat_of)


# People's accounts (issue #13, point 4): the secretariat of the year manages every member
# unit's people, a member unit's leader their own unit's. The page itself (``manage_people``,
# on the year) is theirs; each person (``manage_unit_people``, on the person's unit) is
# checked against the unit, which must be a member that year.
@dataclass(frozen=True)
class UnitScope:
    """The object of a permission on one member unit of a cluster in one year."""

    cluster: Cluster
    year: int
    unit_id: int

    @property
    def year_scope(self) -> YearScope:
        return YearScope(self.cluster, self.year)


def _unit_is_member(scope: UnitScope) -> bool:
    return scope.unit_id in selectors.cluster_member_unit_ids(cluster_id=scope.cluster.pk,
                                                             year=scope.year)


@rules.predicate
def may_manage_every_member_unit(user: User, scope: UnitScope) -> bool:
    return scope is not None and _unit_is_member(scope) and (
        user.is_superuser or selectors.user_is_secretariat(
            user=user, cluster=scope.cluster, year=scope.year))


@rules.predicate
def leads_the_member_unit(user: User, scope: UnitScope) -> bool:
    return scope is not None and is_unit_leader(user) and user.unit_id == scope.unit_id \
        and _unit_is_member(scope)


rules.add_perm("cluster.manage_people", is_admin | is_secretariat_of | leads_member_unit)
rules.add_perm("cluster.manage_unit_people", may_manage_every_member_unit | leads_the_member_unit)
describe("cluster.manage_unit_people",
         "Chỉ thư ký cụm (mọi đơn vị thành viên) hoặc lãnh đạo đơn vị (đơn vị mình) mới được "
         "quản lý tài khoản người dùng của đơn vị này.")

# The guided set-up of a new cluster (issue #13, point 3): administrators only; a page of the
# set-up answers 404 to everyone else.
rules.add_perm("cluster.run_setup", is_admin)
# The year's checklist on the home page: whoever prepares the year.
rules.add_perm("cluster.view_checklist", is_admin | is_secretariat_of)
describe("cluster.run_setup", "Chỉ quản trị viên mới được thiết lập cụm thi đua.")
