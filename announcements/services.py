"""Writes with rules about announcements. Views and the seed call these.

Each takes the acting person (`by`) and decides their rights itself (access.py).
What the worker does once the rights were decided lives in delivery.py.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import record_audit
from lib import navcache
from lib.html import sanitize_html
from lib.tasks import enqueue
from notifications.models import Notification

from .access import addressable_choices, may_manage, may_read_as_recipient
from .models import Announcement, AnnouncementAudience, Attachment, Priority, ReadReceipt
from .tasks import fan_out_announcement, send_reminder

REMINDER_INTERVAL = timedelta(hours=1)


def _schedule_fan_out(announcement: Announcement) -> None:
    """Hand the notifications to the worker: now, or at publication time when the backend can wait."""
    if announcement.publish_at <= timezone.now():
        enqueue(fan_out_announcement, announcement.pk)
    elif fan_out_announcement.get_backend().supports_defer:
        enqueue(fan_out_announcement.using(run_after=announcement.publish_at), announcement.pk)
    # Otherwise `publish_due` (run with each digest) picks it up; visibility never waits for it.


@transaction.atomic
def publish_announcement(
    *,
    by: User,
    title: str,
    body: str,
    keys: Iterable[str],
    priority: str = Priority.NORMAL,
    requires_confirmation: bool = False,
    publish_at: datetime | None = None,
    expire_at: datetime | None = None,
    files: Iterable[UploadedFile] = (),
) -> Announcement:
    """Create an announcement for `keys` and enqueue its notifications. Returns at once:

    the audience is resolved and e-mailed in the worker (one task, fanned out there).
    Raises PermissionDenied for an audience `by` may not address.
    """
    keys = list(dict.fromkeys(keys))
    allowed = {key for key, _label in addressable_choices(by)}
    if not keys or not set(keys) <= allowed:
        raise PermissionDenied(_("Bạn không được gửi thông báo tới đối tượng này."))
    now = timezone.now()
    publish_at = publish_at or now
    if expire_at is not None and expire_at <= publish_at:
        raise ValidationError(
            _("Thời điểm hết hạn phải sau thời điểm đăng."), code="expires_before_publication"
        )
    announcement = Announcement.objects.create(
        title=title.strip()[:200],
        body=sanitize_html(body),
        priority=priority,
        requires_confirmation=requires_confirmation,
        author=by,
        publish_at=publish_at,
        expire_at=expire_at,
        created_at=now,
    )
    AnnouncementAudience.objects.bulk_create(
        AnnouncementAudience(announcement=announcement, key=key) for key in keys
    )
    Attachment.objects.bulk_create(
        Attachment(
            announcement=announcement,
            file=upload,
            name=(upload.name or "")[:200],
            size=upload.size or 0,
            content_type=(upload.content_type or "")[:100],
        )
        for upload in files
    )
    record_audit(actor=by, action="announcement.publish", target=announcement, after=",".join(keys))
    _schedule_fan_out(announcement)
    return announcement


def publish_due() -> int:
    """Enqueue the fan-out of announcements whose time came but which were never fanned out."""
    due = list(
        Announcement.objects.published()
        .filter(fanned_out_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for pk in due:
        enqueue(fan_out_announcement, pk)
    return len(due)


def _require_recipient(user: User, announcement: Announcement) -> None:
    if not may_read_as_recipient(user, announcement):
        raise PermissionDenied(_("Bạn không phải người nhận thông báo này."))


def _require_manager(user: User, announcement: Announcement) -> None:
    if not may_manage(user, announcement):
        raise PermissionDenied(_("Chỉ người viết hoặc ban giám hiệu được theo dõi thông báo này."))


@transaction.atomic
def record_read(*, by: User, announcement: Announcement) -> ReadReceipt:
    """The first view by someone it is addressed to counts as read. Also marks
    their in-app notification read."""
    _require_recipient(by, announcement)
    receipt = ReadReceipt.objects.filter(announcement=announcement, user=by).first()
    if receipt is None:
        receipt, _created = ReadReceipt.objects.get_or_create(announcement=announcement, user=by)
        Notification.objects.filter(
            recipient=by, url=announcement.get_absolute_url(), read_at__isnull=True
        ).update(read_at=timezone.now())
        navcache.forget([by.pk])
    return receipt


@transaction.atomic
def confirm_read(*, by: User, announcement: Announcement) -> ReadReceipt:
    """Someone the announcement is addressed to taps "Xác nhận đã đọc"."""
    _require_recipient(by, announcement)
    if not announcement.requires_confirmation:
        raise ValidationError(
            _("Thông báo này không yêu cầu xác nhận."), code="confirmation_not_required"
        )
    receipt = record_read(by=by, announcement=announcement)
    if receipt.confirmed_at is None:
        receipt.confirmed_at = timezone.now()
        receipt.save(update_fields=["confirmed_at"])
    return receipt


@transaction.atomic
def request_reminder(*, announcement: Announcement, by: User) -> None:
    """Queue a reminder to the families (and pupils) who have not read or confirmed yet.

    At most one reminder per hour per announcement. Raises ValidationError otherwise.
    """
    _require_manager(by, announcement)
    now = timezone.now()
    if not announcement.is_published(now):
        raise ValidationError(_("Chỉ nhắc lại được thông báo đang hiển thị."), code="not_published")
    claimed = (
        Announcement.objects.filter(pk=announcement.pk)
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - REMINDER_INTERVAL))
        .update(last_reminded_at=now)
    )
    if not claimed:
        raise ValidationError(
            _("Vừa nhắc lại xong. Hãy đợi một giờ rồi nhắc tiếp."), code="reminded_recently"
        )
    record_audit(actor=by, action="announcement.remind", target=announcement)
    enqueue(send_reminder, announcement.pk)


@transaction.atomic
def withdraw_announcement(*, announcement: Announcement, by: User) -> None:
    """End an announcement now (it stays in the author's list, no longer shown to readers)."""
    _require_manager(by, announcement)
    now = timezone.now()
    if announcement.expire_at is not None and announcement.expire_at <= now:
        return
    announcement.expire_at = now
    if announcement.publish_at >= now:  # scheduled, or published this very moment
        announcement.publish_at = now - timedelta(microseconds=1)
    announcement.save(update_fields=["expire_at", "publish_at"])
    record_audit(actor=by, action="announcement.withdraw", target=announcement)
