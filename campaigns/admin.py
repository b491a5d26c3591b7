"""Django admin for superusers; the secretariat works in the app's own pages. The admin of unit
results and good practices is in ``results.admin``."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from campaigns.models import (
    Campaign,
    Conference,
    Criterion,
    Delegate,
    LegalDocument,
    Milestone,
    SeriesCounter,
)


@admin.register(LegalDocument)
class LegalDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["number_symbol", "kind", "issued_on", "in_force_from", "expired_on",
                    "replaced_by", "issuing_body", "cluster", "series_number", "is_illustrative"]
    list_filter = ["cluster", "kind", "is_illustrative"]
    autocomplete_fields = ["replaced_by"]
    search_fields = ["number_symbol", "subject", "issuing_body"]
    list_select_related = ["cluster", "replaced_by"]
    readonly_fields = ["number", "number_year", "type_code", "issuer_code", "issuer_subunit",
                       "is_party_style", "series_year", "series_number", "created_by"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(SeriesCounter)
class SeriesCounterAdmin(SimpleHistoryAdmin):
    list_display = ["cluster", "year", "last_number"]
    list_filter = ["cluster"]
    readonly_fields = ["cluster", "year", "last_number"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cluster", "year", "kind", "starts_on", "ends_on", "is_illustrative"]
    list_filter = ["cluster", "year", "kind"]
    search_fields = ["name", "motto"]
    list_select_related = ["cluster"]
    autocomplete_fields = ["legal_bases", "plan_document"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "campaign", "due_on", "done_on", "is_illustrative"]
    list_filter = ["kind", "campaign__cluster", "campaign__year"]
    search_fields = ["title", "campaign__name", "note"]
    list_select_related = ["campaign"]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "cluster", "year", "kind", "max_points", "parent"]
    list_filter = ["cluster", "year", "kind"]
    search_fields = ["code", "name"]
    list_select_related = ["cluster", "parent"]


class DelegateInline(admin.TabularInline):
    model = Delegate
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "year", "kind", "starts_at", "published_at"]
    list_filter = ["cluster", "year", "kind"]
    search_fields = ["title"]
    list_select_related = ["cluster"]
    readonly_fields = ["slug", "published_at", "published_by"]
    filter_horizontal = ["hosts", "documents"]
    inlines = [DelegateInline]


@admin.register(Delegate)
class DelegateAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "job_title", "unit", "unit_name", "conference"]
    list_filter = ["conference__cluster", "conference__year"]
    search_fields = ["full_name", "job_title", "unit__name", "unit_name"]
    list_select_related = ["unit", "conference"]
