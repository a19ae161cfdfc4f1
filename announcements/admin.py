from django.contrib import admin

from .models import Announcement, AnnouncementAudience, Attachment


class AudienceInline(admin.TabularInline):
    model = AnnouncementAudience
    extra = 0
    can_delete = False
    readonly_fields = ["key"]

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    fields = ["name", "size", "content_type"]
    readonly_fields = ("name", "size", "content_type")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """Read only. Announcements are written, scheduled and withdrawn on the site
    (Viết thông báo), where the audience rules, the audit row and the e-mail
    fan-out live; an admin form would skip all three."""

    list_display = ["title", "priority", "author", "publish_at", "expire_at", "fanned_out_at"]
    list_filter = ["priority"]
    search_fields = ["title"]
    inlines = [AudienceInline, AttachmentInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Announcement._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
