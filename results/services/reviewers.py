"""Writes of reviewer independence and the review by criterion (issue #17, parts 3 and 5).

- ``review_setting_set``: the secretariat names the year's alternate reviewer unit.
- ``report_recuse``: the report's reviewer declares a conflict of interest; the report passes
  to the next reviewer of the chain (``results.selectors.reviewers``). Refused when nobody
  would be left: the secretariat must first name an alternate.
- ``report_adjust``: adjusted points and comments on one report without completing its review
  (the review by criterion), through the same checks, locks and optimistic version as
  ``report_review`` (``results.services.results.review_changes``).
- ``criterion_adjust``: ``report_adjust`` for each row of the review-by-criterion page, one
  transaction per report, so a stale row is refused alone and the others are saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cluster import request_cache
from cluster import selectors as cluster_selectors
from cluster.history import save_with_history
from cluster.models import Unit, User
from cluster.permissions import NotAllowed, require
from cluster.rules import YearScope
from results.models import ReportingPeriod, UnitReport
from results.models.review import ReviewParty, ReviewRecusal, ReviewSetting
from results.selectors import reviewers
from results.services.results import (
    ConcurrentEditError,
    _conflict,
    _lock,
    report_recompute,
    report_review_refusal,
    review_changes,
)

__all__ = ["RowOutcome", "criterion_adjust", "report_adjust", "report_recuse",
           "review_setting_set"]


@transaction.atomic
def review_setting_set(*, cluster, year: int, alternate_unit: Unit | None, acting_user: User,
                       note: str = "") -> ReviewSetting:
    """Name (or clear) the member unit that reviews when neither the secretariat nor the
    vice-chair unit may. It must be a member that year, and neither the chair nor the
    vice-chair."""
    require(acting_user, "campaigns.manage_year", YearScope(cluster, year),
            message="Chỉ Cụm trưởng (thư ký cụm) mới được chỉ định đơn vị thẩm định thay thế.")
    if alternate_unit is not None:
        members = {u.pk for u in cluster_selectors.cluster_member_units(cluster=cluster,
                                                                        year=year)}
        if alternate_unit.pk not in members:
            raise ValidationError({"alternate_unit": (
                f"{alternate_unit} không phải là thành viên của cụm năm {year}.")})
        roles = reviewers.year_reviewers(cluster=cluster, year=year)
        if alternate_unit.pk in {u.pk for u in (roles.chair, roles.vice_chair) if u}:
            raise ValidationError({"alternate_unit": (
                "Đơn vị thẩm định thay thế phải khác đơn vị Cụm trưởng và đơn vị Cụm phó.")})
    setting = (ReviewSetting.objects.select_for_update().filter(cluster=cluster, year=year)
               .first()) or ReviewSetting(cluster=cluster, year=year)
    setting.alternate_unit = alternate_unit
    setting.note = (note or "").strip()
    save_with_history(setting, acting_user=acting_user,
                      reason="Chỉ định đơn vị thẩm định thay thế")
    request_cache.clear()
    return setting


@transaction.atomic
def report_recuse(*, report: UnitReport, reason: str, acting_user: User) -> ReviewRecusal:
    """The report's current reviewer declares a conflict of interest, with the reason. The
    report passes to the next reviewer of the chain; refused when there is none."""
    report, period = _lock(report)
    if not reviewers.may_review(acting_user, period=period, unit_id=report.unit_id,
                                report_id=report.pk):
        raise NotAllowed(
            reviewers.review_refusal_text(acting_user, period=period, unit_id=report.unit_id,
                                          report_id=report.pk)
            or "Chỉ người đang được giao thẩm định báo cáo mới được khai báo xung đột lợi ích.",
            permission="results.declare_conflict")
    if (report.submitted_at is None or report.state == UnitReport.State.FINAL
            or period.phase == ReportingPeriod.Phase.FINAL):
        raise ValidationError("Báo cáo đã chốt hoặc chưa nộp: không cần khai báo xung đột "
                              "lợi ích.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Vui lòng ghi rõ lý do xung đột lợi ích."})
    current = reviewers.assignment(period=period, unit_id=report.unit_id, report_id=report.pk)
    recusal = ReviewRecusal(report=report, party=current.party, unit=current.unit,
                            reason=reason, declared_by=acting_user)
    request_cache.clear()
    # Would anyone be left? The chain without this party too.
    recused = {r.party for r in current.recusals} | {current.party}
    roles = reviewers.year_reviewers(cluster=period.cluster, year=period.year)
    left = [p for p in reviewers.CHAIN if p not in recused
            and (p == ReviewParty.SECRETARIAT or roles.unit_of(p) is not None)
            and not (roles.unit_of(p) is not None and roles.unit_of(p).pk == report.unit_id)]
    if not left:
        raise ValidationError(
            "Không còn đơn vị nào thẩm định thay báo cáo này (thư ký cụm và Cụm phó đều không "
            "được thẩm định). Thư ký cụm cần chỉ định đơn vị thẩm định thay thế cho năm "
            f"{period.year} trước khi khai báo xung đột lợi ích.", code="no_alternate")
    save_with_history(recusal, acting_user=acting_user, reason="Khai báo xung đột lợi ích")
    request_cache.clear()
    return recusal


def report_adjust(*, report: UnitReport, adjustments: dict[int, tuple], acting_user: User,
                  expected_version: int | None = None) -> UnitReport:
    """Adjusted points and comments (``{criterion_id: (points or None, comment)}``) saved on
    a report awaiting review, without completing the review: the report keeps its state until
    its reviewer completes the review on the report's page. Same refusals as ``report_review``
    (who, state, phase, values); ``expected_version`` refuses it (``ConcurrentEditError``)
    when the report changed since the reviewer read it."""
    with transaction.atomic():
        report, period = _lock(report)
        refusal = report_review_refusal(report=report, user=acting_user, period=period)
        if refusal is not None:
            raise refusal
        if expected_version is not None and report.version != expected_version:
            raise _conflict(report)
        changed, _scores = review_changes(report=report, period=period,
                                          adjustments=adjustments)
        if not changed:
            return report
        for score in changed:
            save_with_history(score, acting_user=acting_user, validate=False)
        report.version += 1
        report.last_saved_at = timezone.now()
        report.last_saved_by = acting_user
        save_with_history(report, acting_user=acting_user, validate=False,
                          reason="Điều chỉnh điểm thẩm định theo tiêu chí",
                          update_fields=["version", "last_saved_at", "last_saved_by"])
        report_recompute(report=report, period=period)
        report.refresh_from_db()
        return report


@dataclass
class RowOutcome:
    """What happened to one report's row of the review-by-criterion page."""

    report_id: int
    saved: bool
    stale: bool = False
    errors: dict | None = None  # {field: message} or {"__all__": [messages]}
    version: int | None = None


