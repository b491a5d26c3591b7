"""Unit results (issue #4): periods and their phases, the unit's report from draft to final,
scoring, review, explanation, evidence, and finalising a period.

One transition function, ``report_transition``, drives every state change through
``REPORT_TRANSITIONS``: who may make it, in which phases, and what it records. Saves use
optimistic locking (``UnitReport.version``) so two officers never overwrite each other
silently: the second save is refused with ``ConcurrentEditError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from campaigns import scoring
from campaigns.models import (
    AreaNarrative,
    Criterion,
    CriterionScore,
    EvidenceFile,
    ReportEvent,
    ReportingPeriod,
    StateArea,
    UnitReport,
)
from campaigns.services._common import save
from cluster import selectors as cluster_selectors
from cluster import uploads
from cluster.models import Cluster, Unit, User

State = UnitReport.State
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

EDITABLE_STATES = (State.DRAFT, State.RETURNED)
EDITING_PHASES = (Phase.SUBMITTING, Phase.VERIFYING)


class ConcurrentEditError(ValidationError):
    """Someone else saved the report since this form was opened."""


@dataclass(frozen=True)
class Transition:
    actor: str  # "leader" (the unit's leader), "unit" (its officers or leader), "secretariat"
    phases: tuple[str, ...]
    label: str


REPORT_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (State.DRAFT, State.SUBMITTED): Transition(
        "leader", (Phase.SUBMITTING, Phase.VERIFYING), "Nộp báo cáo"),
    (State.RETURNED, State.SUBMITTED): Transition(
        "leader", (Phase.SUBMITTING, Phase.VERIFYING, Phase.EXPLAINING), "Nộp lại báo cáo"),
    (State.SUBMITTED, State.REVIEWED): Transition(
        "secretariat", (Phase.SUBMITTING, Phase.VERIFYING), "Thẩm định"),
    (State.REVIEWED, State.EXPLAINED): Transition(
        "unit", (Phase.EXPLAINING,), "Giải trình"),
    (State.EXPLAINED, State.SECOND_REVIEWED): Transition(
        "secretariat", (Phase.EXPLAINING,), "Thẩm định lại"),
    **{
        (source, State.RETURNED): Transition(
            "secretariat", (Phase.SUBMITTING, Phase.VERIFYING, Phase.EXPLAINING),
            "Trả lại để bổ sung")
        for source in (State.SUBMITTED, State.REVIEWED, State.EXPLAINED, State.SECOND_REVIEWED)
    },
}
# Finalising the period moves every report to FINAL (``period_finalise``), whatever its state.


def _is_secretariat(user: User, period: ReportingPeriod) -> bool:
    return bool(user and (user.is_superuser or cluster_selectors.user_is_secretariat(
        user=user, cluster=period.cluster, year=period.year)))


def _is_unit_staff(user: User, unit: Unit, *, leader: bool = False) -> bool:
    roles = (User.Role.LEADER,) if leader else (User.Role.OFFICER, User.Role.LEADER)
    return bool(user and user.unit_id == unit.pk and user.role in roles)


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
             .values_list("name", flat=True))
        if previous else DEFAULT_AREAS
    )
    StateArea.objects.bulk_create(
        [StateArea(cluster=cluster, year=year, order=i, name=n) for i, n in enumerate(names)]
    )
    return list(StateArea.objects.filter(cluster=cluster, year=year))


@transaction.atomic
def period_create(*, cluster: Cluster, year: int, kind: str, deadline, acting_user: User | None,
                  tie_break: str = ReportingPeriod.TieBreak.SELF_TOTAL) -> ReportingPeriod:
    period = ReportingPeriod(cluster=cluster, year=year, kind=kind, deadline=deadline,
                             tie_break=tie_break)
    save(period, acting_user=acting_user)
    areas_ensure(cluster=cluster, year=year)
    return period


PHASE_ORDER = [Phase.NOT_OPEN, Phase.SUBMITTING, Phase.VERIFYING, Phase.EXPLAINING]


@transaction.atomic
def period_set_phase(*, period: ReportingPeriod, phase: str, acting_user: User | None
                     ) -> ReportingPeriod:
    """Open the next phase or step back one; the final phase is reached only through
    ``period_finalise`` and nothing moves after it."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.phase == Phase.FINAL:
        raise ValidationError("Kỳ báo cáo đã chốt kết quả, không thể đổi giai đoạn.")
    if phase not in PHASE_ORDER:
        raise ValidationError("Giai đoạn không hợp lệ. Dùng chức năng “Chốt kết quả” để kết thúc kỳ.")
    if abs(PHASE_ORDER.index(phase) - PHASE_ORDER.index(period.phase)) != 1:
        raise ValidationError("Chỉ có thể chuyển sang giai đoạn liền kề.")
    period.phase = phase
    save(period, acting_user=acting_user, reason=f"Giai đoạn: {period.get_phase_display()}")
    return period


