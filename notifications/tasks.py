"""E-mail of notices (django-tasks), enqueued by ``notifications.services.notify`` after its
transaction commits. Each notice is e-mailed once: ``emailed_at`` is claimed by one
conditional update, in the transaction that sends the mail, so two workers running the same
task send one e-mail, and a mail that cannot be sent rolls the claim back (the task fails and
may be retried)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from notifications.models import EmailOptOut, Notification


def email_text(notification: Notification, *, base_url: str = "") -> tuple[str, str]:
    subject = f"[Thi đua, khen thưởng] {notification.title}"
    lines = [notification.title, ""]
    if notification.body:
        lines += [notification.body, ""]
    if notification.url:
        lines += [f"Xem chi tiết: {base_url.rstrip('/')}{notification.url}", ""]
    lines += ["Thư này được gửi tự động; vui lòng không trả lời.",
              "Có thể tắt nhận thư theo từng loại thông báo ở trang Thông báo."]
    return subject.replace("\n", " "), "\n".join(lines)


@task()
def send_notification_emails(*, notification_ids: list[int], base_url: str = "") -> int:
    """Send the e-mail of each notice not e-mailed yet, to a recipient with an address who has
    not turned this kind off; returns how many were sent."""
    sent = 0
    notices = list(Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
                   .select_related("recipient"))
    opted_out = set(EmailOptOut.objects.filter(
        user_id__in={n.recipient_id for n in notices}).values_list("user_id", "kind"))
    for notice in notices:
        user = notice.recipient
        if not user.is_active or not user.email:
            continue
        if (user.pk, notice.kind) in opted_out:
            continue
        with transaction.atomic():
            claimed = Notification.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(
                emailed_at=timezone.now())
            if not claimed:
                continue
            subject, body = email_text(notice, base_url=base_url)
            send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
