from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào thi đua")

    def ready(self):
        from campaigns.dashboard import campaigns_checklist, campaigns_panel
        from cluster.dashboard import register_checklist, register_panel

        register_panel(campaigns_panel, order=10)
        register_checklist(campaigns_checklist, order=10)

        from campaigns.plan_notices import plan_due_notices
        from notifications.scheduler import register

        register(plan_due_notices)