# --- reports ----------------------------------------------------------------------------------


def _leaves(period: ReportingPeriod) -> list[Criterion]:
    return [c for c in Criterion.objects.filter(cluster=period.cluster, year=period.year)
            if c.kind != Criterion.Kind.GROUP]


@transaction.atomic
def report_get_or_create(*, period: ReportingPeriod, unit: Unit, acting_user: User | None
                         ) -> UnitReport:
    """The unit's report of the period, created as a draft with a narrative per area and a
    score row per leaf criterion. Only member units of that year have a report."""
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    if report is None:
        members = {u.pk for u in cluster_selectors.cluster_member_units(
            cluster=period.cluster, year=period.year)}
        if unit.pk not in members:
            raise ValidationError(f"{unit} không phải là thành viên của cụm năm {period.year}.")
        report, _ = UnitReport.objects.get_or_create(period=period, unit=unit)
    areas = areas_ensure(cluster=period.cluster, year=period.year)
    have = set(report.narratives.values_list("area_id", flat=True))
    AreaNarrative.objects.bulk_create(
        [AreaNarrative(report=report, area=a) for a in areas if a.pk not in have])
    scored = set(report.scores.values_list("criterion_id", flat=True))
    CriterionScore.objects.bulk_create(
        [CriterionScore(report=report, criterion=c) for c in _leaves(period)
         if c.pk not in scored])
    return report


def _lock(report: UnitReport) -> UnitReport:
    return (UnitReport.objects.select_for_update().select_related("period__cluster", "unit")
            .get(pk=report.pk))


def _parse_inputs(criterion: Criterion, raw: dict) -> dict:
    """Check what a unit typed for one criterion against its kind; Vietnamese errors."""
    rule = criterion.to_rule()
    values = {"note": (raw.get("note") or "").strip()}
    try:
        if criterion.kind == Criterion.Kind.QUANTITATIVE:
            actual = raw.get("actual")
            values["actual"] = None if actual in (None, "") else rule.validate_input(actual)
        elif criterion.kind == Criterion.Kind.QUALITATIVE:
            achieved = raw.get("achieved")
            values["achieved"] = None if achieved in (None, "") else rule.validate_input(
                achieved)
        else:
            count = raw.get("count")
            values["count"] = None if count in (None, "") else rule.validate_input(count)
    except scoring.ScoringInputError as error:
        raise ValidationError({f"score_{criterion.pk}": f"Tiêu chí {criterion.code}: {error}"}
                              ) from None
    return values


@transaction.atomic
def report_save(*, report: UnitReport, expected_version: int, acting_user: User,
                fields: dict | None = None, narratives: dict[int, str] | None = None,
                scores: dict[int, dict] | None = None) -> UnitReport:
    """Save what the unit's officers typed. Refused (``ConcurrentEditError``) when someone
    saved since ``expected_version`` was read; refused when the state or phase forbids edits."""
    report = _lock(report)
    period = report.period
    if not _is_unit_staff(acting_user, report.unit):
        raise ValidationError("Chỉ cán bộ của đơn vị mới được soạn báo cáo của đơn vị.")
    if report.state not in EDITABLE_STATES:
        raise ValidationError(f"Báo cáo đang ở trạng thái “{report.get_state_display()}”, "
                              "không thể sửa.")
    if period.phase not in EDITING_PHASES:
        raise ValidationError(f"Kỳ báo cáo đang ở giai đoạn “{period.get_phase_display()}”, "
                              "không nhận chỉnh sửa.")
    if report.version != expected_version:
        who = report.last_saved_by.display_name if report.last_saved_by else "người khác"
        when = timezone.localtime(report.last_saved_at).strftime("%H:%M %d/%m/%Y") \
            if report.last_saved_at else ""
        raise ConcurrentEditError(
            f"Báo cáo vừa được {who} lưu lúc {when}. Thay đổi của bạn CHƯA được lưu và vẫn còn "
            "trên biểu mẫu: hãy mở báo cáo ở thẻ mới để xem bản mới nhất, đối chiếu rồi lưu lại.")
    criteria = {c.pk: c for c in _leaves(period)}
    parsed = {}
    errors: dict[str, list[str]] = {}
    for criterion_id, raw in (scores or {}).items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            continue
        try:
            parsed[criterion.pk] = _parse_inputs(criterion, raw)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    for name, value in (fields or {}).items():
        if name in ("key_figures", "highlights", "shortcomings", "proposals"):
            setattr(report, name, value)
    for area_id, text in (narratives or {}).items():
        AreaNarrative.objects.filter(report=report, area_id=area_id).update(text=text)
    for score in report.scores.filter(criterion_id__in=parsed):
        for name, value in parsed[score.criterion_id].items():
            setattr(score, name, value)
        score._history_user = acting_user
        score.save()
    report.version = F("version") + 1
    report.last_saved_at = timezone.now()
    report.last_saved_by = acting_user
    report._history_user = acting_user
    report.save()
    report.refresh_from_db()
    report_recompute_self(report=report)
    return report


