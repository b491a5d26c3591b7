"""The unread count of the top bar's "Thông báo" link. No query for an anonymous visitor;
for a signed-in user it comes with the user's own row (``unread_annotation``, added to the
query of ``cluster.backends.UserBackend``), or else in one query, only when the page shows
it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from notifications.selectors import unread_count


def unread(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    known = getattr(user, "notifications_unread", None)
    if known is not None:
        return {"notifications_unread": known}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user=user))}
