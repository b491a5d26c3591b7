"""Writes of the notifications app: tell people of an event, mark what they have read.

``notify`` is what other apps call, inside their own service's transaction: the notices are
written with it (and rolled back with it), and their e-mail is enqueued after the commit as a
django-tasks task (``notifications.tasks.send_notification_emails``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from cluster.models import Cluster, User
from cluster.text import shorten
from notifications.kinds import Kind
from notifications.models import EmailOptOut, Notification

TITLE_MAX = 255
BODY_MAX = 2_000


def notify(*, kind: str, recipients: Iterable[User], key: str, title: str, body: str = "",
           url: str = "", cluster: Cluster | None = None, email: bool = True
           ) -> list[Notification]:
    """One notice per recipient (active users, each once) for the event ``key``, and its
    e-mail after commit (``email=False``: the caller sends its own, as the report reminders
    do, and the notice is only in the app). A recipient told of ``key`` already is skipped:
    the same event told twice is one notice and one e-mail. Returns the notices created now."""
    if kind not in Kind.values:
        raise ValueError(kind)
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not people:
        return []
    already = set(Notification.objects.filter(recipient_id__in=people, key=key)
                  .values_list("recipient_id", flat=True))
    created = []
    for user_id in sorted(set(people) - already):
        try:
            with transaction.atomic():
                created.append(Notification.objects.create(
                    recipient_id=user_id, kind=kind, key=key[:200], cluster=cluster,
                    title=shorten(title, TITLE_MAX), body=(body or "").strip()[:BODY_MAX], url=url))
        except IntegrityError:  # told meanwhile by a twin request or server
            continue
    if created and email:
        ids = [n.pk for n in created]

        def enqueue():
            from notifications.tasks import send_notification_emails

            send_notification_emails.enqueue(notification_ids=ids)

        transaction.on_commit(enqueue)
    return created


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of ``user``'s notices read (or all of them); returns how many changed. Another
    person's notice is not found (0)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def email_preferences_set(*, user: User, receive: Iterable[str]) -> set[str]:
    """Keep e-mail for the kinds in ``receive`` and turn it off for every other kind (one
    ``EmailOptOut`` row each); the notices themselves always stay in the app. Returns the kinds
    now turned off."""
    wanted = set(receive)
    unknown = wanted - set(Kind.values)
    if unknown:
        raise ValueError(sorted(unknown))
    off = set(Kind.values) - wanted
    with transaction.atomic():
        EmailOptOut.objects.filter(user=user).exclude(kind__in=off).delete()
        EmailOptOut.objects.bulk_create([EmailOptOut(user=user, kind=kind) for kind in sorted(off)],
                                        ignore_conflicts=True)
    return off


__all__ = ["email_preferences_set", "notification_mark_read", "notify"]
