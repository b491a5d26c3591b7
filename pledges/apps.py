from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Giao ước thi đua")

    def ready(self):
        from cluster.dashboard import register_checklist, register_panel
        from notifications.scheduler import register
        from pledges.dashboard import pledge_checklist, pledge_panel
        from pledges.notices import pledge_deadline_notices

        register_panel(pledge_panel, order=30)
        register_checklist(pledge_checklist, order=30)
        register(pledge_deadline_notices)
