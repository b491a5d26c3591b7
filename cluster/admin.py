from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cluster.models import (
    Cluster,
    ClusterYear,
    Membership,
    Province,
    SecretariatGrant,
    SuperiorBody,
    Unit,
    User,
)


class ReadOnlyMixin:
    """For the admin of records that change only through their services (logs, ballots,
    reports): shown, never added, changed or deleted here. The apps above use it too."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    can_delete = False


@admin.register(Province)
class ProvinceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["successor"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "province", "valid_from", "valid_to", "successor"]
    list_filter = ["province__kind", "province"]
    search_fields = ["name", "short_name", "province__name"]
    autocomplete_fields = ["province", "successor"]
    list_select_related = ["province", "successor"]


@admin.register(Cluster)
class ClusterAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "series_code", "superior_body", "is_illustrative"]
    list_filter = ["kind", "is_illustrative"]
    search_fields = ["name", "slug", "superior_body"]
    inlines = [MembershipInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        """No ``prepopulated_fields``: the admin's JavaScript drops Vietnamese letters ("đ" as
        "dj"). A slug left blank is made by ``Cluster.clean`` with ``vietnamese_slug``."""
        form = super().get_form(request, obj, change=change, **kwargs)
        slug = form.base_fields["slug"]
        slug.required = False
        slug.help_text = _("Để trống để tạo từ tên, không dấu (ví dụ: cum-thi-dua-…).")
        return form


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "cluster", "from_year", "to_year", "rotation_order", "is_illustrative"]
    list_filter = ["cluster", "from_year", "is_illustrative"]
    search_fields = ["unit__name", "unit__short_name", "cluster__name"]
    autocomplete_fields = ["unit", "cluster"]
    list_select_related = ["unit", "cluster"]


@admin.register(ClusterYear)
class ClusterYearAdmin(SimpleHistoryAdmin):
    list_display = ["cluster", "year", "chair", "vice_chair", "is_illustrative", "confirmed_by"]
    list_filter = ["cluster", "year", "is_illustrative"]
    search_fields = ["cluster__name", "chair__name", "vice_chair__name"]
    autocomplete_fields = ["cluster", "chair", "vice_chair"]
    readonly_fields = ["confirmed_by", "confirmed_at"]
    list_select_related = ["cluster", "chair", "vice_chair", "confirmed_by"]

    def save_model(self, request, obj, form, change):
        obj.confirmed_by = request.user
        obj.confirmed_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(SecretariatGrant)
class SecretariatGrantAdmin(SimpleHistoryAdmin):
    list_display = ["user", "cluster", "year", "granted_by", "created_at"]
    list_filter = ["cluster", "year"]
    search_fields = ["user__username", "user__full_name", "cluster__name"]
    autocomplete_fields = ["user", "cluster"]
    readonly_fields = ["granted_by"]
    list_select_related = ["user", "cluster", "granted_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "unit", "superior_body", "role", "is_staff",
                    "is_active"]
    list_filter = ["role", "is_staff", "is_superuser", "is_active", "unit", "superior_body"]
    search_fields = ["username", "full_name", "email", "unit__name", "superior_body__name"]
    autocomplete_fields = ["unit", "superior_body"]
    list_select_related = ["unit", "superior_body"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ("full_name", "job_title", "unit", "role",
                                                     "superior_body")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ("full_name", "job_title", "unit", "role",
                                                     "superior_body")}),
    )


class SuperiorAccountInline(ReadOnlyInline):
    model = User
    fields = ["username", "full_name", "job_title", "is_active"]
    verbose_name = _("tài khoản của cơ quan")
    verbose_name_plural = _("tài khoản của cơ quan (thêm ở mục Người dùng, vai trò “Cấp trên "
                            "của cụm”)")


@admin.register(SuperiorBody)
class SuperiorBodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "records_on_paper", "is_illustrative"]
    list_filter = ["records_on_paper", "is_illustrative"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["clusters"]
    inlines = [SuperiorAccountInline]
