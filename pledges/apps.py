from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Giao ước thi đua")

    def ready(self):
        from cluster.dashboard import register_panel
        from pledges.dashboard import pledge_panel

        register_panel(pledge_panel, order=30)
