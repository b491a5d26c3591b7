from __future__ import annotations

from django.db import models
from simple_history.utils import update_change_reason

from cluster.models import User


def save(obj: models.Model, *, acting_user: User | None, reason: str = "",
         exclude: list[str] | None = None) -> None:
    """Validate the row (fields, constraints, ``clean``) and save it with the acting user in
    its history."""
    obj._history_user = acting_user
    obj.full_clean(exclude=exclude)
    obj.save()
    if reason:
        update_change_reason(obj, reason)


def delete(obj: models.Model, *, acting_user: User | None) -> None:
    obj._history_user = acting_user
    obj.delete()
