from django.contrib import admin

from . import menu
from .forms import PageAdminForm
from .models import Event, Page, VisitDay, WebsiteLink


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "menu_order", "audience", "is_published", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}

    # The header menu shows pages with a menu position: a change here must show at once.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        menu.invalidate()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        menu.invalidate()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        menu.invalidate()


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "ends_at", "location", "staff_only"]
    list_filter = ["staff_only"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["created_by"]


@admin.register(WebsiteLink)
class WebsiteLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "order"]


@admin.register(VisitDay)
class VisitDayAdmin(admin.ModelAdmin):
    list_display = ["day", "visits"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
