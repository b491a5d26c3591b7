from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = _("Báo cáo kết quả")

    def ready(self):
        from campaigns.selectors import on_deadline_dates
        from campaigns.services import on_criteria_changed
        from cluster.dashboard import register_checklist, register_panel
        from cluster.unit_page import register_unit_section
        from notifications.scheduler import register_job
        from results.dashboard import (
            practices_panel,
            results_checklist,
            results_panel,
            unit_results_section,
        )
        from results.selectors import period_deadline_dates
        from results.services.reminders import reminders_job
        from results.services.results import periods_recompute_open

        register_panel(results_panel, order=20)
        register_panel(practices_panel, order=40)
        register_checklist(results_checklist, order=20)
        register_unit_section(unit_results_section, order=20)
        on_criteria_changed(periods_recompute_open)
        on_deadline_dates(period_deadline_dates)
        register_job(reminders_job)
