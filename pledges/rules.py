"""Permission predicates for pledges (the ``rules`` package). The object of every permission
is a ``cluster.rules.YearScope`` (the cluster and the pledge's year). Views check them through
``cluster.mixins.PermissionOr404Mixin``, so anyone outside the scope gets a 404."""

from __future__ import annotations

import rules

from cluster.models import User
from cluster.permissions import describe
from cluster.rules import (
    YearScope,
    can_see_cluster,
    is_admin,
    is_secretariat_of,
    leads_member_unit,
)


@rules.predicate
def can_see_year(user: User, scope: YearScope) -> bool:
    return scope is not None and can_see_cluster(user, scope.cluster)


rules.add_perm("pledges.view_pledge", can_see_year)
rules.add_perm("pledges.manage_pledge", can_see_year & (is_admin | is_secretariat_of))
rules.add_perm("pledges.sign_pledge", can_see_year & leads_member_unit)


def can_sign(user: User, scope: YearScope) -> bool:
    """The signing permission as the rule says, without Django's "superusers have every
    permission" shortcut: an admin has no unit and no signature to give."""
    return rules.has_perm("pledges.sign_pledge", user, scope)


# What a refusal says (``cluster.permissions.require``).
describe("pledges.manage_pledge", "Chỉ Cụm trưởng (thư ký cụm) mới được lập, sửa, chuyển trạng "
                                  "thái giao ước và ghi nhận chữ ký trên giấy.")
describe("pledges.sign_pledge", "Chỉ lãnh đạo đơn vị thành viên mới được ký giao ước.")
