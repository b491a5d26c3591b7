"""Generated documents in admin, read-only: they are written only by reports.services, and
their files and fingerprints must stay what was issued."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DocumentFile, DocumentSignature, IssuedDocument, OfficialFile, SummarySection


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 0
    fields = ("format", "file", "sha256", "size", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "cluster", "year", "kind", "number_symbol", "issued_on",
                    "verification_code", "created_at")
    list_filter = ("kind", "year", "cluster")
    search_fields = ("title", "number_symbol", "verification_code", "cluster__name")
    exclude = ("snapshot",)
    inlines = [DocumentFileInline]


@admin.register(DocumentFile)
class DocumentFileAdmin(ReadOnlyAdmin):
    list_display = ("document", "format", "size", "sha256", "created_at")
    list_filter = ("format",)
    search_fields = ("sha256", "document__verification_code", "document__title")


@admin.register(OfficialFile)
class OfficialFileAdmin(ReadOnlyAdmin):
    """The official copies attached to issued numbers (reports.services.official_file_attach);
    replaced ones stay."""

    list_display = ("document", "original_name", "size", "attached_by", "attached_at",
                    "replaced_at")
    list_filter = ("document__year",)
    search_fields = ("sha256", "original_name", "document__verification_code",
                     "document__number_symbol")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SummarySection)
class SummarySectionAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    """The secretariat's edits of a period's draft report, with their history; edited in the
    app (reports.services_summary), where a save is checked against the version read."""

    list_display = ("period", "key", "version", "updated_by", "updated_at")
    list_filter = ("key", "period__year")
    search_fields = ("text", "period__cluster__name")
    readonly_fields = ("period", "key", "text", "version", "updated_by", "updated_at")


@admin.register(DocumentSignature)
class DocumentSignatureAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    """The digital signatures on issued documents (reports.services_signing), never edited."""

    list_display = ("document", "order", "role", "signed_by", "signed_at", "key_source")
    list_filter = ("role", "key_source")
    search_fields = ("document__verification_code", "document__number_symbol",
                     "certificate_subject", "sha256")
    readonly_fields = ("document", "order", "role", "field_name", "signed_by", "signed_at",
                       "key_source", "certificate_subject", "certificate_fingerprint",
                       "signed_sha256", "sha256", "size", "file")

    def has_delete_permission(self, request, obj=None):
        return False
