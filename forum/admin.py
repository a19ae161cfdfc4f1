from django.contrib import admin

from .models import Board, WatchedWord


class ReadOnlyAdmin(admin.ModelAdmin):
    """Boards and watched words are changed on the forum's own pages, whose
    services check the rules and write the audit row; here they are only listed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Board)
class BoardAdmin(ReadOnlyAdmin):
    list_display = ["name", "audience", "premoderation", "slow_mode_seconds", "topic_count"]
    list_filter = ["premoderation", "allow_images", "allow_links", "open_to_parents"]
    search_fields = ["name", "slug", "audience"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["moderators"]
    readonly_fields = ["topic_count", "post_count", "last_post_at"]


@admin.register(WatchedWord)
class WatchedWordAdmin(ReadOnlyAdmin):
    list_display = ["word", "category", "action", "created_at"]
    list_filter = ["category", "action"]
    search_fields = ["word"]
