"""Django admin for pledges. The state is never edited here (only ``pledge_transition``
changes it), signatures are only shown (they come from signing or the secretariat's paper
record), the text is editable only while a draft, and a locked pledge is read-only with
everything it holds."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cluster.admin import ReadOnlyInline
from pledges.models import Commitment, Pledge, PledgeEvent, Signature


def _is_draft(obj) -> bool:
    return obj is None or obj.is_draft


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["position", "text", "is_illustrative"]

    def has_add_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_delete_permission(request, obj)


class SignatureInline(ReadOnlyInline):
    model = Signature
    fields = ["unit", "method", "signer_name", "signer_title", "signed_on", "recorded_by",
              "recorded_at", "note", "is_illustrative"]
    readonly_fields = fields


class PledgeEventInline(ReadOnlyInline):
    model = PledgeEvent
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "year", "status", "is_illustrative"]
    list_filter = ["status", "cluster", "year", "is_illustrative"]
    search_fields = ["title", "cluster__name"]
    list_select_related = ["cluster"]
    readonly_fields = ["status", "created_by", "created_at"]
    inlines = [CommitmentInline, SignatureInline, PledgeEventInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            # Once open for signing, the text others are signing no longer changes here.
            return ["cluster", "year", "title", "preamble", "campaign", "conference",
                    "is_illustrative", *self.readonly_fields]
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and obj.is_locked) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        # Only a draft may be deleted (nobody has signed it); never in bulk from the list.
        return obj is not None and obj.is_draft and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Signature)
class SignatureAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "pledge", "method", "signer_name", "signed_on", "recorded_by"]
    list_filter = ["method", "pledge__cluster", "pledge__year"]
    search_fields = ["unit__name", "signer_name", "pledge__title"]
    list_select_related = ["unit", "pledge__cluster", "recorded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["pledge", "position", "text", "is_illustrative"]
    list_filter = ["pledge__cluster", "pledge__year"]
    search_fields = ["text", "pledge__title"]
    list_select_related = ["pledge__cluster"]

    def has_add_permission(self, request):
        return False  # added on the pledge's page, while it is a draft

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.pledge.is_draft) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.pledge.is_draft and super().has_delete_permission(
            request, obj
        )


@admin.register(PledgeEvent)
class PledgeEventAdmin(admin.ModelAdmin):
    list_display = ["pledge", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status", "pledge__cluster", "pledge__year"]
    search_fields = ["pledge__title", "note"]
    list_select_related = ["pledge__cluster", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
