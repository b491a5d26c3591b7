"""Django admin for commendations. The catalogue is edited here; the rules until the year's
voting opens. States are never edited here (only the transition services change them). A
closed session is read-only with everything it holds. Ballots show WHO voted and how, never
what: sealed ballots and session seals have no admin page at all, and a closed session shows
only its fixed totals."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from cluster.admin import ReadOnlyInline, ReadOnlyMixin
from commendations.models import (
    AwardDecision,
    AwardForm,
    AwardRule,
    AwardTally,
    Ballot,
    Dossier,
    DossierDocument,
    DossierEvent,
    GrantedAward,
    Nomination,
    PastHonour,
    Person,
    Posting,
    SessionEvent,
    TallyResult,
    VotingSession,
)
from commendations.services import person_merge, rules_locked_reason


@admin.register(AwardForm)
class AwardFormAdmin(SimpleHistoryAdmin):
    list_display = ["name", "category", "level", "recipient", "conferred_by", "default_rule",
                    "is_active", "is_illustrative"]
    list_filter = ["category", "level", "recipient", "is_active"]
    search_fields = ["name", "code", "legal_basis"]

    def has_delete_permission(self, request, obj=None):
        # An award already used by a rule or a nomination is kept (PROTECT); retire it instead.
        return obj is not None and not obj.rules.exists() and not obj.nominations.exists() \
            and super().has_delete_permission(request, obj)


@admin.register(AwardRule)
class AwardRuleAdmin(SimpleHistoryAdmin):
    list_display = ["award", "cluster", "year", "threshold_percent", "base", "quorum_percent",
                    "quota_percent", "tie_break", "is_illustrative"]
    list_filter = ["cluster", "year", "award"]
    search_fields = ["award__name", "cluster__name", "threshold_source"]
    list_select_related = ["award", "cluster"]
    readonly_fields = ["updated_by"]

    def has_change_permission(self, request, obj=None):
        # The year's rules freeze once one of its sessions has opened.
        if obj is not None and rules_locked_reason(cluster=obj.cluster, year=obj.year):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and self.has_change_permission(request, obj) \
            and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class NominationInline(admin.StackedInline):
    model = Nomination
    extra = 0
    fields = ["award", "unit", "person_name", "person_title", "person_gender",
              "women_share_percent", "summary", "order", "is_illustrative"]

    def has_add_permission(self, request, obj=None):
        return (obj is None or obj.is_draft) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.is_draft) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.is_draft) and super().has_delete_permission(request, obj)


class BallotInline(ReadOnlyInline):
    """Who voted, how and when; never what."""

    model = Ballot
    fields = ["unit", "kind", "cast_at", "cast_by", "note"]
    readonly_fields = fields


class SessionEventInline(ReadOnlyInline):
    model = SessionEvent
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields


@admin.register(VotingSession)
class VotingSessionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "year", "status", "conference", "is_illustrative"]
    list_filter = ["status", "cluster", "year"]
    search_fields = ["title", "cluster__name"]
    list_select_related = ["cluster", "conference"]
    readonly_fields = ["status", "members_count", "ballots_count", "written_count", "opened_at",
                       "closed_at", "closed_by", "created_by", "created_at"]
    inlines = [NominationInline, BallotInline, SessionEventInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            return ["cluster", "year", "conference", "title", "present_count", "leaders_count",
                    "is_illustrative", *self.readonly_fields]
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and obj.is_closed) and super().has_change_permission(
            request, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.is_draft and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "session", "award", "unit", "is_illustrative"]
    list_filter = ["session__cluster", "session__year", "award"]
    search_fields = ["person_name", "unit__name", "summary"]
    list_select_related = ["session", "award", "unit"]

    def has_add_permission(self, request):
        return False  # added on the session's page while it is in preparation

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.session.is_draft) and super().has_change_permission(
            request, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.session.is_draft and super().has_delete_permission(
            request, obj)


@admin.register(Ballot)
class BallotAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Who voted (unit, how, when, recorded by) — never what."""

    list_display = ["unit", "session", "kind", "cast_at", "cast_by"]
    list_filter = ["kind", "session__cluster", "session__year"]
    search_fields = ["unit__name", "session__title"]
    list_select_related = ["unit", "session", "cast_by"]
    fields = ["session", "unit", "kind", "cast_at", "cast_by", "note", "is_illustrative"]
    readonly_fields = fields


