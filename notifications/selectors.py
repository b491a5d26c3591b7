"""Reads of the notifications app: a person's notices and how many are unread, and who is
told of an event (a unit's staff, its leaders, the observers). A cluster-year's secretariat
is ``cluster.selectors.secretariat_accounts``, the one reading of who acts as it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from cluster.models import User
from notifications.models import EmailOptOut, Notification

STAFF_ROLES = (User.Role.OFFICER, User.Role.LEADER)


def notifications_of(*, user: User) -> QuerySet[Notification]:
    """A person's notices, unread first, then newest first."""
    return (Notification.objects.filter(recipient=user).select_related("cluster")
            .order_by(ExpressionWrapper(Q(read_at__isnull=False), output_field=BooleanField()),
                      "-created_at", "-pk"))


def notification_get(*, user: User, pk: int) -> Notification | None:
    """One of ``user``'s notices; another person's is not found."""
    return Notification.objects.filter(recipient=user, pk=pk).first()


def unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_annotation():
    """The user's unread count as an expression on the user row (for the query that reads the
    signed-in user, ``cluster.backends.register_user_annotation``)."""
    return Coalesce(Subquery(
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by().values("recipient").annotate(n=Count("pk")).values("n")[:1]), 0)


def email_opt_outs(*, user: User) -> set[str]:
    return set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))


def unit_people(*, unit_ids: Iterable[int], roles: Iterable[str] = STAFF_ROLES) -> list[User]:
    """The active people of the units with one of ``roles`` (a unit's officers and leader by
    default; ``[User.Role.LEADER]`` for what the leader signs or votes)."""
    return list(User.objects.filter(unit_id__in=list(unit_ids), role__in=list(roles),
                                    is_active=True).order_by("pk"))


def observer_people() -> list[User]:
    """The active observers (the ministry's department that follows every cluster): told of
    what becomes the record they follow, a period's final results and an award decision."""
    return list(User.objects.filter(role=User.Role.OBSERVER, is_active=True).order_by("pk"))


def administrators() -> list[User]:
    """The active administrators: told of the national data only they may correct."""
    return list(User.objects.filter(is_superuser=True, is_active=True).order_by("pk"))


__all__ = [
    "STAFF_ROLES", "administrators", "email_opt_outs", "notification_get", "notifications_of",
    "observer_people", "unit_people", "unread_annotation", "unread_count",
]
