"""Tasks of the cluster app (django-tasks): work that leaves the request. Enqueued after the
commit of the service that asks for it (``transaction.on_commit``), run by ``manage.py
db_worker`` (or at once, with ``TASKS_BACKEND=immediate`` and in the tests)."""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task

from cluster.accounts import INVITATION, RESET, account_email
from cluster.models import User


@task()
def send_account_email(*, user_id: int, kind: str, base_url: str, inviter: str = "") -> bool:
    """E-mail ``user_id`` the link of ``kind`` (invitation or password reset), made now. Sends
    nothing, and says so, when the account is gone, inactive or has no e-mail address, or
    when an invitation finds the password already set. A mail that cannot be sent raises: the
    task is recorded as failed."""
    if kind not in (INVITATION, RESET):
        raise ValueError(kind)
    user = User.objects.select_related("unit").filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    if kind == INVITATION and user.has_usable_password():
        return False
    subject, body = account_email(user, kind=kind, base_url=base_url, inviter=inviter)
    send_mail(subject, body, None, [user.email])
    return True
