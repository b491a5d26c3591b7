from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.utils import update_change_reason

from cluster.models import User


class CommendationError(ValidationError):
    """A refused change; the message is meant for the user (Vietnamese)."""


def save(obj: models.Model, *, acting_user: User | None, reason: str = "") -> None:
    """Validate the row (fields, constraints, ``clean``) and save it with the acting user in
    its history."""
    obj._history_user = acting_user
    try:
        obj.full_clean()
    except CommendationError:
        raise
    except ValidationError as error:  # one error type for the callers
        raise CommendationError(error.error_dict if hasattr(error, "error_dict")
                                else error.error_list) from None
    obj.save()
    if reason and hasattr(obj, "history"):
        update_change_reason(obj, reason)
