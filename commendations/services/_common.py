from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.utils import update_change_reason

from cluster import permissions
from cluster.models import User
from cluster.rules import YearScope

MANAGE = "commendations.manage_year"  # the secretariat of the year, and admins


class CommendationError(ValidationError):
    """A refused change; the message is meant for the user (Vietnamese)."""


class CommendationNotAllowed(permissions.NotAllowed, CommendationError):
    """The acting user may not do this (``cluster.permissions``); a CommendationError too."""


def require(user: User | None, permission: str, obj=None, *, message: str | None = None
            ) -> None:
    """``cluster.permissions.require``, refusing with ``CommendationNotAllowed``."""
    permissions.require(user, permission, obj, message=message, error=CommendationNotAllowed)


def require_manage(user: User | None, *, cluster, year: int) -> None:
    """The secretariat's writes (``cluster.permissions.require``; None is the system)."""
    require(user, MANAGE, YearScope(cluster, year))


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
