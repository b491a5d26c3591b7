from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from cluster import permissions
from cluster.history import save_with_history
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
    """``cluster.history.save_with_history``, refusing with ``CommendationError`` only, so the
    callers catch one error type."""
    save_with_history(obj, acting_user=acting_user, reason=reason, error=CommendationError)
