"""Unit results (issue #4): periods and their phases, the unit's report from draft to final,
scoring, review, explanation, evidence, and finalising a period.

One transition function, ``report_transition``, drives every state change through
``REPORT_TRANSITIONS``: who may make it, in which phases, and what it records. Saves use
optimistic locking (``UnitReport.version``) so two officers never overwrite each other
silently: the second save is refused with ``ConcurrentEditError``.

Locks are always taken in the same order, the period row first and then the report row, so
a save, a transition, a phase change and finalising never deadlock and never interleave:
what a user may do is decided under the lock of the phase it depends on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from campaigns import scoring
from campaigns.models import Criterion
from cluster import selectors as cluster_selectors
from cluster import uploads
from cluster.history import save_with_history
from cluster.models import Unit, User
from cluster.permissions import NotAllowed, allowed, require
from cluster.rules import YearScope
from results.models import (
    AreaNarrative,
    CriterionScore,
    EvidenceFile,
    ReportEvent,
    ReportingPeriod,
    UnitReport,
)
from results.rules import ReportScope
from results.selectors import reviewers
from results.selectors import scoring as scoring_rules
from results.selectors.results import classify, period_points, ranking, report_points
from results.services.notices import period_final_notify, report_event_notify
from results.services.periods import (  # re-exported: the first version defined them here
    DEFAULT_AREAS,
    PHASE_ORDER,
    areas_ensure,
    period_create,
    period_set_phase,
    period_update,
)

State = UnitReport.State
Phase = ReportingPeriod.Phase
__all__ = [
    "DEFAULT_AREAS", "EDITABLE_STATES", "EDITING_PHASES", "PHASE_ORDER", "REPORT_TRANSITIONS",
    "ConcurrentEditError", "allowed_transitions", "areas_ensure", "editing_refusal",
    "evidence_add", "may_act", "report_explain_refusal", "report_return_refusal",
    "report_review_refusal", "report_submit_refusal", "report_transition_refusal",
    "period_create", "period_finalise", "period_recompute", "period_set_phase",
    "period_update", "report_explain", "report_get_or_create", "report_recompute",
    "report_review", "report_save", "report_transition", "review_changes",
]

TEXT_FIELDS = ("key_figures", "highlights", "shortcomings", "proposals")
EDITABLE_STATES = (State.DRAFT, State.RETURNED)
# A draft is written while submissions are open (late ones during verification); a report
# returned for more information may be completed until the period is finalised.
EDITING_PHASES = {
    State.DRAFT: (Phase.SUBMITTING, Phase.VERIFYING),
    State.RETURNED: (Phase.SUBMITTING, Phase.VERIFYING, Phase.EXPLAINING),
}
MAX_ACTUAL = Decimal("999999999999.99")  # CriterionScore.actual: 14 digits, 2 decimals
MAX_COUNT = 100_000


class ConcurrentEditError(ValidationError):
    """Someone else saved the report since this form was opened."""


@dataclass(frozen=True)
class Transition:
    permission: str  # the ``rules`` permission on the report's ``ReportScope`` (campaigns.rules)
    phases: tuple[str, ...]
    label: str


_OPEN = (Phase.SUBMITTING, Phase.VERIFYING, Phase.EXPLAINING)
SUBMIT, EXPLAIN, REVIEW = ("results.submit_report", "results.explain_report",
                           "results.review_report")

REPORT_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (State.DRAFT, State.SUBMITTED): Transition(
        SUBMIT, (Phase.SUBMITTING, Phase.VERIFYING), "Nộp báo cáo"),
    (State.RETURNED, State.SUBMITTED): Transition(SUBMIT, _OPEN, "Nộp lại báo cáo"),
    # A report sent back and resubmitted during the explanation phase is reviewed then too.
    (State.SUBMITTED, State.REVIEWED): Transition(REVIEW, _OPEN, "Thẩm định"),
    (State.REVIEWED, State.EXPLAINED): Transition(EXPLAIN, (Phase.EXPLAINING,), "Giải trình"),
    (State.EXPLAINED, State.SECOND_REVIEWED): Transition(
        REVIEW, (Phase.EXPLAINING,), "Thẩm định lại"),
    **{
        (source, State.RETURNED): Transition(REVIEW, _OPEN, "Trả lại để bổ sung")
        for source in (State.SUBMITTED, State.REVIEWED, State.EXPLAINED, State.SECOND_REVIEWED)
    },
}
# Finalising the period moves every report to FINAL (``period_finalise``), whatever its state.

ACTOR_NAMES = {SUBMIT: "lãnh đạo đơn vị", EXPLAIN: "cán bộ của đơn vị",
               REVIEW: "Cụm trưởng (thư ký cụm)"}


def _scope(report: UnitReport, period: ReportingPeriod | None = None) -> ReportScope:
    return ReportScope(period or report.period, report.unit, report)


def may_act(*, report: UnitReport, to_state: str, user: User | None) -> bool:
    """Whether ``user`` holds the transition's permission (phase and state aside)."""
    transition = REPORT_TRANSITIONS.get((report.state, to_state))
    return transition is not None and user is not None and allowed(
        user, transition.permission, _scope(report))


