"""Notices to a person (issue #16): what the notification centre lists, and what is e-mailed.

A notice is keyed: ``(recipient, key)`` is unique, so the same event told twice (two app
servers, two cron runs, a repeated request) makes one row, and ``emailed_at`` is set by one
conditional update, so one e-mail goes out. Notices never carry how a unit voted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cluster.fields import UserCharField, UserTextField
from cluster.text import NAME_MAX, NOTE_MAX
from notifications.kinds import Kind


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"),
                                  on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("loại"), max_length=40, choices=Kind.choices)
    key = models.CharField(_("khóa sự kiện"), max_length=200,
                           help_text=_("Một sự kiện chỉ báo một lần cho một người."))
    cluster = models.ForeignKey("cluster.Cluster", verbose_name=_("cụm"), null=True,
                                blank=True, on_delete=models.CASCADE, related_name="+")
    title = UserCharField(_("tiêu đề"), max_length=NAME_MAX)
    body = UserTextField(_("nội dung"), max_length=NOTE_MAX, blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailOptOut(models.Model):
    """A person who does not want e-mail for one kind of notice (the notice stays in the app)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"),
                             on_delete=models.CASCADE, related_name="email_opt_outs")
    kind = models.CharField(_("loại"), max_length=40, choices=Kind.choices)

    class Meta:
        verbose_name = _("không nhận thư")
        verbose_name_plural = _("không nhận thư")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="emailoptout_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"
