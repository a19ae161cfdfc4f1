"""The in-app notification centre and how each person wants to hear about events.

One `Notification` row per person per event; `Preference` says, per kind of
event, whether an e-mail goes at once, into the daily digest, or not at all;
`Delivery` is the ledger that makes sending idempotent (one row per message,
claimed before sending, never sent twice).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: Any) -> "NotificationQuerySet":
        return self.filter(recipient=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người nhận"),
    )
    # A short machine name of the event, e.g. "forum.reply", "announcement.urgent",
    # "forum.moderation", "forum.case_answer". Preferences are chosen per kind.
    kind = models.CharField(_("loại"), max_length=40)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    read_at = models.DateTimeField(_("đã xem lúc"), null=True, blank=True)
    # True while the event waits for the person's next daily digest e-mail.
    digest_pending = models.BooleanField(_("chờ bản tin hằng ngày"), default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_recent"),
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_unread"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(digest_pending=True),
                name="notif_digest_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("Nhận thông báo ngay")
    DIGEST = "digest", _("Bản tin hằng ngày")
    OFF = "off", _("Tắt")


class Preference(models.Model):
    """How one person hears about one kind of event on one channel. No row: the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("người dùng"),
    )
    kind = models.CharField(_("loại"), max_length=40)
    channel = models.CharField(_("kênh"), max_length=20, default="email")
    mode = models.CharField(_("cách nhận"), max_length=10, choices=Mode.choices)

    class Meta:
        verbose_name = _("cài đặt nhận thông báo")
        verbose_name_plural = _("cài đặt nhận thông báo")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="one_preference_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.channel}: {self.mode}"


class QuietHours(models.Model):
    """Staff and parents: no e-mail at once between these local times; it waits for the digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiet_hours",
        verbose_name=_("người dùng"),
    )
    starts_at = models.TimeField(_("từ giờ"))
    ends_at = models.TimeField(_("đến giờ"))

    class Meta:
        verbose_name = _("giờ yên tĩnh")
        verbose_name_plural = _("giờ yên tĩnh")

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def covers(self, moment) -> bool:
        """Whether `moment` (aware) falls in the quiet hours, in the school's time zone."""
        local = timezone.localtime(moment).time()
        if self.starts_at <= self.ends_at:
            return self.starts_at <= local < self.ends_at
        return local >= self.starts_at or local < self.ends_at  # over midnight


class Delivery(models.Model):
    """One message on one channel to one person. The unique key is claimed before sending.

    Keys: "n<notification id>:<channel>" for a single event,
    "digest:<user id>:<yyyy-mm-dd>:<channel>" for a daily digest.
    """

    class Status(models.TextChoices):
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")

    key = models.CharField(_("khoá"), max_length=80, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người nhận"),
    )
    channel = models.CharField(_("kênh"), max_length=20)
    address = models.CharField(_("địa chỉ"), max_length=254)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=1)
    error = models.TextField(_("lỗi"), blank=True)
    claimed_at = models.DateTimeField(_("nhận gửi lúc"), default=timezone.now)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt gửi")
        verbose_name_plural = _("lượt gửi")
        ordering = ["-claimed_at"]

    def __str__(self) -> str:
        return self.key


class PushSubscription(models.Model):
    """One browser (phone) where a person turned on Web Push notifications.

    `endpoint` is the push service's address for that browser; `p256dh` and
    `auth` are its public key and secret (base64url) to encrypt messages to it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="push_subscriptions",
        verbose_name=_("người dùng"),
    )
    endpoint = models.URLField(_("địa chỉ nhận"), max_length=1000)
    p256dh = models.CharField(_("khoá công khai"), max_length=100)
    auth = models.CharField(_("khoá xác thực"), max_length=40)
    user_agent = models.CharField(_("trình duyệt"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("bật lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("thiết bị nhận thông báo đẩy")
        verbose_name_plural = _("thiết bị nhận thông báo đẩy")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "endpoint"], name="one_push_per_endpoint")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.endpoint[:60]}"
