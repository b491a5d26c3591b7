from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo, văn bản")

    def ready(self):
        # A dossier attaches the tờ trình and minutes issued here (commendations cannot
        # import this app): hand them down through the hook.
        from commendations.services import on_issued_documents
        from reports.selectors import session_issued_offers

        on_issued_documents(session_issued_offers)
