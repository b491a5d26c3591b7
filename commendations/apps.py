from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "commendations"
    verbose_name = _("Khen thưởng")

    def ready(self):
        from cluster.dashboard import register_checklist, register_panel
        from commendations.dashboard import commendations_checklist, commendations_panel

        register_panel(commendations_panel, order=40)
        register_checklist(commendations_checklist, order=40)

        from commendations.deadline_notices import (
            dossier_deadline_notices,
            proposal_deadline_notices,
        )
        from commendations.source_notices import unchecked_source_notices
        from commendations.voting_notices import vote_closing_notices
        from notifications.scheduler import register

        register(vote_closing_notices)
        register(proposal_deadline_notices)
        register(dossier_deadline_notices)
        register(unchecked_source_notices)
