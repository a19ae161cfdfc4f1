from django.contrib import admin

from .models import Delivery, Notification, Preference, PushSubscription, QuietHours


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "digest_pending"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "channel", "mode"]
    list_filter = ["kind", "mode"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(QuietHours)
class QuietHoursAdmin(admin.ModelAdmin):
    list_display = ["user", "starts_at", "ends_at"]
    raw_id_fields = ["user"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Read-only ledger: what was sent to whom, for support questions ("I got no e-mail")."""

    list_display = ["claimed_at", "key", "recipient", "address", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel"]
    search_fields = ["address", "key"]
    list_select_related = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    """Phones that receive push notifications; deleting one turns push off there."""

    list_display = ["created_at", "user", "user_agent"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    fields = ["user", "user_agent", "created_at"]
    readonly_fields = ["user", "user_agent", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