class TallyResultInline(ReadOnlyInline):
    model = TallyResult
    fields = ["position", "nomination", "agree", "disagree", "percent", "passed", "reason"]
    readonly_fields = fields


@admin.register(AwardTally)
class AwardTallyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["award", "session", "ballots_cast", "base_count", "quota_cap", "quorum_met"]
    list_filter = ["session__cluster", "session__year", "award"]
    search_fields = ["award__name", "session__title"]
    list_select_related = ["award", "session"]
    inlines = [TallyResultInline]


@admin.register(TallyResult)
class TallyResultAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["nomination", "award_tally", "agree", "disagree", "percent", "passed"]
    list_filter = ["passed", "award_tally__session__cluster", "award_tally__session__year"]
    search_fields = ["nomination__unit__name", "nomination__person_name"]
    list_select_related = ["nomination__unit", "nomination__award", "award_tally__award",
                           "award_tally__session"]


class DossierDocumentInline(ReadOnlyInline):
    model = DossierDocument
    fields = ["kind", "title", "original_name", "added_by", "added_at"]
    readonly_fields = fields


class DossierEventInline(ReadOnlyInline):
    model = DossierEvent
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["nomination", "status", "created_at", "is_illustrative"]
    list_filter = ["status", "nomination__session__cluster", "nomination__session__year"]
    search_fields = ["nomination__unit__name", "nomination__person_name"]
    list_select_related = ["nomination__unit", "nomination__award"]
    inlines = [DossierDocumentInline, DossierEventInline]


@admin.register(DossierDocument)
class DossierDocumentAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["dossier", "kind", "title", "original_name", "added_at"]
    list_filter = ["kind"]
    search_fields = ["title", "original_name", "dossier__nomination__unit__name"]
    list_select_related = ["dossier__nomination__unit", "dossier__nomination__award"]


@admin.register(DossierEvent)
class DossierEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["dossier", "from_status", "to_status", "actor", "created_at"]
    search_fields = ["note", "dossier__nomination__unit__name"]
    list_select_related = ["dossier__nomination__unit", "dossier__nomination__award", "actor"]


@admin.register(SessionEvent)
class SessionEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["session", "from_status", "to_status", "actor", "created_at"]
    search_fields = ["note", "session__title"]
    list_select_related = ["session", "actor"]


class GrantedInline(ReadOnlyInline):
    model = GrantedAward
    fields = ["award", "unit", "person_name", "year", "cluster"]
    readonly_fields = fields


@admin.register(AwardDecision)
class AwardDecisionAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["number", "issued_on", "issuing_body", "signer", "is_illustrative"]
    search_fields = ["number", "issuing_body", "subject", "signer"]
    inlines = [GrantedInline]


@admin.register(GrantedAward)
class GrantedAwardAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["award", "unit", "person_name", "year", "decision", "is_illustrative"]
    list_filter = ["year", "award", "cluster"]
    search_fields = ["unit__name", "person_name", "decision__number"]
    list_select_related = ["award", "unit", "decision"]


@admin.register(PastHonour)
class PastHonourAdmin(SimpleHistoryAdmin):
    """Honours imported from Excel; editable here for technical corrections (the history
    keeps who changed what)."""

    list_display = ["award", "unit", "person_name", "year", "decision_number", "cluster"]
    list_filter = ["year", "award", "cluster"]
    search_fields = ["unit__name", "person_name", "decision_number"]
    list_select_related = ["award", "unit", "cluster"]
    raw_id_fields = ["cluster", "unit", "award", "recorded_by"]
    readonly_fields = ["recorded_at"]


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    """The person registry: one identity across years and units."""

    list_display = ["full_name", "gender", "date_of_birth", "is_illustrative"]
    list_filter = ["gender", "is_illustrative"]
    search_fields = ["full_name", "search_name"]
    inlines = [PostingInline]


@admin.register(Posting)
class PostingAdmin(SimpleHistoryAdmin):
    list_display = ["person", "unit", "position", "since", "until"]
    list_filter = ["unit"]
    search_fields = ["person__full_name", "person__search_name", "unit__name"]
    autocomplete_fields = ["person", "unit"]
    list_select_related = ["person", "unit"]


