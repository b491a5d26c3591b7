"""Permissions of the reports app (``rules`` package):

- ``reports.view_documents`` (a ``YearScope``): everyone who sees the cluster lists its
  documents and downloads what has been issued;
- ``reports.prepare_documents`` (a ``YearScope``): the secretariat of the year and admins
  download drafts (with the data as it is now) and issue documents with a number;
- ``reports.view_results`` (a ``ReportingPeriod``): the score table and ranking of a period,
  for whoever sees the ranking page (``results.view_ranking``, the same predicate): the
  secretariat, observers and admins at any time, every reader of the cluster once the period's
  results are finalised.

The pledge follows ``pledges.view_pledge``. Views answer 404 without the permission.
"""

from __future__ import annotations

import rules

from cluster.models import User
from cluster.permissions import describe
from cluster.rules import YearScope, can_see_cluster, is_admin, is_secretariat_of
from results.rules import can_view_ranking


@rules.predicate
def can_see_year(user: User, scope: YearScope) -> bool:
    return scope is not None and can_see_cluster(user, scope.cluster)


rules.add_perm("reports.view_documents", can_see_year)
rules.add_perm("reports.prepare_documents", is_admin | (can_see_year & is_secretariat_of))
rules.add_perm("reports.view_results", can_view_ranking)


# --- digital signatures (issue #18, docs/signatures.md) ---------------------------------------
# ``reports.sign_as_person`` (an issued document): the person printed in its signature block
# (the chair unit's leader, or the deputy printed after "KT."), signing with their own key;
# ``reports.sign_as_body`` (an issued document): the secretariat of the year who is an
# officer (công chức) of the chair unit printed on the document applies that unit's signature
# (the app has no văn thư role: the chair unit's secretariat does the văn thư's work). Nobody
# else, admins included: a signature is never made with a key the requester may not use.


def _fold(text) -> str:
    return " ".join(str(text or "").casefold().split())


def _printed_chair(document) -> dict:
    snapshot = getattr(document, "snapshot", None)
    chair = snapshot.get("chair") if isinstance(snapshot, dict) else None
    return chair if isinstance(chair, dict) else {}


def _in_printed_chair_unit(user: User, document) -> bool:
    unit = getattr(user, "unit", None)
    chair = _printed_chair(document)
    return bool(unit and chair.get("unit") and _fold(unit.name) == _fold(chair["unit"]))


@rules.predicate
def is_printed_signer(user: User, document) -> bool:
    if document is None or not getattr(document, "is_issued", False):
        return False
    if not user.is_authenticated or not user.is_active or user.role != User.Role.LEADER:
        return False
    chair = _printed_chair(document)
    return (_in_printed_chair_unit(user, document) and bool(chair.get("signer"))
            and _fold(user.full_name) == _fold(chair["signer"]))


@rules.predicate
def applies_body_signature(user: User, document) -> bool:
    if document is None or not getattr(document, "is_issued", False):
        return False
    if not user.is_authenticated or not user.is_active or user.role != User.Role.OFFICER:
        return False  # the unit's công chức doing the văn thư's work, not its leaders
    return (_in_printed_chair_unit(user, document)
            and is_secretariat_of(user, YearScope(document.cluster, document.year)))


rules.add_perm("reports.sign_as_person", is_printed_signer)
rules.add_perm("reports.sign_as_body", applies_body_signature)
describe("reports.sign_as_person", "Chỉ người có thẩm quyền ký ghi trên văn bản (lãnh đạo đơn vị "
         "Cụm trưởng) mới được ký số văn bản này, bằng khóa của chính mình.")
describe("reports.sign_as_body", "Chỉ thư ký cụm thuộc đơn vị Cụm trưởng (làm công việc văn thư) "
         "mới được ký số của cơ quan lên văn bản này.")
