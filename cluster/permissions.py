"""One answer to "who may do this": ``require(user, perm, obj)``, called by every service that
writes on a user's behalf, and ``allowed(user, perm, obj)``, asked by the pages for what they
offer. Both check the ``rules`` permission (the apps' ``rules.py``) with ``rules.has_perm``,
without Django's "a superuser has every permission" shortcut: the rules say themselves where
an administrator may act (``cluster.rules.is_admin``), and a draft stays the unit's own
(docs/architecture.md, "Who may, and when").

``acting_user=None`` is the system itself (the demo loader, the reminders, data repairs run
from code): it is never refused. A view always passes ``request.user``, which is never None
(an anonymous visitor is ``AnonymousUser`` and is refused like anyone without the
permission).

A refusal is ``NotAllowed``, a ``ValidationError``, so ``cluster.mixins.ServiceFormMixin`` and
``ServiceActionMixin`` show its message as it is: on the form, or as an error message."""

from __future__ import annotations

import rules
from django.core.exceptions import ValidationError

DEFAULT_REFUSAL = "Bạn không có quyền thực hiện thao tác này."

# What a refusal says, per permission, when the caller gives no message of its own. The apps'
# ``rules.py`` fill it beside the permission (``describe``).
_REFUSALS: dict[str, str] = {}


class NotAllowed(ValidationError):
    """The acting user may not do this (the ``rules`` permission says no). The message is
    meant for the user (Vietnamese)."""

    def __init__(self, message: str = DEFAULT_REFUSAL, *, permission: str = ""):
        super().__init__(message, code="not_allowed")
        self.permission = permission


def describe(permission: str, refusal: str) -> None:
    """Register what a refusal of ``permission`` tells the user."""
    _REFUSALS[permission] = refusal


def refusal_text(permission: str) -> str:
    return _REFUSALS.get(permission, DEFAULT_REFUSAL)


def allowed(user, permission: str, obj=None) -> bool:
    """Whether ``user`` holds ``permission`` on ``obj``. ``None`` is the system: allowed. An
    inactive account holds nothing."""
    if user is None:
        return True
    if not getattr(user, "is_active", False):
        return False
    return rules.has_perm(permission, user, obj)


def require(user, permission: str, obj=None, *, message: str | None = None,
            error: type[NotAllowed] = NotAllowed) -> None:
    """Raise ``NotAllowed`` unless ``allowed(user, permission, obj)``; the message is
    ``message``, or the one registered for the permission (``describe``). ``error``: a
    subclass that is also the app's own error type (``commendations.CommendationError``)."""
    if not allowed(user, permission, obj):
        raise error(message or refusal_text(permission), permission=permission)
