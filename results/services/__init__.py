"""Writes of the results app, one module per part: ``periods`` (reporting periods, their
phases and state areas), ``results`` (unit reports and their workflow, scores, review,
finalising), ``practices`` (the good-practice library) and ``reminders`` (deadline e-mails).
Other apps and the views import from here (``from results import services``); the modules
inside are the app's own business."""

from results.services.periods import (
    DEFAULT_AREAS,
    MANAGE,
    PHASE_ORDER,
    areas_ensure,
    period_create,
    period_set_phase,
    period_update,
)
from results.services.practices import (
    DESCRIPTION_REQUIRED,
    EVIDENCE_PREFIX,
    TITLE_MAX,
    TITLE_REQUIRED,
    good_practice_create,
    good_practice_update,
)
from results.services.reminders import (
    DAYS_BEFORE,
    OVERDUE,
    Reminder,
    Summary,
    current_step,
    reminder_send,
    reminders_due,
    reminders_send,
    step_key,
)
from results.services.results import (
    EDITABLE_STATES,
    EDITING_PHASES,
    REPORT_TRANSITIONS,
    ConcurrentEditError,
    allowed_transitions,
    editing_refusal,
    evidence_add,
    may_act,
    period_finalise,
    period_recompute,
    report_explain,
    report_explain_refusal,
    report_get_or_create,
    report_recompute,
    report_return_refusal,
    report_review,
    report_review_refusal,
    report_save,
    report_submit_refusal,
    report_transition,
    report_transition_refusal,
)
from results.services.reviewers import (
    RowOutcome,
    criterion_adjust,
    report_adjust,
    report_recuse,
    review_setting_set,
)

__all__ = [
    "ConcurrentEditError", "DAYS_BEFORE", "DEFAULT_AREAS", "DESCRIPTION_REQUIRED",
    "EDITABLE_STATES", "EDITING_PHASES", "EVIDENCE_PREFIX", "MANAGE", "OVERDUE", "PHASE_ORDER",
    "REPORT_TRANSITIONS", "Reminder", "Summary", "TITLE_MAX", "TITLE_REQUIRED",
    "allowed_transitions", "areas_ensure", "current_step", "editing_refusal", "evidence_add",
    "good_practice_create", "good_practice_update", "may_act", "period_create",
    "period_finalise", "period_recompute", "period_set_phase", "period_update", "reminder_send",
    "reminders_due", "reminders_send", "report_explain", "report_explain_refusal",
    "report_get_or_create", "report_recompute", "report_return_refusal", "report_review",
    "report_review_refusal", "report_save", "report_submit_refusal", "report_transition",
    "report_transition_refusal", "step_key",
]
__all__ += ["RowOutcome", "criterion_adjust", "report_adjust", "report_recuse",
            "review_setting_set"]
