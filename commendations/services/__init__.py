"""Writes of the commendations app. Every function is keyword-only, atomic, validates before
saving anything (``CommendationError``, a ``ValidationError`` with a Vietnamese message) and
records the acting user (django-simple-history, plus an event log for state transitions).
Permission to act (secretariat, unit leader) is checked here too, against
``commendations.rules`` (``cluster.permissions.require``: ``CommendationNotAllowed``), with the
permission each transition names in its table; what makes a change valid is checked here.
``acting_user=None`` is the system (the demo loader): it is not checked."""

from commendations.issued import on_issued_documents
from commendations.services._common import CommendationError, CommendationNotAllowed
from commendations.services.award_rules import (
    award_rule_save,
    award_rules_create_for_year,
    rules_locked_reason,
)
from commendations.services.dossiers import (
    decision_record,
    decision_refusal,
    dossier_document_add,
    dossier_document_attach_issued,
    dossier_editable_refusal,
    dossier_minutes_draft,
    dossier_transition,
    dossier_transition_refusal,
)
from commendations.services.honours import past_honour_save
from commendations.services.voting import (
    CLOSED_MESSAGE,
    ballot_cast,
    ballot_record,
    nomination_add,
    nomination_delete,
    nomination_update,
    not_open_message,
    required_ballots,
    sealed_storage_scrub,
    session_close_preview,
    session_create,
    session_draft_refusal,
    session_transition,
    session_transition_refusal,
)

__all__ = [
    "CLOSED_MESSAGE", "CommendationError", "CommendationNotAllowed", "award_rule_save",
    "award_rules_create_for_year", "ballot_cast", "ballot_record", "decision_record",
    "decision_refusal", "dossier_document_add", "dossier_document_attach_issued",
    "dossier_editable_refusal",
    "dossier_minutes_draft", "dossier_transition", "dossier_transition_refusal",
    "nomination_add", "nomination_delete", "nomination_update", "not_open_message",
    "on_issued_documents", "past_honour_save",
    "required_ballots", "rules_locked_reason", "sealed_storage_scrub", "session_close_preview",
    "session_create", "session_draft_refusal", "session_transition",
    "session_transition_refusal",
]

# Standards and eligibility (issue #16, part 3).
from commendations.services.eligibility import (  # noqa: E402
    award_condition_save,
    award_standard_save,
    declaration_refusal,
    standard_declare,
)

__all__ += ["award_condition_save", "award_standard_save", "declaration_refusal",
            "standard_declare"]
from commendations.services.consultation import (  # noqa: E402 (issue #16, part 5)
    comment_moderate,
    comment_submit,
    consultation_publish,
    consultation_required_days,
    ip_fingerprint,
)

__all__ += [
    "comment_moderate", "comment_submit", "consultation_publish", "consultation_required_days",
    "ip_fingerprint",
]
# The person registry (issue #16).
from commendations.services.people import (  # noqa: E402
    folded_name,
    person_find_or_create,
    person_merge,
    person_posting_add,
)

__all__ += ["folded_name", "person_find_or_create", "person_merge", "person_posting_add"]
# The superior's side of a dossier (issue #16, "the upper level acts").
from commendations.services.dossiers import dossier_return  # noqa: E402

__all__ += ["dossier_return"]
# Proposals from the member units (issue #16), in their own module.
from commendations.services.proposals import (  # noqa: E402
    deadline_text,
    proposal_call_set,
    proposal_create,
    proposal_editable_refusal,
    proposal_evidence_add,
    proposal_transition,
    proposal_transition_refusal,
    proposal_update,
)

__all__ += [
    "deadline_text", "proposal_call_set", "proposal_create", "proposal_editable_refusal",
    "proposal_evidence_add", "proposal_transition", "proposal_transition_refusal",
    "proposal_update",
]
