from django.contrib import admin

from .models import Assignment, Attempt, Lesson, LessonProgress, TrainingConfirmation


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    """Read only: writing goes through the site's editor and its workflow."""

    list_display = ("title", "min_grade", "max_grade", "status", "author", "published_at")
    list_filter = ("status", "min_grade")
    search_fields = ("title",)
    readonly_fields = [f.name for f in Lesson._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Read only: an attempt is what the pupil answered, never edited afterwards."""

    list_display = ("lesson", "pupil", "score", "total", "finished_at")
    list_select_related = ("lesson", "pupil")
    readonly_fields = [f.name for f in Attempt._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TrainingConfirmation)
class TrainingConfirmationAdmin(admin.ModelAdmin):
    """Read only: a confirmation is what the person declared, on the date they did."""

    list_display = ("lesson", "person", "confirmed_at")
    list_select_related = ("lesson", "person")
    readonly_fields = [f.name for f in TrainingConfirmation._meta.fields]


# Issue 11: read only as well; giving, progress and reminders go through lessons/progress.py.
@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("lesson", "audience", "opens_at", "due_at", "assigned_by")
    list_select_related = ("lesson", "assigned_by")
    readonly_fields = [f.name for f in Assignment._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ("lesson", "pupil", "best_score", "best_total", "attempts", "completed_at")
    list_select_related = ("lesson", "pupil")
    readonly_fields = [f.name for f in LessonProgress._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
