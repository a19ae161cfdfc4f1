from django.contrib import admin

from .models import Announcement, AnnouncementAudience, Attachment


class AudienceInline(admin.TabularInline):
    model = AnnouncementAudience
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["name", "size", "content_type"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "priority", "author", "publish_at", "expire_at", "fanned_out_at"]
    list_filter = ["priority"]
    search_fields = ["title"]
    raw_id_fields = ["author"]
    readonly_fields = ["fanned_out_at", "last_reminded_at"]
    inlines = [AudienceInline, AttachmentInline]