def report_recompute_self(*, report: UnitReport) -> None:
    """Write this report's self-points and totals (the only writer of those fields)."""
    from campaigns.selectors.results import period_points

    points = period_points(period=report.period).get(report.pk, {})
    for score in report.scores.all():
        value = points.get(score.criterion_id, Decimal(0))
        if score.self_points != value:
            CriterionScore.objects.filter(pk=score.pk).update(self_points=value)
    self_total = sum(points.values(), Decimal(0))
    final_total = sum(
        (points.get(cid, Decimal(0)) if adj is None else adj
         for cid, adj in report.scores.values_list("criterion_id", "adjusted_points")),
        Decimal(0))
    UnitReport.objects.filter(pk=report.pk).update(self_total=self_total,
                                                   final_total=final_total)


def report_transition(*, report: UnitReport, to_state: str, acting_user: User, note: str = ""
                      ) -> UnitReport:
    """The one function that changes a report's state (see ``REPORT_TRANSITIONS``)."""
    with transaction.atomic():
        report = _lock(report)
        period = ReportingPeriod.objects.select_for_update().get(pk=report.period_id)
        transition = REPORT_TRANSITIONS.get((report.state, to_state))
        if transition is None:
            raise ValidationError(
                f"Không thể chuyển báo cáo từ “{report.get_state_display()}” sang "
                f"“{UnitReport.State(to_state).label}”.")
        if period.phase not in transition.phases:
            raise ValidationError(
                f"Kỳ báo cáo đang ở giai đoạn “{period.get_phase_display()}”: chưa thể "
                f"{transition.label.lower()}.")
        allowed = {
            "leader": _is_unit_staff(acting_user, report.unit, leader=True),
            "unit": _is_unit_staff(acting_user, report.unit),
            "secretariat": _is_secretariat(acting_user, period),
        }[transition.actor]
        if not allowed:
            who = {"leader": "lãnh đạo đơn vị", "unit": "cán bộ của đơn vị",
                   "secretariat": "Cụm trưởng (thư ký cụm)"}[transition.actor]
            raise ValidationError(f"Chỉ {who} mới được {transition.label.lower()}.")
        if to_state == State.SUBMITTED:
            _check_evidence(report)
            now = timezone.now()
            report.submitted_at = now
            report.submitted_by = acting_user
            report.is_late = report.is_late or now > period.deadline
        if to_state == State.RETURNED and not note.strip():
            raise ValidationError({"note": "Vui lòng ghi rõ nội dung cần bổ sung."})
        ReportEvent.objects.create(report=report, from_state=report.state, to_state=to_state,
                                   actor=acting_user, note=note)
        report.state = to_state
        report.version = F("version") + 1
        report._history_user = acting_user
        report.save()
        report.refresh_from_db()
        return report


def _check_evidence(report: UnitReport) -> None:
    missing = [
        s.criterion.code for s in report.scores.select_related("criterion")
        if s.criterion.evidence_required and s.self_points and not EvidenceFile.objects.filter(
            report=report, criterion=s.criterion, stage=EvidenceFile.Stage.SELF).exists()
    ]
    if missing:
        raise ValidationError(
            "Thiếu tệp minh chứng bắt buộc cho tiêu chí: " + ", ".join(sorted(missing)) + ".")


