"""Django admin of unit results and good practices, for superusers; units and the
secretariat work in the app's own pages."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cluster.admin import ReadOnlyInline as BaseReadOnlyInline
from cluster.admin import ReadOnlyMixin
from results.models import (
    AreaNarrative,
    CriterionScore,
    EvidenceFile,
    GoodPractice,
    NotApplicable,
    ReminderLog,
    ReportEvent,
    ReportingPeriod,
    ReviewRecusal,
    ReviewSetting,
    ScoreBand,
    StateArea,
    UnitReport,
    UnitTarget,
    YearScoring,
)

# --- Unit results (issue #4) ------------------------------------------------------------------
# Reports, scores, evidence and their log change only through results.services.results (the
# transition table, optimistic locking, the content check of uploads): here they are shown,
# not edited. Areas, periods (apart from their phase) and good practices are plain data.


class ReadOnlyInline(BaseReadOnlyInline):
    show_change_link = True


class AreaNarrativeInline(ReadOnlyInline):
    model = AreaNarrative
    fields = readonly_fields = ["area", "text"]


class CriterionScoreInline(ReadOnlyInline):
    model = CriterionScore
    fields = readonly_fields = ["criterion", "actual", "achieved", "count", "note",
                                "self_points", "adjusted_points", "review_comment",
                                "explanation"]


class EvidenceFileInline(ReadOnlyInline):
    model = EvidenceFile
    fields = readonly_fields = ["original_name", "criterion", "stage", "mime", "size",
                                "uploaded_by", "uploaded_at"]


class ReportEventInline(ReadOnlyInline):
    model = ReportEvent
    fields = readonly_fields = ["at", "from_state", "to_state", "actor", "note"]


@admin.register(StateArea)
class StateAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "cluster", "year", "order"]
    list_filter = ["cluster", "year"]
    search_fields = ["name", "cluster__name"]
    list_select_related = ["cluster"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "cluster", "year", "kind", "deadline", "phase", "finalised_at"]
    list_filter = ["phase", "kind", "year", "cluster"]
    search_fields = ["cluster__name"]
    list_select_related = ["cluster"]
    readonly_fields = ["phase", "finalised_at", "finalised_by"]
    actions = ["open_next_phase"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # the reports hang on them
            return ["cluster", "year", "kind", *self.readonly_fields]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return (obj is not None and obj.phase == ReportingPeriod.Phase.NOT_OPEN
                and super().has_delete_permission(request, obj))

    def save_model(self, request, obj, form, change):
        from results.services.results import areas_ensure

        super().save_model(request, obj, form, change)
        if not change:
            areas_ensure(cluster=obj.cluster, year=obj.year)

    @admin.action(description="Mở giai đoạn tiếp theo")
    def open_next_phase(self, request, queryset):
        from results.services.results import PHASE_ORDER, period_set_phase

        for period in queryset:
            position = PHASE_ORDER.index(period.phase) if period.phase in PHASE_ORDER else -1
            try:
                if not 0 <= position < len(PHASE_ORDER) - 1:
                    raise ValidationError(
                        "Không còn giai đoạn tiếp theo; dùng chức năng “Chốt kết quả”.")
                period = period_set_phase(period=period, phase=PHASE_ORDER[position + 1],
                                          acting_user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{period}: {' '.join(error.messages)}",
                                  messages.ERROR)
            else:
                self.message_user(request, f"{period}: {period.get_phase_display()}.")


@admin.register(UnitReport)
class UnitReportAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "state", "submitted_self_total", "final_total",
                    "submitted_at", "is_late", "is_illustrative"]
    list_filter = ["state", "is_late", "period__kind", "period__year", "period__cluster",
                   "is_illustrative"]
    # Not the texts: searching them would tell an admin what a draft says.
    search_fields = ["unit__name", "unit__short_name"]
    list_select_related = ["unit", "period__cluster"]
    inlines = [AreaNarrativeInline, CriterionScoreInline, EvidenceFileInline,
               ReportEventInline]
    editable = ["is_illustrative"]

    # A draft is the unit's own until it is submitted (docs/architecture.md): the admin sees
    # that it exists and its state, not what the unit has written, scored or uploaded.
    draft_fields = ["unit", "period", "state", "version", "is_illustrative"]

    def get_fields(self, request, obj=None):
        if obj is not None and obj.submitted_at is None:
            return self.draft_fields
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in UnitReport._meta.fields if f.name not in self.editable]

    def get_inlines(self, request, obj):
        if obj is not None and obj.submitted_at is None:
            return [ReportEventInline]
        return super().get_inlines(request, obj)

    @admin.display(description=_("tự chấm"), ordering="self_total")
    def submitted_self_total(self, obj):
        return obj.self_total if obj.submitted_at is not None else "—"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        report = self.get_object(request, object_id)
        if report is not None and report.submitted_at is None:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_add_permission(self, request):
        return False  # a report is created for a member unit by report_get_or_create

    def has_delete_permission(self, request, obj=None):
        # Only a draft nobody has saved yet; never a report that carries work or a verdict.
        return (obj is not None and obj.state == UnitReport.State.DRAFT and obj.version == 0
                and super().has_delete_permission(request, obj))

    def save_model(self, request, obj, form, change):
        # Write only the flag: the row may have been saved by its unit since it was read.
        obj._history_user = request.user
        obj.save(update_fields=[f for f in form.changed_data if f in self.editable] or [])


class SubmittedReportsOnlyMixin:
    """Rows of a report that was never submitted stay the unit's own: not listed, 404."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(report__submitted_at__isnull=False)


