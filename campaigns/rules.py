"""Permissions of the campaigns app (``rules`` package), all on a cluster-year
(``cluster.rules.YearScope``):

- ``campaigns.view_year``: everyone who sees the cluster (member units' staff, observers,
  the secretariat, admins) reads campaigns, documents, criteria and conferences;
- ``campaigns.manage_year``: the secretariat of that year (and admins) creates and edits
  them, issues numbers in the series, publishes bulletins.

Views answer 404 to anyone without the permission (cluster.mixins.PermissionOr404Mixin).
"""

from __future__ import annotations

import rules

from cluster import selectors
from cluster.models import User
from cluster.rules import YearScope, is_admin, is_secretariat_of


@rules.predicate
def can_see_year(user: User, scope: YearScope) -> bool:
    return scope is not None and scope.cluster.pk in selectors.user_cluster_ids(user)


rules.add_perm("campaigns.view_year", can_see_year)
rules.add_perm("campaigns.manage_year", is_admin | (can_see_year & is_secretariat_of))


# --- Good practices (điển hình tiên tiến, cách làm hay) ---------------------------------------
# Everyone who sees the cluster reads them (``campaigns.view_year``). The secretariat of the
# practice's year adds and edits any; a member unit's officers and leader add their unit's and
# edit their unit's. ``add_practice`` is checked on the YearScope, ``change_practice`` on the
# practice itself.


def unit_is_member(unit_id: int | None, scope: YearScope) -> bool:
    return bool(unit_id) and any(
        u.pk == unit_id for u in selectors.cluster_member_units(cluster=scope.cluster,
                                                               year=scope.year))


@rules.predicate
def is_member_staff_of(user: User, scope: YearScope) -> bool:
    return (scope is not None and user.is_authenticated
            and user.role in (User.Role.OFFICER, User.Role.LEADER)
            and unit_is_member(user.unit_id, scope))


def _practice_scope(practice) -> YearScope | None:
    return YearScope(practice.cluster, practice.year) if practice is not None else None


@rules.predicate
def can_see_practice(user: User, practice) -> bool:
    return can_see_year(user, _practice_scope(practice))


@rules.predicate
def is_secretariat_of_practice(user: User, practice) -> bool:
    return is_secretariat_of(user, _practice_scope(practice))


@rules.predicate
def is_staff_of_practice_unit(user: User, practice) -> bool:
    return (practice is not None and user.is_authenticated and user.unit_id == practice.unit_id
            and user.role in (User.Role.OFFICER, User.Role.LEADER))


rules.add_perm("campaigns.add_practice",
               is_admin | (can_see_year & (is_secretariat_of | is_member_staff_of)))
rules.add_perm("campaigns.change_practice",
               is_admin | (can_see_practice & (is_secretariat_of_practice
                                               | is_staff_of_practice_unit)))
