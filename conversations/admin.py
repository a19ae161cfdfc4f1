from django.contrib import admin

from .models import AbsenceNote, Conversation, SchoolReview


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read only: every change goes through the services and their rules."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin):
    # No message text here: reading a family's conversation needs a reason on the site
    # (conversations:review), which writes the audit row and tells the family.
    list_display = ("subject", "pupil", "school_class", "awaiting_school", "last_message_at")
    list_select_related = ("pupil", "school_class")
    fields = ("subject", "pupil", "school_class", "started_by", "created_at", "last_message_at")


@admin.register(SchoolReview)
class SchoolReviewAdmin(ReadOnlyAdmin):
    list_display = ("conversation", "reviewer", "created_at")
    list_select_related = ("conversation", "reviewer")


@admin.register(AbsenceNote)
class AbsenceNoteAdmin(ReadOnlyAdmin):
    list_display = (
        "pupil",
        "school_class",
        "starts_on",
        "ends_on",
        "part",
        "reason",
        "acknowledged_at",
    )
    list_filter = ("school_class", "reason")
    list_select_related = ("pupil", "school_class")
