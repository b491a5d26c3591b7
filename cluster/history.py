"""The one way a service saves a row: validated, with who did it and why in its history
(django-simple-history). Every app's services use it; nothing else sets ``_history_user``
before a ``full_clean`` and ``save``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.utils import update_change_reason


def save_with_history(obj: models.Model, *, acting_user, reason: str = "",
                      exclude: list[str] | None = None,
                      error: type[ValidationError] | None = None, validate: bool = True,
                      update_fields: list[str] | None = None) -> None:
    """Validate ``obj`` (fields, constraints, ``clean``; ``exclude`` skips fields), save it
    with ``acting_user`` in its history and ``reason`` as the change reason.

    ``error``: a ``ValidationError`` subclass the app's callers catch; a refusal of another
    type is raised again as that one (its messages kept).
    ``validate=False``: for a service's hot path that has checked every value it sets itself
    (a unit's report saved two hundred times in the hour before a deadline), where
    ``full_clean``'s uniqueness queries would be repeated for each row; the history is kept
    the same. ``update_fields``: as ``Model.save``."""
    obj._history_user = acting_user
    if validate:
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as refusal:
            if error is None or isinstance(refusal, error):
                raise
            raise error(refusal.error_dict if hasattr(refusal, "error_dict")
                        else refusal.error_list) from None
    obj.save(update_fields=update_fields)
    if reason and hasattr(obj, "history"):
        update_change_reason(obj, reason)


def delete_with_history(obj: models.Model, *, acting_user) -> None:
    """Delete ``obj``, with ``acting_user`` in the history row of the deletion."""
    obj._history_user = acting_user
    obj.delete()
