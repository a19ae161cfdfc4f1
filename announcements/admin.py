from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from accounts import audiences
from portal.lib.html import sanitize_html

from .forms import clean_attachment
from .models import Announcement, AnnouncementAudience, Attachment


class AnnouncementAdminForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = [
            "title", "body", "priority", "requires_confirmation",
            "author", "publish_at", "expire_at", "created_at",
        ]  # fmt: skip

    def clean_body(self) -> str:
        # The detail page marks the body safe: the admin must store it as clean as the app does.
        return sanitize_html(self.cleaned_data["body"])


class AudienceAdminForm(forms.ModelForm):
    class Meta:
        model = AnnouncementAudience
        fields = ["key"]

    def clean_key(self) -> str:
        key = self.cleaned_data["key"].strip()
        try:
            canonical = {audiences.parse(key).key, audiences.STAFF}
        except ValueError:
            canonical = set()
        # Only the spelling keys_for() produces reaches anyone ("class:05" would reach nobody);
        # announcements are never public.
        if key not in canonical or key == audiences.PUBLIC:
            raise ValidationError(
                _(
                    "“%(key)s” không phải là đối tượng nhận hợp lệ (ví dụ: school:parent, grade:5, class:12:pupil)."
                )
                % {"key": key},
                code="invalid_audience",
            )
        return key


class AttachmentAdminForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if isinstance(upload, UploadedFile):  # a new upload, not the stored file
            upload = clean_attachment(upload)
        return upload

    def save(self, commit: bool = True) -> Attachment:
        attachment = super().save(commit=False)
        if "file" in self.changed_data and attachment.file:
            upload = self.cleaned_data["file"]
            attachment.name = upload.name[:200]
            attachment.size = upload.size or 0
            attachment.content_type = (getattr(upload, "content_type", "") or "")[:100]
        if commit:
            attachment.save()
        return attachment


class AudienceInline(admin.TabularInline):
    model = AnnouncementAudience
    form = AudienceAdminForm
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentAdminForm
    extra = 0
    readonly_fields = ["name", "size", "content_type"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    form = AnnouncementAdminForm
    list_display = ["title", "priority", "author", "publish_at", "expire_at", "fanned_out_at"]
    list_filter = ["priority"]
    search_fields = ["title"]
    raw_id_fields = ["author"]
    readonly_fields = ["fanned_out_at", "last_reminded_at"]
    inlines = [AudienceInline, AttachmentInline]