def report_transition_refusal(*, report: UnitReport, to_state: str, user: User | None,
                              period: ReportingPeriod | None = None) -> ValidationError | None:
    """Why ``user`` may not move ``report`` to ``to_state`` now (the error to raise: a
    ``NotAllowed`` when the permission is missing), or None. Reads only: the pages ask it for
    what they offer, ``report_transition`` asks it again under the locks."""
    period = period or report.period
    if to_state not in State.values:
        return ValidationError("Trạng thái không hợp lệ.")
    if report.state == to_state:
        return ValidationError(
            f"Báo cáo đã ở trạng thái “{report.get_state_display()}”.", code="same_state")
    transition = REPORT_TRANSITIONS.get((report.state, to_state))
    if transition is None:
        return ValidationError(
            f"Không thể chuyển báo cáo từ “{report.get_state_display()}” sang "
            f"“{State(to_state).label}”.")
    if not allowed(user, transition.permission, _scope(report, period)):
        reason = _reviewer_refusal(report, period, user, transition.permission)
        return NotAllowed(reason or (
            f"Chỉ {ACTOR_NAMES[transition.permission]} mới được {transition.label.lower()}."),
            permission=transition.permission)
    if period.phase not in transition.phases:
        return ValidationError(
            f"Kỳ báo cáo đang ở giai đoạn “{period.get_phase_display()}”: chưa thể "
            f"{transition.label.lower()}.")
    return None


def report_review_refusal(*, report: UnitReport | None, user: User | None,
                          period: ReportingPeriod | None = None) -> ValidationError | None:
    """Why ``user`` may not review ``report`` now (``report_review``), or None."""
    if report is None:
        return ValidationError("Đơn vị chưa nộp báo cáo.")
    target = {State.SUBMITTED: State.REVIEWED, State.EXPLAINED: State.SECOND_REVIEWED}.get(
        report.state)
    if target is None:
        return ValidationError(
            f"Báo cáo đang ở trạng thái “{report.get_state_display()}”, chưa thể thẩm định.")
    refusal = report_transition_refusal(report=report, to_state=target, user=user,
                                        period=period)
    if isinstance(refusal, NotAllowed):
        reason = _reviewer_refusal(report, period or report.period, user, REVIEW)
        return NotAllowed(reason or "Chỉ Cụm trưởng (thư ký cụm) mới được thẩm định.",
                          permission=refusal.permission)
    return refusal


def _reviewer_refusal(report: UnitReport, period: ReportingPeriod, user: User | None,
                      permission: str) -> str | None:
    """Who reviews this report instead, when that is why ``user`` is refused (issue #17:
    nobody reviews their own unit; a conflicted reviewer hands the report on)."""
    if permission != REVIEW or user is None or not user.is_authenticated:
        return None
    return reviewers.review_refusal_text(user, period=period, unit_id=report.unit_id,
                                         report_id=report.pk)


def report_explain_refusal(*, report: UnitReport | None, user: User | None,
                           period: ReportingPeriod | None = None) -> ValidationError | None:
    """Why ``user`` may not explain ``report`` now (``report_explain``), or None."""
    if report is None or report.state != State.REVIEWED:
        state = report.get_state_display() if report is not None else State.DRAFT.label
        return ValidationError(
            f"Báo cáo đang ở trạng thái “{state}”, không thể giải trình.")
    refusal = report_transition_refusal(report=report, to_state=State.EXPLAINED, user=user,
                                        period=period)
    if isinstance(refusal, NotAllowed):
        return NotAllowed("Chỉ cán bộ của đơn vị mới được giải trình.",
                          permission=refusal.permission)
    return refusal