def criterion_adjust(*, reports: dict[int, tuple[int | None, dict[int, tuple]]],
                     acting_user: User) -> dict[int, RowOutcome]:
    """``{report_id: (expected version, adjustments)}``: ``report_adjust`` on each report, each
    in its own transaction (in report id order), so one stale or invalid row does not undo the
    others. Rows without a change are not touched."""
    outcomes: dict[int, RowOutcome] = {}
    found = {r.pk: r for r in UnitReport.objects.filter(pk__in=list(reports))}
    for report_id in sorted(reports):
        version, adjustments = reports[report_id]
        report = found.get(report_id)
        if report is None:
            outcomes[report_id] = RowOutcome(report_id, False,
                                             errors={"__all__": ["Không tìm thấy báo cáo."]})
            continue
        try:
            saved = report_adjust(report=report, adjustments=adjustments,
                                  acting_user=acting_user, expected_version=version)
        except ConcurrentEditError as error:
            outcomes[report_id] = RowOutcome(report_id, False, stale=True,
                                             errors={"__all__": error.messages})
        except ValidationError as error:
            errors = (error.message_dict if hasattr(error, "error_dict")
                      else {"__all__": error.messages})
            outcomes[report_id] = RowOutcome(report_id, False, errors=errors)
        else:
            outcomes[report_id] = RowOutcome(report_id, True, version=saved.version)
    return outcomes
