"""Permission predicates for pledges (the ``rules`` package). The object of every permission
is a ``cluster.rules.YearScope`` (the cluster and the pledge's year). Views check them through
``cluster.mixins.PermissionOr404Mixin``, so anyone outside the scope gets a 404."""

from __future__ import annotations

import rules

from cluster.models import User
from cluster.rules import YearScope, can_see_cluster, is_admin, is_secretariat_of, is_unit_leader
from pledges import selectors


@rules.predicate
def can_see_year(user: User, scope: YearScope) -> bool:
    return scope is not None and can_see_cluster(user, scope.cluster)


@rules.predicate
def leads_member_unit(user: User, scope: YearScope) -> bool:
    """The user is the leader of a unit that is a member of the cluster in that year.
    Officers, observers and admins have no signature to give."""
    if scope is None or not is_unit_leader(user):
        return False
    cache = user.__dict__.setdefault("_pledge_member_cache", {})
    key = (scope.cluster.pk, scope.year)
    if key not in cache:
        cache[key] = selectors.unit_is_member(
            cluster=scope.cluster, year=scope.year, unit_id=user.unit_id
        )
    return cache[key]


rules.add_perm("pledges.view_pledge", can_see_year)
rules.add_perm("pledges.manage_pledge", can_see_year & (is_admin | is_secretariat_of))
rules.add_perm("pledges.sign_pledge", can_see_year & leads_member_unit)


def can_sign(user: User, scope: YearScope) -> bool:
    """The signing permission as the rule says, without Django's "superusers have every
    permission" shortcut: an admin has no unit and no signature to give."""
    return rules.has_perm("pledges.sign_pledge", user, scope)
