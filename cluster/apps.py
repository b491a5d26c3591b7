from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClusterConfig(AppConfig):
    name = "cluster"
    verbose_name = _("Cụm thi đua và đơn vị")

    def ready(self):
        from cluster import converters

        converters.register()  # before any URLconf is read

        from django.db.models.signals import post_delete, post_save

        from cluster import models, request_cache

        # A write to the registry during a request empties what the request has read of it.
        for model in (models.Cluster, models.Unit, models.Membership, models.ClusterYear,
                      models.SecretariatGrant, models.User):
            post_save.connect(request_cache.clear, sender=model,
                              dispatch_uid=f"request_cache_{model.__name__}_save")
            post_delete.connect(request_cache.clear, sender=model,
                                dispatch_uid=f"request_cache_{model.__name__}_delete")
