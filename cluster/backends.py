"""The password backend: Django's, reading the signed-in user with their unit in one query
(the navigation bar and most pages show or use ``request.user.unit``)."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        from cluster.models import User

        user = User._default_manager.select_related("unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
