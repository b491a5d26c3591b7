"""Permissions of the campaigns app (``rules`` package), all on a cluster-year
(``cluster.rules.YearScope``):

- ``campaigns.view_year``: everyone who sees the cluster (member units' staff, observers,
  the secretariat, admins) reads campaigns, documents, criteria and conferences;
- ``campaigns.manage_year``: the secretariat of that year (and admins) creates and edits
  them, issues numbers in the series, publishes bulletins.

The permissions on good practices and unit reports moved with them to ``results.rules``.

Views answer 404 to anyone without the permission (cluster.mixins.PermissionOr404Mixin).
"""

from __future__ import annotations

import rules

from cluster import selectors
from cluster.models import User
from cluster.permissions import describe
from cluster.rules import YearScope, is_admin, is_secretariat_of


@rules.predicate
def can_see_year(user: User, scope: YearScope) -> bool:
    return scope is not None and scope.cluster.pk in selectors.user_cluster_ids(user)


rules.add_perm("campaigns.view_year", can_see_year)
rules.add_perm("campaigns.manage_year", is_admin | (can_see_year & is_secretariat_of))


# What a refusal says (``cluster.permissions.require``) when the service gives no words of its own.
describe("campaigns.manage_year", "Chỉ Cụm trưởng (thư ký cụm) mới được thực hiện việc này.")
