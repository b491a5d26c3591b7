"""Permissions of the results app (``rules`` package): good practices, unit reports, the
board and the ranking of a period. Everything here narrows ``campaigns.view_year`` (who sees
the cluster-year, ``campaigns.rules.can_see_year``).

Views answer 404 to anyone without the permission (cluster.mixins.PermissionOr404Mixin).
"""

from __future__ import annotations

from dataclasses import dataclass

import rules

from campaigns.rules import can_see_year
from cluster.models import User
from cluster.permissions import describe
from cluster.rules import (
    YearScope,
    is_admin,
    is_member_staff_of,
    is_observer,
    is_secretariat_of,
    is_unit_leader,
    is_unit_staff,
)
from results.models import ReportingPeriod
from results.selectors import reviewers

# --- Good practices (điển hình tiên tiến, cách làm hay) ---------------------------------------
# Everyone who sees the cluster reads them (``campaigns.view_year``). The secretariat of the
# practice's year adds and edits any; a member unit's officers and leader add their unit's and
# edit their unit's. ``add_practice`` is checked on the YearScope, ``change_practice`` on the
# practice itself.


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


rules.add_perm("results.add_practice",
               is_admin | (can_see_year & (is_secretariat_of | is_member_staff_of)))
rules.add_perm("results.change_practice",
               is_admin | (can_see_practice & (is_secretariat_of_practice
                                               | is_staff_of_practice_unit)))


# --- Unit results (issue #4) ------------------------------------------------------------------
# A unit's officers and leader see and edit their own unit's report; only the leader submits.
# The secretariat of the year and observers (the ministry) read a report once it has been
# submitted: a draft is the unit's own work, and the board shows only its status. No unit sees
# another unit's report (404), except a successor unit's staff, who read the submitted reports
# of the units that merged into theirs. Only the secretariat reviews, returns and finalises.
# The view, edit, submit and explain permissions are checked without Django's superuser
# shortcut (``rules.has_perm``): an admin belongs to no unit, has no report to write, and reads
# a unit's report, like the secretariat, only once it has been submitted.


@dataclass(frozen=True)
class ReportScope:
    """The object of a report permission: a unit's report of a period (``report`` is None
    until the unit starts it)."""

    period: object  # results.models.ReportingPeriod
    unit: object  # cluster.models.Unit
    report: object | None  # results.models.UnitReport

    @property
    def year_scope(self) -> YearScope:
        return YearScope(self.period.cluster, self.period.year)


@rules.predicate
def can_see_report_year(user: User, scope: ReportScope) -> bool:
    return scope is not None and can_see_year(user, scope.year_scope)


@rules.predicate
def is_report_unit_staff(user: User, scope: ReportScope) -> bool:
    return scope is not None and is_unit_staff(user) and user.unit_id == scope.unit.pk


@rules.predicate
def is_report_unit_leader(user: User, scope: ReportScope) -> bool:
    return scope is not None and is_unit_leader(user) and user.unit_id == scope.unit.pk


@rules.predicate
def is_report_successor_staff(user: User, scope: ReportScope) -> bool:
    return (scope is not None and is_unit_staff(user)
            and scope.unit.successor_id is not None and scope.unit.successor_id == user.unit_id)


@rules.predicate
def report_was_submitted(user: User, scope: ReportScope) -> bool:
    return scope is not None and scope.report is not None and (
        scope.report.submitted_at is not None)


@rules.predicate
def is_report_secretariat(user: User, scope: ReportScope) -> bool:
    return scope is not None and is_secretariat_of(user, scope.year_scope)


def _period_scope(period) -> YearScope | None:
    return YearScope(period.cluster, period.year) if period is not None else None


@rules.predicate
def can_see_period(user: User, period) -> bool:
    return can_see_year(user, _period_scope(period))


@rules.predicate
def is_period_secretariat(user: User, period) -> bool:
    return is_secretariat_of(user, _period_scope(period))


@rules.predicate
def is_period_member_staff(user: User, period) -> bool:
    return is_member_staff_of(user, _period_scope(period))


@rules.predicate
def period_is_final(user: User, period) -> bool:
    return period is not None and period.phase == ReportingPeriod.Phase.FINAL


# Nobody reviews their own unit's report (issue #17): the chair unit's own report goes to the
# vice-chair unit (or the year's alternate), and a reviewer who declared a conflict hands the
# report to the next of the chain (results.selectors.reviewers). The designated reviewer also
# reads the report it reviews; the secretariat opens the review pages of its own unit's
# report only to be told who reviews it (``open_review``).
@rules.predicate
def is_report_reviewer(user: User, scope: ReportScope) -> bool:
    return scope is not None and scope.report is not None and reviewers.may_review(
        user, period=scope.period, unit_id=scope.unit.pk, report_id=scope.report.pk)


@rules.predicate
def is_period_reviewer(user: User, period) -> bool:
    """The user reviews some submitted report of the period (the review-by-criterion page)."""
    return period is not None and reviewers.reviews_in_period(user, period=period)


# A draft is the unit's own until it is submitted: not even a superuser reads it through the
# app's pages (``view_report`` is checked without the superuser shortcut, docs/architecture.md).
rules.add_perm("results.view_report", can_see_report_year & (
    is_report_unit_staff
    | ((is_admin | is_report_secretariat | is_observer | is_report_successor_staff
        | is_report_reviewer) & report_was_submitted)))
rules.add_perm("results.edit_report", can_see_report_year & is_report_unit_staff)
rules.add_perm("results.explain_report", can_see_report_year & is_report_unit_staff)
rules.add_perm("results.submit_report", can_see_report_year & is_report_unit_leader)
rules.add_perm("results.review_report",
               (is_admin | (can_see_report_year & is_report_reviewer)) & report_was_submitted)
rules.add_perm("results.open_review", (is_admin | (can_see_report_year & (
    is_report_reviewer | is_report_secretariat))) & report_was_submitted)
rules.add_perm("results.declare_conflict",
               can_see_report_year & is_report_reviewer & report_was_submitted)
rules.add_perm("results.review_by_criterion", is_admin | (can_see_period & (
    is_period_secretariat | is_period_reviewer)))
# The board and the ranking of a period. Every member unit's staff see who has submitted and
# who is late; the reports and their points stay with the secretariat and observers (members
# see the ranking once the period is final).
rules.add_perm("results.view_board", is_admin | (can_see_period & (
    is_period_secretariat | is_observer | is_period_member_staff)))
rules.add_perm("results.read_submitted_reports",
               is_admin | (can_see_period & (is_period_secretariat | is_observer)))
# The ranking page and the printed score table and ranking (``reports.view_results``) share this
# one predicate, so the page and the spreadsheet never disagree.
can_view_ranking = is_admin | (can_see_period & (
    is_period_secretariat | is_observer | period_is_final))
rules.add_perm("results.view_ranking", can_view_ranking)


# What a refusal says (``cluster.permissions.require``) when the service gives no words of its own.
describe("results.edit_report", "Chỉ cán bộ của đơn vị mới được soạn báo cáo của đơn vị.")
describe("results.submit_report", "Chỉ lãnh đạo đơn vị mới được nộp báo cáo.")
describe("results.explain_report", "Chỉ cán bộ của đơn vị mới được giải trình.")
describe("results.review_report", "Chỉ Cụm trưởng (thư ký cụm) mới được thẩm định.")
describe("results.declare_conflict",
         "Chỉ người đang được giao thẩm định báo cáo mới được khai báo xung đột lợi ích.")