# --- standards and eligibility (issue #16, part 3) ---------------------------------------------
from commendations.models import (  # noqa: E402
    AwardCondition,
    AwardStandard,
    StandardDeclaration,
)


class AwardStandardInline(admin.StackedInline):
    model = AwardStandard
    extra = 0
    fields = ["text", "mandatory", "source", "valid_from_year", "valid_to_year", "order",
              "is_illustrative"]


class AwardConditionInline(admin.StackedInline):
    model = AwardCondition
    fk_name = "award"
    extra = 0
    fields = ["kind", "years", "required_awards", "include_current", "mandatory", "text",
              "source", "valid_from_year", "valid_to_year", "order", "is_illustrative"]
    filter_horizontal = ["required_awards"]


AwardFormAdmin.inlines = [*AwardFormAdmin.inlines, AwardStandardInline, AwardConditionInline]


@admin.register(AwardStandard)
class AwardStandardAdmin(SimpleHistoryAdmin):
    list_display = ["award", "text", "mandatory", "valid_from_year", "valid_to_year"]
    list_filter = ["award", "mandatory", "valid_from_year"]
    search_fields = ["text", "source", "award__name"]
    list_select_related = ["award"]
    readonly_fields = ["updated_by"]

    def has_delete_permission(self, request, obj=None):
        # A standard already declared is kept (PROTECT): end its years instead.
        return (obj is None or not obj.declarations.exists()) and \
            super().has_delete_permission(request, obj)


@admin.register(AwardCondition)
class AwardConditionAdmin(SimpleHistoryAdmin):
    list_display = ["award", "kind", "years", "mandatory", "valid_from_year", "valid_to_year"]
    list_filter = ["award", "kind", "valid_from_year"]
    search_fields = ["text", "source", "award__name"]
    list_select_related = ["award"]
    filter_horizontal = ["required_awards"]
    readonly_fields = ["updated_by"]


@admin.register(StandardDeclaration)
class StandardDeclarationAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    """Declared by the unit on the nomination's page (``services.standard_declare``)."""

    list_display = ["nomination", "standard", "declared", "declared_by", "declared_at"]
    list_filter = ["declared"]
    list_select_related = ["nomination__unit", "nomination__award", "standard", "declared_by"]
# Public consultation (issue #16, part 5).
from django.db.models import URLField  # noqa: E402

from commendations.models import Consultation, ConsultationRule, PublicComment  # noqa: E402


@admin.register(ConsultationRule)
class ConsultationRuleAdmin(SimpleHistoryAdmin):
    """The rules are data with their article: an administrator checks them against the
    original text and marks them so."""

    list_display = ["award_name", "award_code", "days", "valid_from", "valid_until",
                    "article_checked"]
    list_filter = ["article_checked", "valid_from"]
    search_fields = ["award_name", "award_code", "source"]
    formfield_overrides = {URLField: {"assume_scheme": "https"}}  # noqa: RUF012 (Django's)


class PublicCommentInline(admin.TabularInline):
    model = PublicComment
    extra = 0
    can_delete = False
    fields = ["submitted_at", "author_name", "status", "moderated_by", "moderated_at"]
    readonly_fields = fields
# --- the person registry (issue #16): a person's honours, read-only, and merging two records ---
class _ReadOnlyHonoursInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "year", "opens_at", "closes_at", "required_days",
                    "is_illustrative"]
    list_filter = ["year", "cluster"]
    search_fields = ["title", "cluster__name"]
    list_select_related = ["cluster"]
    raw_id_fields = ["cluster", "nominations"]
    readonly_fields = ["token", "required_days", "published_by", "published_at"]
    inlines = [PublicCommentInline]


@admin.register(PublicComment)
class PublicCommentAdmin(SimpleHistoryAdmin):
    """Comments are handled on the secretariat's page (one decision, recorded); here they are
    read, and their text may be repaired (history kept)."""

    list_display = ["pk", "consultation", "author_name", "status", "submitted_at",
                    "moderated_by"]
    list_filter = ["status", "consultation__year"]
    search_fields = ["author_name", "text", "consultation__title"]
    list_select_related = ["consultation", "moderated_by"]
    raw_id_fields = ["consultation", "nomination"]
    readonly_fields = ["submitted_at", "ip_hash", "status", "moderated_by", "moderated_at"]
    def has_change_permission(self, request, obj=None):
        return False


