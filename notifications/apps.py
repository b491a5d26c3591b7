from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Thông báo")

    def ready(self):
        from cluster.backends import register_user_annotation
        from notifications.selectors import unread_annotation

        register_user_annotation("notifications_unread", unread_annotation)
