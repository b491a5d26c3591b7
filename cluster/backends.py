"""The password backend: Django's, reading the signed-in user with their unit in one query
(the navigation bar and most pages show or use ``request.user.unit``).

An app above may add a value to that same query (``register_user_annotation``, from its
``AppConfig.ready()``): ``notifications`` adds the unread count of the top bar, so the badge
costs no query of its own."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.backends import ModelBackend

_annotations: dict[str, Callable] = {}


def register_user_annotation(name: str, expression: Callable) -> None:
    """``expression()`` returns a query expression on the user row (a ``Subquery`` with an
    ``OuterRef("pk")``), read as ``request.user.<name>`` with the user."""
    _annotations[name] = expression


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        from cluster.models import User

        rows = User._default_manager.select_related("unit").filter(pk=user_id)
        if _annotations:
            rows = rows.annotate(**{name: make() for name, make in _annotations.items()})
        user = rows.first()
        return user if user is not None and self.user_can_authenticate(user) else None