def report_return_refusal(*, report: UnitReport | None, user: User | None,
                          period: ReportingPeriod | None = None) -> ValidationError | None:
    """Why ``user`` may not return ``report`` to its unit now, or None."""
    if report is None:
        return ValidationError("Đơn vị chưa nộp báo cáo.")
    return report_transition_refusal(report=report, to_state=State.RETURNED, user=user,
                                      period=period)


def report_submit_refusal(*, report: UnitReport | None, user: User | None,
                          period: ReportingPeriod | None = None) -> ValidationError | None:
    """Why ``user`` may not submit ``report`` now, or None. The submit page also refuses a
    report never saved (``report_transition`` itself still accepts it: its tests submit one)."""
    if report is None or (report.state == State.DRAFT and report.version == 0):
        return ValidationError("Báo cáo chưa được soạn, chưa thể nộp.")
    return report_transition_refusal(report=report, to_state=State.SUBMITTED, user=user,
                                      period=period)


def allowed_transitions(*, report: UnitReport | None, user: User | None,
                        period: ReportingPeriod | None = None) -> set[str]:
    """The states ``user`` may move ``report`` to now: what the report's page offers."""
    if report is None:
        return set()
    return {target for (source, target) in REPORT_TRANSITIONS if source == report.state
            and report_transition_refusal(report=report, to_state=target, user=user,
                                          period=period) is None}


def editing_refusal(report: UnitReport | None, period: ReportingPeriod) -> str | None:
    """Why the unit cannot edit the report now (state or phase), or None. ``None``: the unit
    has not started it yet."""
    if report is None:
        if period.phase not in EDITING_PHASES[State.DRAFT]:
            return (f"Kỳ báo cáo đang ở giai đoạn “{period.get_phase_display()}”, chưa nhận "
                    "báo cáo.")
        return None
    if report.state not in EDITABLE_STATES:
        return (f"Báo cáo đang ở trạng thái “{report.get_state_display()}”, không thể sửa.")
    if period.phase not in EDITING_PHASES[report.state]:
        return (f"Kỳ báo cáo đang ở giai đoạn “{period.get_phase_display()}”, "
                "không nhận chỉnh sửa báo cáo.")
    return None


# --- reports ----------------------------------------------------------------------------------


def _leaves(period: ReportingPeriod) -> dict[int, Criterion]:
    return {c.pk: c for c in Criterion.objects.filter(cluster=period.cluster, year=period.year)
            .exclude(kind=Criterion.Kind.GROUP)}


def _ensure_rows(report: UnitReport, period: ReportingPeriod) -> None:
    """A narrative per area and a score row per leaf criterion, including areas and criteria
    added after the report was created. Parallel callers are harmless (ignore_conflicts)."""
    areas = areas_ensure(cluster=period.cluster, year=period.year)
    have = set(AreaNarrative.objects.filter(report=report).values_list("area_id", flat=True))
    AreaNarrative.objects.bulk_create(
        [AreaNarrative(report=report, area=a) for a in areas if a.pk not in have],
        ignore_conflicts=True)
    scored = set(CriterionScore.objects.filter(report=report)
                 .values_list("criterion_id", flat=True))
    CriterionScore.objects.bulk_create(
        [CriterionScore(report=report, criterion_id=pk) for pk in _leaves(period)
         if pk not in scored],
        ignore_conflicts=True)


@transaction.atomic
def report_get_or_create(*, period: ReportingPeriod, unit: Unit, acting_user: User | None
                         ) -> UnitReport:
    """The unit's report of the period, created as a draft with a narrative per area and a
    score row per leaf criterion. Only member units of that year have a report."""
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    require(acting_user, "results.edit_report", ReportScope(period, unit, report),
            message="Chỉ cán bộ của đơn vị mới được soạn báo cáo của đơn vị.")
    if report is None:
        members = {u.pk for u in cluster_selectors.cluster_member_units(
            cluster=period.cluster, year=period.year)}
        if unit.pk not in members:
            raise ValidationError(f"{unit} không phải là thành viên của cụm năm {period.year}.")
        report, _ = UnitReport.objects.get_or_create(period=period, unit=unit)
    _ensure_rows(report, period)
    return report


