"""What the results workflow tells people (issue #16), called inside the services' own
transactions (``report_transition``, ``period_set_phase``, ``period_finalise``): a notice
rolled back with its event is never sent.

- a unit's officers and leader: their report returned for completion, reviewed (and asked to
  explain when the period is in its explanation phase), its points fixed when the period is
  finalised, and each change of the period's phase;
- the secretariat: a report submitted (or resubmitted) or explained, which waits for its
  review.

Each notice's key names its event (the ``ReportEvent``, the period's history row), so the
same event told twice is one notice."""

from __future__ import annotations

from django.urls import reverse

from cluster import selectors as cluster_selectors
from notifications import selectors as notification_selectors
from notifications.kinds import Kind
from notifications.services import notify
from results.models import ReportEvent, ReportingPeriod, UnitReport

State = UnitReport.State
Phase = ReportingPeriod.Phase


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _report_url(period: ReportingPeriod, unit_id: int, name: str = "report") -> str:
    return reverse(f"results:{name}", kwargs={"slug": period.cluster.slug, "year": period.year,
                                              "kind": period.kind, "unit_pk": unit_id})


def _staff(unit_id: int):
    return notification_selectors.unit_people(unit_ids=[unit_id])


def report_event_notify(*, report: UnitReport, period: ReportingPeriod,
                        event: ReportEvent) -> None:
    """Tell whoever the report's move asks something of, or whose record it changes."""
    unit, to_state = report.unit, event.to_state
    what = f"{_lower_first(str(period))} của {unit.name}"
    key = f"report:{report.pk}:event:{event.pk}"
    common = {"cluster": period.cluster}
    if to_state == State.SUBMITTED:
        again = event.from_state == State.RETURNED
        notify(kind=Kind.REPORT_TO_REVIEW, key=key,
               recipients=cluster_selectors.secretariat_accounts(
                   cluster=period.cluster, year=period.year),
               title=f"{unit.short_name or unit.name} đã {'nộp lại' if again else 'nộp'} "
                     f"{_lower_first(str(period))}",
               body=f"Báo cáo {what} chờ Cụm trưởng thẩm định.",
               url=_report_url(period, unit.pk), **common)
    elif to_state == State.EXPLAINED:
        notify(kind=Kind.REPORT_TO_REVIEW, key=key,
               recipients=cluster_selectors.secretariat_accounts(
                   cluster=period.cluster, year=period.year),
               title=f"{unit.short_name or unit.name} đã giải trình "
                     f"{_lower_first(str(period))}",
               body=f"Báo cáo {what} đã được giải trình, chờ thẩm định lại.",
               url=_report_url(period, unit.pk), **common)
    elif to_state == State.RETURNED:
        notify(kind=Kind.REPORT_RETURNED, key=key, recipients=_staff(unit.pk),
               title=f"{period} bị trả lại để bổ sung",
               body=f"Nội dung cần bổ sung: {event.note}",
               url=_report_url(period, unit.pk), **common)
    elif to_state in (State.REVIEWED, State.SECOND_REVIEWED):
        again = to_state == State.SECOND_REVIEWED
        notify(kind=Kind.REPORT_REVIEWED, key=key, recipients=_staff(unit.pk),
               title=f"{period} đã được {'thẩm định lại' if again else 'thẩm định'}",
               body=(event.note or "Xem điểm sau thẩm định và ý kiến của Cụm trưởng."),
               url=_report_url(period, unit.pk), **common)
        if to_state == State.REVIEWED and period.phase == Phase.EXPLAINING:
            explanation_request(report=report, period=period, key=f"{key}:giai-trinh")


def explanation_request(*, report: UnitReport, period: ReportingPeriod, key: str) -> None:
    notify(kind=Kind.EXPLANATION_REQUESTED, key=key, recipients=_staff(report.unit_id),
           title=f"Đề nghị giải trình kết quả thẩm định {_lower_first(str(period))}",
           body="Đơn vị có thể giải trình từng tiêu chí có điểm thẩm định khác điểm tự chấm "
                "cho đến khi Cụm trưởng chốt kết quả.",
           url=_report_url(period, report.unit_id, "explain"), cluster=period.cluster)


def _event_id(period: ReportingPeriod) -> int:
    """The history row of the period's change just saved: names the event in the keys."""
    return period.history.values_list("history_id", flat=True).first()


def period_phase_notify(*, period: ReportingPeriod) -> None:
    """The period's phase has changed: every member unit's staff are told; on opening the
    explanation phase, each unit whose report was reviewed is asked for its explanation."""
    event = _event_id(period)
    members = [u.pk for u in cluster_selectors.cluster_member_units(
        cluster=period.cluster, year=period.year)]
    notify(kind=Kind.PERIOD_PHASE, key=f"period:{period.pk}:phase:{event}",
           recipients=notification_selectors.unit_people(unit_ids=members),
           title=f"{period}: {period.get_phase_display()}",
           body=f"{period} của {period.cluster.name} chuyển sang giai đoạn "
                f"“{period.get_phase_display()}”.",
           url=reverse("results:board", kwargs={"slug": period.cluster.slug,
                                                "year": period.year, "kind": period.kind}),
           cluster=period.cluster)
    if period.phase == Phase.EXPLAINING:
        for report in UnitReport.objects.filter(period=period, state=State.REVIEWED,
                                                unit_id__in=members):
            explanation_request(report=report, period=period,
                                key=f"report:{report.pk}:giai-trinh:{event}")


def period_final_notify(*, period: ReportingPeriod) -> None:
    """The period is finalised: each member unit is told its points are fixed (on its report,
    or on the ranking if it sent none)."""
    event = _event_id(period)
    members = cluster_selectors.cluster_member_units(cluster=period.cluster, year=period.year)
    reported = set(UnitReport.objects.filter(period=period).values_list("unit_id", flat=True))
    people = notification_selectors.unit_people(unit_ids=[u.pk for u in members])
    for unit in members:
        staff = [p for p in people if p.unit_id == unit.pk]
        if unit.pk in reported:
            notify(kind=Kind.REPORT_REVIEWED, key=f"period:{period.pk}:final:{event}:{unit.pk}",
                   recipients=staff, title=f"Đã chốt kết quả {_lower_first(str(period))}",
                   body=f"Điểm của {unit.name} trong {_lower_first(str(period))} đã được "
                        "chốt; không còn thay đổi.",
                   url=_report_url(period, unit.pk), cluster=period.cluster)
        else:
            notify(kind=Kind.PERIOD_PHASE, key=f"period:{period.pk}:final:{event}:{unit.pk}",
                   recipients=staff, title=f"Đã chốt kết quả {_lower_first(str(period))}",
                   body=f"{period} của {period.cluster.name} đã chốt kết quả.",
                   url=reverse("results:ranking", kwargs={
                       "slug": period.cluster.slug, "year": period.year, "kind": period.kind}),
                   cluster=period.cluster)
    notify(kind=Kind.PERIOD_PHASE, key=f"period:{period.pk}:final:{event}:observers",
           recipients=notification_selectors.observer_people(),
           title=f"{period.cluster.name}: đã chốt kết quả {_lower_first(str(period))}",
           body=f"{period} của {period.cluster.name} đã chốt điểm và thứ hạng.",
           url=reverse("results:ranking", kwargs={
               "slug": period.cluster.slug, "year": period.year, "kind": period.kind}),
           cluster=period.cluster)


__all__ = ["explanation_request", "period_final_notify", "period_phase_notify",
           "report_event_notify"]