@admin.register(AreaNarrative)
class AreaNarrativeAdmin(SubmittedReportsOnlyMixin, ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["report", "area"]
    list_filter = ["report__period__year", "report__period__cluster"]
    search_fields = ["text", "area__name", "report__unit__name"]
    list_select_related = ["report__unit", "report__period", "area"]


@admin.register(CriterionScore)
class CriterionScoreAdmin(SubmittedReportsOnlyMixin, ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["report", "criterion", "self_points", "adjusted_points"]
    list_filter = ["report__period__year", "report__period__cluster", "criterion__kind"]
    search_fields = ["criterion__code", "criterion__name", "report__unit__name",
                     "review_comment", "explanation"]
    list_select_related = ["report__unit", "report__period", "criterion"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(SubmittedReportsOnlyMixin, admin.ModelAdmin):
    list_display = ["original_name", "report", "criterion", "stage", "mime", "size",
                    "uploaded_by", "uploaded_at"]
    list_filter = ["stage", "mime", "report__period__year", "report__period__cluster"]
    search_fields = ["original_name", "report__unit__name", "criterion__code"]
    list_select_related = ["report__unit", "report__period", "criterion", "uploaded_by"]

    def has_add_permission(self, request):
        return False  # uploads are checked from their content by evidence_add

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A wrong file may be removed until the report is final.
        return (obj is not None and obj.report.state != UnitReport.State.FINAL
                and super().has_delete_permission(request, obj))


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["report", "from_state", "to_state", "actor", "at"]
    list_filter = ["to_state", "report__period__year", "report__period__cluster"]
    search_fields = ["report__unit__name", "note", "actor__username"]
    list_select_related = ["report__unit", "report__period", "actor"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "area", "year", "cluster", "source", "created_at",
                    "is_illustrative"]
    list_filter = ["year", "source", "cluster", "area__name", "is_illustrative"]
    search_fields = ["title", "description", "results", "unit__name", "unit__short_name"]
    list_select_related = ["unit", "area", "cluster"]
    autocomplete_fields = ["report"]
    # The evidence goes in through the app's form, which checks the file's content.
    readonly_fields = ["evidence", "evidence_name", "created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["period", "unit", "key", "sent_at"]
    list_filter = ["key", "period__year", "period__cluster"]
    search_fields = ["unit__name", "recipients", "key"]
    list_select_related = ["period__cluster", "unit"]


# --- Reviewer independence (issue #17) --------------------------------------------------------
# The alternate reviewer is named on the app's page (results.services.reviewers checks that it
# is a member and neither the chair nor the vice-chair); recusals are a record. Both are shown
# here, not edited.


@admin.register(ReviewSetting)
class ReviewSettingAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["cluster", "year", "alternate_unit"]
    list_filter = ["cluster", "year"]
    list_select_related = ["cluster", "alternate_unit"]


@admin.register(ReviewRecusal)
class ReviewRecusalAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["report", "party", "unit", "declared_by", "declared_at"]
    list_filter = ["party", "report__period__year", "report__period__cluster"]
    search_fields = ["reason", "report__unit__name"]
    list_select_related = ["report__unit", "report__period", "unit", "declared_by"]
# --- Issue #17: units' own targets, criteria not applicable, the year's rule and bands --------
# Targets and applicability change only through results.services.scoring, which recomputes
# the period's stored points and refuses a finalised period: shown here, not edited. The
# year's rule and bands are plain data (a finalised period keeps its own copy).


@admin.register(UnitTarget)
class UnitTargetAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["unit", "criterion", "target", "period", "set_by"]
    list_filter = ["period__year", "period__cluster"]
    search_fields = ["unit__name", "criterion__code", "note"]
    list_select_related = ["unit", "criterion", "period__cluster", "set_by"]


@admin.register(NotApplicable)
class NotApplicableAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["unit", "criterion", "period", "reason", "set_by"]
    list_filter = ["period__year", "period__cluster"]
    search_fields = ["unit__name", "criterion__code", "reason"]
    list_select_related = ["unit", "criterion", "period__cluster", "set_by"]


@admin.register(YearScoring)
class YearScoringAdmin(SimpleHistoryAdmin):
    list_display = ["cluster", "year", "ranking_basis", "band_basis"]
    list_filter = ["year", "cluster"]
    list_select_related = ["cluster"]


@admin.register(ScoreBand)
class ScoreBandAdmin(SimpleHistoryAdmin):
    list_display = ["name", "lower_bound", "cluster", "year"]
    list_filter = ["year", "cluster"]
    list_select_related = ["cluster"]
