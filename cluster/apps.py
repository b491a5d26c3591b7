from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClusterConfig(AppConfig):
    name = "cluster"
    verbose_name = _("Cụm thi đua và đơn vị")

    def ready(self):
        from cluster import converters

        converters.register()  # before any URLconf is read
