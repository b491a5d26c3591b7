"""Reporting periods (issue #4): the state-management areas of a cluster-year, creating a
period, its deadline and tie-break rule, and its phases. Finalising, which locks every report,
is in ``results.services.results`` beside the reports it locks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from campaigns import services as campaign_services
from cluster.history import save_with_history
from cluster.models import Cluster, User
from cluster.permissions import require
from cluster.rules import YearScope
from results.models import ReportingPeriod, StateArea
from results.selectors.results import DEADLINE_MILESTONES
from results.services.notices import period_phase_notify

Phase = ReportingPeriod.Phase

DEFAULT_AREAS = [
    "Tổ chức bộ máy, biên chế",
    "Chính quyền địa phương",
    "Công tác hội",
    "Cán bộ, công chức, viên chức",
    "Cải cách hành chính",
    "Công tác thanh niên",
    "Thi đua, khen thưởng",
    "Văn thư, lưu trữ",
    "Tín ngưỡng, tôn giáo",
]


MANAGE = "campaigns.manage_year"  # the secretariat of the year, and admins


# --- periods ----------------------------------------------------------------------------------


def areas_ensure(*, cluster: Cluster, year: int) -> list[StateArea]:
    """The year's state-management areas; the previous year's list (or the nine areas of the
    seed) is copied when the year has none yet."""
    areas = list(StateArea.objects.filter(cluster=cluster, year=year))
    if areas:
        return areas
    previous = StateArea.objects.filter(cluster=cluster, year__lt=year).order_by("-year").first()
    names = (
        list(StateArea.objects.filter(cluster=cluster, year=previous.year)
             .order_by("order", "pk").values_list("name", flat=True))
        if previous else DEFAULT_AREAS
    )
    StateArea.objects.bulk_create(
        [StateArea(cluster=cluster, year=year, order=i, name=n) for i, n in enumerate(names)],
        ignore_conflicts=True,
    )
    return list(StateArea.objects.filter(cluster=cluster, year=year))


def _check_deadline(deadline, year: int) -> None:
    if deadline is None:
        raise ValidationError({"deadline": "Vui lòng nhập hạn nộp báo cáo."})
    if not (year - 1 <= timezone.localtime(deadline).year <= year + 1):
        raise ValidationError({"deadline": f"Hạn nộp phải gần năm {year} (từ năm {year - 1} "
                                           f"đến năm {year + 1})."})


def _deadline_milestone(period: ReportingPeriod, acting_user: User | None) -> None:
    """The period's deadline is its milestone's date too (one date, issue #13)."""
    campaign_services.milestone_follow_deadline(
        cluster=period.cluster, year=period.year, kind=DEADLINE_MILESTONES[period.kind],
        due_on=timezone.localtime(period.deadline).date(), acting_user=acting_user)


@transaction.atomic
def period_create(*, cluster: Cluster, year: int, kind: str, deadline, acting_user: User | None,
                  tie_break: str = ReportingPeriod.TieBreak.SELF_TOTAL) -> ReportingPeriod:
    require(acting_user, MANAGE, YearScope(cluster, year))
    _check_deadline(deadline, year)
    period = ReportingPeriod(cluster=cluster, year=year, kind=kind, deadline=deadline,
                             tie_break=tie_break)
    save_with_history(period, acting_user=acting_user, reason="Tạo kỳ báo cáo")
    _deadline_milestone(period, acting_user)
    areas_ensure(cluster=cluster, year=year)
    return period


@transaction.atomic
def period_update(*, period: ReportingPeriod, deadline, tie_break: str,
                  acting_user: User | None) -> ReportingPeriod:
    """Change the deadline or the tie-break rule, openly (in the period's history). Reports
    already submitted keep their lateness: moving the deadline does not rewrite it."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require(acting_user, MANAGE, YearScope(period.cluster, period.year))
    if period.phase == Phase.FINAL:
        raise ValidationError("Kỳ báo cáo đã chốt kết quả, không thể sửa.")
    _check_deadline(deadline, period.year)
    reasons = []
    if deadline != period.deadline:
        reasons.append("Đổi hạn nộp từ " + timezone.localtime(period.deadline)
                       .strftime("%H:%M %d/%m/%Y"))
    if tie_break != period.tie_break:
        reasons.append("Đổi cách xếp khi bằng điểm")
    moved = deadline != period.deadline
    period.deadline, period.tie_break = deadline, tie_break
    save_with_history(period, acting_user=acting_user, reason="; ".join(reasons)[:100])
    if moved:
        _deadline_milestone(period, acting_user)
    return period


PHASE_ORDER = [Phase.NOT_OPEN, Phase.SUBMITTING, Phase.VERIFYING, Phase.EXPLAINING]


@transaction.atomic
def period_set_phase(*, period: ReportingPeriod, phase: str, acting_user: User | None
                     ) -> ReportingPeriod:
    """Open the next phase or step back one; the final phase is reached only through
    ``period_finalise`` and nothing moves after it."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require(acting_user, MANAGE, YearScope(period.cluster, period.year),
            message="Chỉ Cụm trưởng (thư ký cụm) mới được chuyển giai đoạn.")
    if period.phase == Phase.FINAL:
        raise ValidationError("Kỳ báo cáo đã chốt kết quả, không thể đổi giai đoạn.")
    if phase not in PHASE_ORDER:
        raise ValidationError(
            "Giai đoạn không hợp lệ. Dùng chức năng “Chốt kết quả” để kết thúc kỳ.")
    if abs(PHASE_ORDER.index(phase) - PHASE_ORDER.index(period.phase)) != 1:
        raise ValidationError("Chỉ có thể chuyển sang giai đoạn liền kề.")
    period.phase = phase
    save_with_history(period, acting_user=acting_user,
                      reason=f"Giai đoạn: {period.get_phase_display()}")
    period_phase_notify(period=period)
    return period


__all__ = [
    "DEFAULT_AREAS", "MANAGE", "PHASE_ORDER", "areas_ensure", "period_create",
    "period_set_phase", "period_update",
]
