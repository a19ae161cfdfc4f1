from django.contrib import admin

from .models import Board, WatchedWord


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "audience", "premoderation", "slow_mode_seconds", "topic_count"]
    list_filter = ["premoderation", "allow_images", "allow_links", "open_to_parents"]
    search_fields = ["name", "slug", "audience"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["moderators"]
    readonly_fields = ["topic_count", "post_count", "last_post_at"]


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    # Additions through the forum's own page are audited; the admin is read-mostly.
    list_display = ["word", "action", "created_at"]
    list_filter = ["action"]
    search_fields = ["word"]
