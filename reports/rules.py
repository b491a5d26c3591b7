"""Permissions of the reports app (``rules`` package):

- ``reports.view_documents`` (a ``YearScope``): everyone who sees the cluster lists its
  documents and downloads what has been issued;
- ``reports.prepare_documents`` (a ``YearScope``): the secretariat of the year and admins
  download drafts (with the data as it is now) and issue documents with a number;
- ``reports.view_results`` (a ``ReportingPeriod``): the score table and ranking of a period,
  for the secretariat and admins at any time, for every reader of the cluster once the period's
  results are finalised.

The pledge follows ``pledges.view_pledge``. Views answer 404 without the permission.
"""

from __future__ import annotations

import rules

from cluster.models import User
from cluster.rules import YearScope, can_see_cluster, is_admin, is_secretariat_of
from results.models import ReportingPeriod


@rules.predicate
def can_see_year(user: User, scope: YearScope) -> bool:
    return scope is not None and can_see_cluster(user, scope.cluster)


def _scope(period: ReportingPeriod | None) -> YearScope | None:
    return YearScope(period.cluster, period.year) if period is not None else None


@rules.predicate
def can_see_period(user: User, period: ReportingPeriod) -> bool:
    return can_see_year(user, _scope(period))


@rules.predicate
def is_secretariat_of_period(user: User, period: ReportingPeriod) -> bool:
    return is_secretariat_of(user, _scope(period))


@rules.predicate
def is_finalised(user: User, period: ReportingPeriod) -> bool:
    return period is not None and period.phase == ReportingPeriod.Phase.FINAL


rules.add_perm("reports.view_documents", can_see_year)
rules.add_perm("reports.prepare_documents", is_admin | (can_see_year & is_secretariat_of))
rules.add_perm("reports.view_results",
               is_admin | (can_see_period & (is_secretariat_of_period | is_finalised)))
