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
from cluster.rules import YearScope, can_see_cluster, is_admin, is_secretariat_of
from results.rules import can_view_ranking


@rules.predicate
def can_see_year(user: User, scope: YearScope) -> bool:
    return scope is not None and can_see_cluster(user, scope.cluster)


rules.add_perm("reports.view_documents", can_see_year)
rules.add_perm("reports.prepare_documents", is_admin | (can_see_year & is_secretariat_of))
rules.add_perm("reports.view_results", can_view_ranking)
