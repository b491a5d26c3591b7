"""Writes of the campaigns app. Every function is keyword-only, atomic, validates the whole
change before saving anything (``ValidationError`` with a Vietnamese message), and records the
acting user in the history (django-simple-history)."""

from campaigns.services.campaigns import (
    campaign_create,
    campaign_update,
    milestone_add,
    milestone_follow_deadline,
    milestone_set_done,
)
from campaigns.services.conferences import (
    conference_create,
    conference_set_published,
    conference_update,
    delegate_add,
    delegate_remove,
)
from campaigns.services.criteria import (
    criteria_copy_from_year,
    criterion_delete,
    criterion_save,
    on_criteria_changed,
)
from campaigns.services.documents import (
    ISSUABLE_KINDS,
    document_issue_in_series,
    document_register,
    document_validity_set,
    series_lock,
)

__all__ = [
    "ISSUABLE_KINDS", "campaign_create", "campaign_update", "conference_create",
    "conference_set_published", "conference_update", "criteria_copy_from_year",
    "criterion_delete", "criterion_save", "delegate_add", "delegate_remove",
    "document_issue_in_series", "document_register", "document_validity_set", "milestone_add",
    "milestone_follow_deadline", "milestone_set_done",
    "on_criteria_changed", "series_lock",
]