def _lock(report: UnitReport, *, shared: bool = False) -> tuple[UnitReport, ReportingPeriod]:
    """Lock the period, then the report (always in this order), and read both afresh.

    ``shared``: what changes only this report (saving, attaching a file) holds the period
    FOR SHARE on PostgreSQL, so different units save side by side, while a submission, a
    phase change or finalising (FOR UPDATE, which rewrites every report's points or closes
    the period) waits for the saves in flight, and they for it. SQLite serialises every
    write anyway."""
    periods = ReportingPeriod.objects.select_related("cluster")
    if shared and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(ReportingPeriod._meta.db_table)
            cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR SHARE",
                           [report.period_id])
        period = periods.get(pk=report.period_id)
    else:
        period = periods.select_for_update(of=("self",)).get(pk=report.period_id)
    report = (UnitReport.objects.select_for_update(of=("self",)).select_related("unit")
              .get(pk=report.pk))
    report.period = period
    return report, period


def _parse_inputs(criterion: Criterion, raw: dict) -> dict:
    """Check what a unit typed for one criterion against its kind; Vietnamese errors keyed
    ``score_<criterion id>``. A criterion whose rule is misconfigured still keeps the input
    (it scores nothing until the secretariat fixes the rule)."""
    values = {"note": str(raw.get("note") or "").strip()}
    kind = criterion.kind
    name = {Criterion.Kind.QUANTITATIVE: "actual",
            Criterion.Kind.QUALITATIVE: "achieved"}.get(kind, "count")
    value = raw.get(name)
    if value in (None, ""):
        values[name] = None
        return values
    problem = None
    if kind == Criterion.Kind.QUANTITATIVE:
        actual = _parse_number(value)
        if actual is None or actual < 0:
            problem = "kết quả thực hiện phải là một số không âm."
        elif actual > MAX_ACTUAL:
            problem = "kết quả thực hiện quá lớn."
        else:
            values[name] = scoring.quantize(actual)
    elif kind == Criterion.Kind.QUALITATIVE:
        if not isinstance(value, bool):
            problem = "vui lòng chọn Đạt hoặc Không đạt."
        values[name] = value
    else:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problem = "số lần phải là số nguyên không âm."
        elif value > MAX_COUNT:
            problem = "số lần quá lớn."
        values[name] = value
    if problem:
        raise ValidationError({f"score_{criterion.pk}": f"Tiêu chí {criterion.code}: {problem}"})
    return values


