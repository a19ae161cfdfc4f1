from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lib.text import fold

from .models import (
    AuditEntry,
    DeletionRequest,
    Enrolment,
    Guardianship,
    ImportJob,
    SchoolClass,
    SchoolSettings,
    SchoolYear,
    User,
)
from .services import record_audit
from .signals import classes_changed


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    fk_name = "pupil"
    extra = 0
    autocomplete_fields = ["school_class"]
    verbose_name = _("lớp của học sinh")


class GuardianOfPupilInline(admin.TabularInline):
    model = Guardianship
    fk_name = "pupil"
    extra = 0
    autocomplete_fields = ["parent"]
    # Consent is recorded by the guardian on their page or by `record_consent`
    # (paper forms), which audit who recorded what; it is never typed in here.
    readonly_fields = ["consent_given_at", "consent_recorded_by", "consent_text"]
    verbose_name = _("phụ huynh / người giám hộ")
    verbose_name_plural = _("phụ huynh / người giám hộ")


class ChildrenOfParentInline(admin.TabularInline):
    model = Guardianship
    fk_name = "parent"
    extra = 0
    autocomplete_fields = ["pupil"]
    # Consent is recorded by the guardian on their page or by `record_consent`
    # (paper forms), which audit who recorded what; it is never typed in here.
    readonly_fields = ["consent_given_at", "consent_recorded_by", "consent_text"]
    verbose_name = _("con")
    verbose_name_plural = _("con")


class AuditedAdminMixin:
    """Admin edits are account actions: each save and delete is audited."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = ", ".join(form.changed_data) if change else ""
        record_audit(
            actor=request.user,
            action=f"admin.{'change' if change else 'add'}.{obj._meta.model_name}",
            target=obj,
            after=changed,
        )

    def delete_model(self, request, obj):
        record_audit(actor=request.user, action=f"admin.delete.{obj._meta.model_name}", target=obj)
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects + [o for o, _fields in formset.changed_objects]:
            record_audit(
                actor=request.user, action=f"admin.save.{obj._meta.model_name}", target=obj
            )
        for obj in formset.deleted_objects:
            record_audit(
                actor=request.user, action=f"admin.delete.{obj._meta.model_name}", target=obj
            )


@admin.register(User)
class SchoolUserAdmin(AuditedAdminMixin, UserAdmin):
    list_display = ["username", "full_name", "role", "email", "is_active", "must_change_password"]
    list_filter = ["role", "is_active", "groups"]
    # search_name is full_name folded: the term is folded too (get_search_results),
    # so names are found without diacritics or case, as on the account list page.
    search_fields = ["username", "search_name", "email", "pupil_code", "phone"]
    ordering = ["username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            _("Thông tin cá nhân"),
            {
                "fields": [
                    "full_name",
                    "role",
                    "pupil_code",
                    "date_of_birth",
                    "gender",
                    "email",
                    "phone",
                ]
            },
        ),
        (
            _("Quyền"),
            {
                "fields": [
                    "is_active",
                    "must_change_password",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Thời điểm"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "role", "email", "password1", "password2"],
            },
        ),
    ]

    def get_search_results(self, request, queryset, search_term):
        # Usernames, codes, e-mails and phones are ASCII: folding leaves them as typed
        # (case aside, and the admin's lookups ignore case anyway).
        return super().get_search_results(request, queryset, fold(search_term))

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        if obj.is_pupil:
            return [EnrolmentInline, GuardianOfPupilInline]
        if obj.is_parent:
            return [ChildrenOfParentInline]
        return []


@admin.register(SchoolYear)
class SchoolYearAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "is_current"]


@admin.register(SchoolClass)
class SchoolClassAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "grade", "year", "homeroom_teacher"]
    list_filter = ["year", "grade"]
    search_fields = ["name"]
    autocomplete_fields = ["homeroom_teacher"]
    list_select_related = ["year", "homeroom_teacher"]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if not change or {"homeroom_teacher", "year", "name", "grade"} & set(form.changed_data):
                classes_changed.send(sender=SchoolClass, year=obj.year)


@admin.register(Enrolment)
class EnrolmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["pupil", "school_class", "enrolled_on"]
    list_filter = ["school_class__year", "school_class"]
    search_fields = ["pupil__full_name", "pupil__username", "pupil__pupil_code"]
    autocomplete_fields = ["pupil", "school_class"]
    list_select_related = ["pupil", "school_class"]


@admin.register(Guardianship)
class GuardianshipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["parent", "relation", "pupil", "consent_given_at", "consent_recorded_by"]
    search_fields = ["parent__full_name", "pupil__full_name", "parent__phone"]
    autocomplete_fields = ["parent", "pupil"]
    list_select_related = ["parent", "pupil", "consent_recorded_by"]
    # Consent is recorded by the guardian on their page or by `record_consent`
    # (paper forms), which audit who recorded what; it is never typed in here.
    readonly_fields = ["consent_given_at", "consent_recorded_by", "consent_text"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_repr", "reason"]
    list_filter = ["action"]
    search_fields = ["target_repr", "reason", "actor__username"]
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SchoolSettings)
class SchoolSettingsAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "require_mfa_for_staff", "pupils_need_consent_to_post", "updated_at"]

    def has_add_permission(self, request):
        return not SchoolSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Read-only: imports are made and confirmed on the site (Quản trị trường › Nhập danh sách)."""

    list_display = ["original_name", "status", "total", "processed", "created_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["created_by"]
    exclude = ["batch", "file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DeletionRequest)
class DeletionRequestAdmin(admin.ModelAdmin):
    """Read-only: requests are decided on the site, where the registry's effects are shown."""

    list_display = ["subject", "requested_by", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["subject", "requested_by", "decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
