"""Reads of the notifications app: a person's notices and how many are unread."""

from __future__ import annotations

from django.db.models import QuerySet

from cluster.models import User
from notifications.models import EmailOptOut, Notification


def notifications_of(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("cluster")


def unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_opt_outs(*, user: User) -> set[str]:
    return set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))


__all__ = ["email_opt_outs", "notifications_of", "unread_count"]