def _parse_number(value) -> Decimal | None:
    """A finite Decimal from a Decimal, an int or a string ("96,25" too); None otherwise."""
    if isinstance(value, bool) or isinstance(value, float):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(
            str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _conflict(report: UnitReport) -> ConcurrentEditError:
    who = report.last_saved_by.display_name if report.last_saved_by else "người khác"
    when = (" lúc " + timezone.localtime(report.last_saved_at).strftime("%H:%M %d/%m/%Y")
            if report.last_saved_at else "")
    return ConcurrentEditError(
        f"Báo cáo vừa được {who} lưu{when}, sau khi bạn mở biểu mẫu. Thay đổi của bạn CHƯA "
        "được lưu.", code="conflict")


@transaction.atomic
def report_save(*, report: UnitReport, expected_version: int, acting_user: User,
                fields: dict | None = None, narratives: dict[int, str] | None = None,
                scores: dict[int, dict] | None = None) -> UnitReport:
    """Save what the unit's officers typed. Refused (``ConcurrentEditError``) when someone
    saved since ``expected_version`` was read; refused when the state or phase forbids edits.
    Nothing is saved unless everything is valid."""
    report, period = _lock(report, shared=True)
    require(acting_user, "results.edit_report", _scope(report, period),
            message="Chỉ cán bộ của đơn vị mới được soạn báo cáo của đơn vị.")
    refusal = editing_refusal(report, period)
    if refusal:
        raise ValidationError(refusal)
    if report.version != expected_version:
        raise _conflict(report)
    _ensure_rows(report, period)
    criteria = _leaves(period)
    parsed: dict[int, dict] = {}
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
        if name in TEXT_FIELDS:
            setattr(report, name, str(value or "").strip())
    texts = {int(k): str(v or "").strip() for k, v in (narratives or {}).items()}
    for narrative in AreaNarrative.objects.filter(report=report, area_id__in=texts):
        if narrative.text != texts[narrative.area_id]:
            narrative.text = texts[narrative.area_id]
            save_with_history(narrative, acting_user=acting_user, validate=False)
    for score in CriterionScore.objects.filter(report=report, criterion_id__in=parsed):
        values = parsed[score.criterion_id]
        if any(getattr(score, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(score, name, value)
            save_with_history(score, acting_user=acting_user, validate=False)
    report.version += 1
    report.last_saved_at = timezone.now()
    report.last_saved_by = acting_user
    save_with_history(report, acting_user=acting_user, validate=False)
    report_recompute(report=report, period=period)
    report.refresh_from_db()
    return report


def report_recompute(*, report: UnitReport, period: ReportingPeriod) -> None:
    """Write one report's self-points and totals. Enough when what changed cannot move
    another unit's points: a draft's inputs (the quantitative leaders come from submitted
    reports only) or the chair's adjustments. Call it holding the report's lock."""
    rules = scoring_rules.unit_rules(period=period, unit_id=report.unit_id)
    _store_points({report.pk: report_points(period=period, report=report, unit_rules=rules)},
                  CriterionScore.objects.filter(report=report),
                  UnitReport.objects.filter(pk=report.pk), period=period, rules=rules)


def period_recompute(*, period: ReportingPeriod) -> None:
    """Write every report's self-points and totals (the only writer of those fields). The
    whole period, because a quantitative criterion's leader is found across the cluster.
    Call it holding the period's lock."""
    rules = scoring_rules.unit_rules(period=period)
    _store_points(period_points(period=period, unit_rules=rules),
                  CriterionScore.objects.filter(report__period=period),
                  UnitReport.objects.filter(period=period), period=period, rules=rules)


def periods_recompute_open(cluster, year: int) -> None:
    """The stored points of every report in the year's periods that are not final follow a
    changed criteria tree at once (a final period keeps the points it was finalised with).
    Called by ``campaigns.services.criteria`` inside its transaction (``on_criteria_changed``,
    registered in ``ResultsConfig.ready``); locks each period in pk order."""
    for period in (ReportingPeriod.objects.select_for_update(of=("self",))
                   .select_related("cluster").filter(cluster=cluster, year=year)
                   .exclude(phase=ReportingPeriod.Phase.FINAL).order_by("pk")):
        period_recompute(period=period)


def _store_points(points: dict[int, dict[int, Decimal]], scores, reports, *,
                  period: ReportingPeriod, rules: scoring_rules.UnitRules) -> None:
    """Store ``points`` (``{report_id: {criterion_id: self-points}}``) on the ``scores`` rows
    that differ, and the self and final totals and the applicable maximum (issue #17) on the
    ``reports`` rows that differ. A criterion not applicable to the unit stores no points."""
    changed = []
    totals: dict[int, list[Decimal]] = {}
    units = dict(reports.values_list("pk", "unit_id"))
    for score in scores.only("pk", "report_id", "criterion_id", "self_points",
                             "adjusted_points"):
        value = points.get(score.report_id, {}).get(score.criterion_id)
        if value is None:  # a criterion no longer in the tree, a group, or not applicable
            if score.self_points and rules.is_excluded(units.get(score.report_id),
                                                       score.criterion_id):
                score.self_points = Decimal(0)
                changed.append(score)
            continue
        if score.self_points != value:
            score.self_points = value
            changed.append(score)
        final = value if score.adjusted_points is None else score.adjusted_points
        pair = totals.setdefault(score.report_id, [Decimal(0), Decimal(0)])
        pair[0] += value
        pair[1] += final
    CriterionScore.objects.bulk_update(changed, ["self_points"], batch_size=500)
    stale = []
    total, leaves = scoring_rules.leaf_maxima(period=period)
    for report in reports.only("pk", "unit_id", "self_total", "final_total", "applicable_max"):
        self_total, final_total = totals.get(report.pk, (Decimal(0), Decimal(0)))
        maximum = scoring_rules.applicable_max(total, leaves,
                                               rules.excluded.get(report.unit_id, {}))
        if (report.self_total, report.final_total, report.applicable_max) != (
                self_total, final_total, maximum):
            report.self_total, report.final_total = self_total, final_total
            report.applicable_max = maximum
            stale.append(report)
    UnitReport.objects.bulk_update(stale, ["self_total", "final_total", "applicable_max"],
                                   batch_size=500)


def _check_evidence(report: UnitReport, period: ReportingPeriod) -> None:
    """Every criterion that requires evidence and earns (or loses) points has a file."""
    points = report_points(period=period, report=report)
    with_files = set(EvidenceFile.objects.filter(
        report=report, stage=EvidenceFile.Stage.SELF, criterion__isnull=False,
    ).values_list("criterion_id", flat=True))
    missing = sorted(
        (c for c in _leaves(period).values()
         if c.evidence_required and points.get(c.pk) and c.pk not in with_files),
        key=lambda c: c.sort_key)
    if missing:
        raise ValidationError(
            "Thiếu tệp minh chứng bắt buộc cho tiêu chí: "
            + ", ".join(c.code for c in missing) + ".", code="evidence")


def report_transition(*, report: UnitReport, to_state: str, acting_user: User, note: str = "",
                      expected_version: int | None = None) -> UnitReport:
    """The one function that changes a report's state (see ``REPORT_TRANSITIONS``).
    ``expected_version``, when given, refuses the change if the report was saved since the
    user read it (the leader submits what they saw)."""
    with transaction.atomic():
        report, period = _lock(report)
        refusal = report_transition_refusal(report=report, to_state=to_state,
                                            user=acting_user, period=period)
        if refusal is not None:
            raise refusal
        if expected_version is not None and report.version != expected_version:
            raise _conflict(report)
        note = (note or "").strip()
        if to_state == State.RETURNED and not note:
            raise ValidationError({"note": "Vui lòng ghi rõ nội dung cần bổ sung."})
        if to_state == State.SUBMITTED:
            _check_evidence(report, period)
            if report.submitted_at is None:
                # Lateness is decided by the first submission against the deadline of that
                # moment; resubmitting what the secretariat asked for is not late.
                now = timezone.now()
                report.submitted_at = now
                report.submitted_by = acting_user
                report.is_late = now > period.deadline
        event = ReportEvent.objects.create(report=report, from_state=report.state,
                                           to_state=to_state, actor=acting_user, note=note)
        report.state = to_state
        report.version += 1
        save_with_history(report, acting_user=acting_user, validate=False)
        if to_state == State.SUBMITTED:
            period_recompute(period=period)  # its actuals now count for the cluster's leader
        report_event_notify(report=report, period=period, event=event)
        report.refresh_from_db()
        return report


def _review_range(criterion: Criterion) -> tuple[Decimal, Decimal]:
    """The points a reviewer may give a criterion: what its rule can give."""
    if criterion.kind == Criterion.Kind.BONUS_PENALTY:
        return Decimal(criterion.lower_bound or 0), Decimal(criterion.upper_bound or 0)
    top = Decimal(criterion.max_points or 0)  # never above the maximum (scoring.py)
    if criterion.kind == Criterion.Kind.PER_OCCURRENCE and criterion.cap is not None:
        top = min(top, criterion.cap)
    return Decimal(0), scoring.quantize(top)


def _parse_points(value) -> Decimal | None:
    if value in (None, ""):
        return None
    points = _parse_number(value)
    if points is None:
        raise ValueError
    return scoring.quantize(points)


@transaction.atomic
def report_review(*, report: UnitReport, adjustments: dict[int, tuple], acting_user: User,
                  note: str = "", files: dict | None = None,
                  expected_version: int | None = None) -> UnitReport:
    """The chair's review: ``{criterion_id: (points or None, comment)}`` and optional files
    ``{criterion_id: uploaded file}``. Moves a submitted report to REVIEWED and an explained
    one to SECOND_REVIEWED. Every adjustment that differs from the self-score needs a
    comment; nothing is saved unless all of it is valid. ``expected_version``, when given,
    refuses the review if the report changed since the reviewer read it."""
    report, period = _lock(report)
    refusal = report_review_refusal(report=report, user=acting_user, period=period)
    if refusal is not None:
        raise refusal
    if expected_version is not None and report.version != expected_version:
        raise _conflict(report)
    target = {State.SUBMITTED: State.REVIEWED, State.EXPLAINED: State.SECOND_REVIEWED}[
        report.state]
    changed, scores = review_changes(report=report, period=period, adjustments=adjustments,
                                     files=files)
    for criterion_id, uploaded in (files or {}).items():
        evidence_add(report=report, uploaded_file=uploaded, acting_user=acting_user,
                     criterion=scores[int(criterion_id)].criterion,
                     stage=EvidenceFile.Stage.REVIEW)
    for score in changed:
        save_with_history(score, acting_user=acting_user, validate=False)
    report_recompute(report=report, period=period)
    return report_transition(report=report, to_state=target, acting_user=acting_user,
                             note=note)


def review_changes(*, report: UnitReport, period: ReportingPeriod,
                   adjustments: dict[int, tuple], files: dict | None = None
                   ) -> tuple[list[CriterionScore], dict[int, CriterionScore]]:
    """The core of a review, shared with the review by criterion (results.services.reviewers):
    the score rows whose adjustment or comment changes, checked (a number within what the
    rule can give, a comment when it differs from the self-score), and every score row by
    criterion. Raises one ``ValidationError`` keyed ``adjust_<id>``/``comment_<id>``; saves
    nothing. Call it holding the report's lock."""
    _ensure_rows(report, period)
    points_now = report_points(period=period, report=report)
    scores = {s.criterion_id: s for s in report.scores.select_related("criterion")}
    errors: dict[str, str] = {}
    changed = []
    for criterion_id, (raw_points, comment) in adjustments.items():
        score = scores.get(int(criterion_id))
        if score is None:
            continue
        criterion, comment = score.criterion, (comment or "").strip()
        try:
            points = _parse_points(raw_points)
        except ValueError:
            errors[f"adjust_{score.criterion_id}"] = (
                f"Tiêu chí {criterion.code}: điểm thẩm định phải là một số.")
            continue
        if points is not None:
            low, high = _review_range(criterion)
            if not low <= points <= high:
                errors[f"adjust_{score.criterion_id}"] = (
                    f"Tiêu chí {criterion.code}: điểm thẩm định phải từ "
                    f"{_plain(low)} đến {_plain(high)}.")
                continue
            if points != points_now.get(score.criterion_id, score.self_points) and not comment:
                errors[f"comment_{score.criterion_id}"] = (
                    f"Tiêu chí {criterion.code}: vui lòng ghi ý kiến khi điều chỉnh điểm.")
                continue
        if (score.adjusted_points, score.review_comment) != (points, comment):
            score.adjusted_points, score.review_comment = points, comment
            changed.append(score)
    for criterion_id in (files or {}):
        if int(criterion_id) not in scores:
            errors[f"file_{criterion_id}"] = "Tiêu chí không thuộc báo cáo này."
    if errors:
        raise ValidationError(errors)
    return changed, scores


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")


@transaction.atomic
def report_explain(*, report: UnitReport, explanations: dict[int, str], acting_user: User,
                   files: dict | None = None) -> UnitReport:
    """The unit's answer to the review, per criterion (with optional files), then EXPLAINED."""
    report, period = _lock(report)
    transition = REPORT_TRANSITIONS[(State.REVIEWED, State.EXPLAINED)]
    require(acting_user, transition.permission, _scope(report, period),
            message="Chỉ cán bộ của đơn vị mới được giải trình.")
    refusal = report_explain_refusal(report=report, user=acting_user, period=period)
    if refusal is not None:
        raise refusal
    texts = {int(k): (v or "").strip() for k, v in explanations.items()}
    if not any(texts.values()):
        raise ValidationError("Vui lòng nhập nội dung giải trình cho ít nhất một tiêu chí.")
    scores = {s.criterion_id: s for s in report.scores.select_related("criterion")}
    unknown = [k for k in [*texts, *(int(k) for k in (files or {}))] if k not in scores]
    if unknown:
        raise ValidationError("Tiêu chí không thuộc báo cáo này.")
    for criterion_id, uploaded in (files or {}).items():
        evidence_add(report=report, uploaded_file=uploaded, acting_user=acting_user,
                     criterion=scores[int(criterion_id)].criterion,
                     stage=EvidenceFile.Stage.EXPLANATION)
    for criterion_id, text in texts.items():
        score = scores[criterion_id]
        if score.explanation != text:
            score.explanation = text
            save_with_history(score, acting_user=acting_user, validate=False)
    return report_transition(report=report, to_state=State.EXPLAINED, acting_user=acting_user)


@transaction.atomic
def period_finalise(*, period: ReportingPeriod, acting_user: User) -> ReportingPeriod:
    """Lock every report of the period and fix the totals; nothing changes afterwards."""
    period = (ReportingPeriod.objects.select_for_update(of=("self",)).select_related("cluster")
              .get(pk=period.pk))
    require(acting_user, "campaigns.manage_year", YearScope(period.cluster, period.year),
            message="Chỉ Cụm trưởng (thư ký cụm) mới được chốt kết quả.")
    if period.phase == Phase.FINAL:
        raise ValidationError("Kỳ báo cáo đã được chốt.")
    if period.phase == Phase.NOT_OPEN:
        raise ValidationError("Kỳ báo cáo chưa mở, chưa thể chốt.")
    period_recompute(period=period)
    _freeze_bands(period)
    reports = list(UnitReport.objects.select_for_update(of=("self",)).filter(period=period)
                   .exclude(state=State.FINAL))
    ReportEvent.objects.bulk_create([
        ReportEvent(report=report, from_state=report.state, to_state=State.FINAL,
                    actor=acting_user, note="Chốt kết quả kỳ báo cáo")
        for report in reports
    ])
    for report in reports:  # one by one, so each report's history records the final state
        report.state = State.FINAL
        report.version += 1
        save_with_history(report, acting_user=acting_user, validate=False,
                          update_fields=["state", "version"])
    period.phase = Phase.FINAL
    period.finalised_at = timezone.now()
    period.finalised_by = acting_user
    save_with_history(period, acting_user=acting_user, reason="Chốt kết quả")
    period_final_notify(period=period)
    return period


def _freeze_bands(period: ReportingPeriod) -> None:
    """Store the year's ranking rule on the period and each ranked report's band on the
    report (issue #17): a finalised period keeps them whatever the year's rules become."""
    ranking_basis, band_basis = scoring_rules.period_bases(period)
    rows = ranking(period=period)
    classify(period=period, rows=rows, band_basis=band_basis)
    bands = {row.report.pk: row.band for row in rows}
    stale = []
    for report in UnitReport.objects.filter(period=period).only("pk", "band"):
        if report.band != bands.get(report.pk, ""):
            report.band = bands.get(report.pk, "")
            stale.append(report)
    UnitReport.objects.bulk_update(stale, ["band"], batch_size=500)
    period.ranking_basis, period.band_basis = ranking_basis, band_basis


# --- evidence ---------------------------------------------------------------------------------


def _evidence_refusal(report: UnitReport, period: ReportingPeriod, stage: str,
                      user: User | None) -> str | NotAllowed | None:
    if report.state == State.FINAL or period.phase == Phase.FINAL:
        return "Báo cáo đã chốt, không thể đính kèm thêm tệp."
    if stage == EvidenceFile.Stage.REVIEW:
        if not allowed(user, REVIEW, _scope(report, period)):
            return NotAllowed("Chỉ Cụm trưởng mới được đính kèm tệp thẩm định.",
                              permission=REVIEW)
        if report.state not in (State.SUBMITTED, State.EXPLAINED):
            return "Chỉ đính kèm tệp thẩm định khi báo cáo đang chờ thẩm định."
        return None
    if not allowed(user, "results.edit_report", _scope(report, period)):
        return NotAllowed("Chỉ cán bộ của đơn vị mới được đính kèm minh chứng.",
                          permission="results.edit_report")
    if stage == EvidenceFile.Stage.EXPLANATION:
        if report.state != State.REVIEWED or period.phase != Phase.EXPLAINING:
            return "Chỉ đính kèm tệp giải trình khi đơn vị đang giải trình."
        return None
    refusal = editing_refusal(report, period)
    if refusal:
        return "Chỉ đính kèm minh chứng khi báo cáo đang soạn hoặc được trả lại. " + refusal
    return None


@transaction.atomic
def evidence_add(*, report: UnitReport, uploaded_file, acting_user: User,
                 criterion: Criterion | None = None,
                 stage: str = EvidenceFile.Stage.SELF) -> EvidenceFile:
    """Attach a file after checking its type from its content (cluster.uploads)."""
    report, period = _lock(report, shared=True)
    if stage not in EvidenceFile.Stage.values:
        raise ValidationError("Loại tệp đính kèm không hợp lệ.")
    refusal = _evidence_refusal(report, period, stage, acting_user)
    if isinstance(refusal, NotAllowed):
        raise refusal
    if refusal:
        raise ValidationError(refusal)
    if criterion is not None and (
            criterion.cluster_id != period.cluster_id or criterion.year != period.year
            or criterion.kind == Criterion.Kind.GROUP):
        raise ValidationError("Tiêu chí không thuộc bảng tiêu chí của kỳ báo cáo.")
    detected = getattr(uploaded_file, "detected_type", None) or uploads.validate_upload(
        uploaded_file)
    evidence = EvidenceFile(
        report=report, criterion=criterion, stage=stage,
        original_name=uploads.display_name(uploaded_file.name, detected),
        mime=detected.mime, size=uploaded_file.size, uploaded_by=acting_user,
    )
    uploaded_file.seek(0)
    evidence.file.save(uploads.safe_upload_name(prefix="reports", detected=detected),
                       uploaded_file, save=False)
    evidence.save()
    return evidence