class GrantedAwardOfPersonInline(_ReadOnlyHonoursInline):
    model = GrantedAward
    fields = readonly_fields = ["year", "award", "unit", "cluster", "person_name", "decision"]
    verbose_name_plural = "Khen thưởng theo quyết định"


class PastHonourOfPersonInline(_ReadOnlyHonoursInline):
    model = PastHonour
    fields = readonly_fields = ["year", "award", "unit", "cluster", "person_name",
                                "decision_number", "decision_date"]
    verbose_name_plural = "Khen thưởng đã có (nhập từ Excel)"


class PersonRegistryAdmin(PersonAdmin):
    inlines = [PostingInline, GrantedAwardOfPersonInline, PastHonourOfPersonInline]
    actions = ["merge_two"]

    @admin.action(description="Gộp hai bản ghi của cùng một người (giữ bản ghi nhập trước)")
    def merge_two(self, request, queryset):
        people = list(queryset.order_by("pk"))
        if len(people) != 2:
            self.message_user(request, "Chọn đúng hai bản ghi để gộp.", messages.ERROR)
            return
        try:
            keep = person_merge(keep=people[0], duplicate=people[1], acting_user=request.user)
        except ValidationError as error:
            for text in error.messages:
                self.message_user(request, text, messages.ERROR)
            return
        self.message_user(request, f"Đã gộp vào “{keep.full_name}” (#{keep.pk}).",
                          messages.SUCCESS)


admin.site.unregister(Person)
admin.site.register(Person, PersonRegistryAdmin)
# The superior's side of a dossier (issue #16, "the upper level acts"): the reasons of a
# return are written by ``services.dossier_return`` only.
from commendations.models import DossierReturnItem  # noqa: E402


@admin.register(DossierReturnItem)
class DossierReturnItemAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["dossier", "document", "reason", "event"]
    search_fields = ["reason", "dossier__nomination__unit__name"]
    list_select_related = ["dossier__nomination__unit", "dossier__nomination__award",
                           "document", "event"]
# --- proposals from the member units (issue #16) ----------------------------------------------
# Changed only through their services; a proposal never sent is its unit's own, for the
# administrator too: its page shows its state and log, not its texts, person or files.
from commendations.models import (  # noqa: E402
    Proposal,
    ProposalCall,
    ProposalEvent,
    ProposalEvidence,
)

PROPOSAL_META = ["cluster", "year", "unit", "award", "kind", "status", "sent_at", "nomination",
                 "report_form", "created_by", "created_at", "is_illustrative"]


class ProposalEventInline(ReadOnlyInline):
    model = ProposalEvent
    fields = ["created_at", "action", "from_status", "to_status", "actor", "note"]


class ProposalEvidenceInline(ReadOnlyInline):
    model = ProposalEvidence
    fields = ["original_name", "title", "mime", "size", "added_by", "added_at"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "unit", "year", "status", "sent_at", "is_illustrative"]
    list_filter = ["status", "kind", "cluster", "year"]
    search_fields = ["unit__name"]
    list_select_related = ["unit", "award"]

    def get_fields(self, request, obj=None):
        if obj is not None and obj.sent_at is None:
            return PROPOSAL_META
        return [*PROPOSAL_META, "person", "person_name", "person_gender",
                "person_date_of_birth", "person_position", "person_workplace", "summary",
                "section_1", "section_2", "section_3", "report_original_name"]

    def get_inlines(self, request, obj):
        if obj is not None and obj.sent_at is None:
            return [ProposalEventInline]
        return [ProposalEvidenceInline, ProposalEventInline]


@admin.register(ProposalCall)
class ProposalCallAdmin(SimpleHistoryAdmin):
    list_display = ["cluster", "year", "deadline", "set_by", "is_illustrative"]
    list_filter = ["cluster", "year"]
    readonly_fields = ["set_by"]


@admin.register(ProposalEvent)
class ProposalEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["proposal", "action", "to_status", "actor", "created_at"]
    list_select_related = ["proposal__unit", "proposal__award", "actor"]


@admin.register(ProposalEvidence)
class ProposalEvidenceAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["proposal", "original_name", "added_at"]
    list_select_related = ["proposal__unit", "proposal__award"]

    def get_queryset(self, request):  # a draft's files are its unit's own
        return super().get_queryset(request).filter(proposal__sent_at__isnull=False)
