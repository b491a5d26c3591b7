"""The unread count of the top bar's "Thông báo" link: no query for an anonymous visitor, one
for a signed-in user, and only when the page shows it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from notifications.selectors import unread_count


def unread(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user=user))}