@transaction.atomic
def report_review(*, report: UnitReport, adjustments: dict[int, tuple], acting_user: User,
                  note: str = "") -> UnitReport:
    """The chair's review: ``{criterion_id: (points or None, comment)}``. Moves a submitted
    report to REVIEWED and an explained one to SECOND_REVIEWED."""
    report = _lock(report)
    target = {State.SUBMITTED: State.REVIEWED, State.EXPLAINED: State.SECOND_REVIEWED}.get(
        report.state)
    if target is None:
        raise ValidationError(
            f"Báo cáo đang ở trạng thái “{report.get_state_display()}”, chưa thể thẩm định.")
    scores = {s.criterion_id: s for s in report.scores.select_related("criterion")}
    errors = {}
    for criterion_id, (points, comment) in adjustments.items():
        score = scores.get(int(criterion_id))
        if score is None:
            continue
        if points is not None:
            points = Decimal(points)
            criterion = score.criterion
            low = criterion.lower_bound if criterion.kind == Criterion.Kind.BONUS_PENALTY else 0
            high = (criterion.upper_bound if criterion.kind == Criterion.Kind.BONUS_PENALTY
                    else (criterion.max_points or 0) * Decimal("1.5"))
            if not (Decimal(low or 0) <= points <= Decimal(high or 0)):
                errors[f"adjust_{criterion_id}"] = (
                    f"Tiêu chí {criterion.code}: điểm thẩm định phải từ {low} đến {high}.")
                continue
            if points != score.self_points and not (comment or "").strip():
                errors[f"comment_{criterion_id}"] = (
                    f"Tiêu chí {criterion.code}: vui lòng ghi ý kiến khi điều chỉnh điểm.")
                continue
        score.adjusted_points = points
        score.review_comment = (comment or "").strip()
    if errors:
        raise ValidationError(errors)
    for score in scores.values():
        score._history_user = acting_user
        score.save()
    report_recompute_self(report=report)
    return report_transition(report=report, to_state=target, acting_user=acting_user,
                             note=note)


@transaction.atomic
def report_explain(*, report: UnitReport, explanations: dict[int, str], acting_user: User
                   ) -> UnitReport:
    report = _lock(report)
    if not any((text or "").strip() for text in explanations.values()):
        raise ValidationError("Vui lòng nhập nội dung giải trình cho ít nhất một tiêu chí.")
    for score in report.scores.filter(criterion_id__in=[int(k) for k in explanations]):
        score.explanation = (explanations.get(score.criterion_id)
                             or explanations.get(str(score.criterion_id)) or "").strip()
        score._history_user = acting_user
        score.save()
    return report_transition(report=report, to_state=State.EXPLAINED, acting_user=acting_user)


@transaction.atomic
def period_finalise(*, period: ReportingPeriod, acting_user: User) -> ReportingPeriod:
    """Lock every report of the period and fix the totals; nothing changes afterwards."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if not _is_secretariat(acting_user, period):
        raise ValidationError("Chỉ Cụm trưởng (thư ký cụm) mới được chốt kết quả.")
    if period.phase == Phase.FINAL:
        raise ValidationError("Kỳ báo cáo đã được chốt.")
    if period.phase == Phase.NOT_OPEN:
        raise ValidationError("Kỳ báo cáo chưa mở, chưa thể chốt.")
    reports = list(UnitReport.objects.select_for_update().filter(period=period))
    for report in reports:
        report_recompute_self(report=report)
        if report.state != State.FINAL:
            ReportEvent.objects.create(report=report, from_state=report.state,
                                       to_state=State.FINAL, actor=acting_user,
                                       note="Chốt kết quả kỳ báo cáo")
    UnitReport.objects.filter(period=period).update(state=State.FINAL, version=F("version") + 1)
    period.phase = Phase.FINAL
    period.finalised_at = timezone.now()
    period.finalised_by = acting_user
    save(period, acting_user=acting_user, reason="Chốt kết quả")
    return period


# --- evidence ---------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(*, report: UnitReport, uploaded_file, acting_user: User,
                 criterion: Criterion | None = None,
                 stage: str = EvidenceFile.Stage.SELF) -> EvidenceFile:
    """Attach a file after checking its type from its content (cluster.uploads)."""
    report = _lock(report)
    period = report.period
    if stage == EvidenceFile.Stage.REVIEW:
        if not _is_secretariat(acting_user, period):
            raise ValidationError("Chỉ Cụm trưởng mới được đính kèm tệp thẩm định.")
    elif not _is_unit_staff(acting_user, report.unit):
        raise ValidationError("Chỉ cán bộ của đơn vị mới được đính kèm minh chứng.")
    if report.state == State.FINAL or period.phase == Phase.FINAL:
        raise ValidationError("Báo cáo đã chốt, không thể đính kèm thêm tệp.")
    if stage == EvidenceFile.Stage.SELF and report.state not in EDITABLE_STATES:
        raise ValidationError("Chỉ đính kèm minh chứng khi báo cáo đang soạn hoặc được trả lại.")
    detected = uploads.validate_upload(uploaded_file)
    evidence = EvidenceFile(
        report=report, criterion=criterion, stage=stage,
        original_name=uploads.display_name(uploaded_file.name, detected),
        mime=detected.mime, size=uploaded_file.size, uploaded_by=acting_user,
    )
    uploaded_file.seek(0)
    evidence.file.save(uploads.safe_upload_name(prefix="evidence", detected=detected),
                       uploaded_file, save=False)
    evidence.save()
    return evidence
