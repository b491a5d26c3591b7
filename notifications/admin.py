from django.contrib import admin

from notifications.models import EmailOptOut, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind", "cluster"]
    search_fields = ["title", "recipient__username", "recipient__full_name"]
    date_hierarchy = "created_at"
    readonly_fields = ["recipient", "kind", "key", "cluster", "title", "body", "url",
                       "created_at", "read_at", "emailed_at"]

    def has_add_permission(self, request):
        return False


@admin.register(EmailOptOut)
class EmailOptOutAdmin(admin.ModelAdmin):
    list_display = ["user", "kind"]
    list_filter = ["kind"]
    search_fields = ["user__username", "user__full_name"]
    autocomplete_fields = ["user"]
