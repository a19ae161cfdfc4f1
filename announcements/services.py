"""Writes with rules about announcements. Views, tasks and the seed call these."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import User
from accounts.services import record_audit
from lib.html import html_to_text, sanitize_html
from lib.tasks import enqueue
from notifications.models import Notification
from notifications.services import notify

from .models import Announcement, AnnouncementAudience, Attachment, Priority, ReadReceipt
from .rules import addressable_choices

REMINDER_INTERVAL = timedelta(hours=1)
NOTIFICATION_BODY_CHARS = 3000


def _schedule_fan_out(announcement: Announcement) -> None:
    """Hand the notifications to the worker: now, or at publication time when the backend can wait."""
    from .tasks import fan_out_announcement

    if announcement.publish_at <= timezone.now():
        enqueue(fan_out_announcement, announcement.pk)
    elif fan_out_announcement.get_backend().supports_defer:
        enqueue(fan_out_announcement.using(run_after=announcement.publish_at), announcement.pk)
    # Otherwise `publish_due` (run with each digest) picks it up; visibility never waits for it.


@transaction.atomic
def publish_announcement(
    *,
    author: User,
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
    Raises PermissionDenied for an audience the author may not address.
    """
    keys = list(dict.fromkeys(keys))
    allowed = {key for key, _label in addressable_choices(author)}
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
        author=author,
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
            name=upload.name[:200],
            size=upload.size or 0,
            content_type=(upload.content_type or "")[:100],
        )
        for upload in files
    )
    record_audit(
        actor=author, action="announcement.publish", target=announcement, after=",".join(keys)
    )
    _schedule_fan_out(announcement)
    return announcement


def recipients_of(announcement: Announcement):
    """Everyone in the announcement's audience, once each, but not its author."""
    condition = Q(pk__in=[])
    for key in announcement.audience_keys:
        condition |= Q(pk__in=audiences.users_in(key).values("pk"))
    return User.objects.filter(condition, is_active=True).exclude(pk=announcement.author_id)


def fan_out(*, announcement_id: int) -> int:
    """Notify the audience (in the app, and by e-mail per preferences). Runs once per announcement.

    Called by the worker. The claim and the notifications share one
    transaction, so a crash part-way leaves nothing claimed and a retry redoes it.
    """
    with transaction.atomic():
        now = timezone.now()
        claimed = Announcement.objects.filter(
            pk=announcement_id, fanned_out_at__isnull=True, publish_at__lte=now
        ).update(fanned_out_at=now)
        if not claimed:
            return 0
        announcement = Announcement.objects.prefetch_related("audiences").get(pk=announcement_id)
        if not announcement.is_published(now):
            return 0  # expired before it went out: nobody needs an e-mail any more
        # Whoever already opened it (a late fan-out) needs no notification.
        recipients = recipients_of(announcement).exclude(
            announcement_receipts__announcement=announcement
        )
        return notify(
            recipients=recipients.iterator(chunk_size=1000),
            kind=f"announcement.{announcement.priority}",
            title=announcement.title,
            url=announcement.get_absolute_url(),
            body=html_to_text(announcement.body)[:NOTIFICATION_BODY_CHARS],
        )


def publish_due() -> int:
    """Enqueue the fan-out of announcements whose time came but which were never fanned out."""
    from .tasks import fan_out_announcement

    due = list(
        Announcement.objects.published()
        .filter(fanned_out_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for pk in due:
        enqueue(fan_out_announcement, pk)
    return len(due)


@transaction.atomic
def record_read(*, user: User, announcement: Announcement) -> ReadReceipt:
    """The first view counts as read. Also marks its in-app notification read."""
    receipt = ReadReceipt.objects.filter(announcement=announcement, user=user).first()
    if receipt is None:
        receipt, _created = ReadReceipt.objects.get_or_create(announcement=announcement, user=user)
        Notification.objects.filter(
            recipient=user, url=announcement.get_absolute_url(), read_at__isnull=True
        ).update(read_at=timezone.now())
    return receipt


@transaction.atomic
def confirm_read(*, user: User, announcement: Announcement) -> ReadReceipt:
    """The reader taps "Xác nhận đã đọc". Call only for someone the announcement is addressed to."""
    if not announcement.requires_confirmation:
        raise ValidationError(
            _("Thông báo này không yêu cầu xác nhận."), code="confirmation_not_required"
        )
    receipt = record_read(user=user, announcement=announcement)
    if receipt.confirmed_at is None:
        receipt.confirmed_at = timezone.now()
        receipt.save(update_fields=["confirmed_at"])
    return receipt


@transaction.atomic
def request_reminder(*, announcement: Announcement, by: User) -> None:
    """Queue a reminder to the families (and pupils) who have not read or confirmed yet.

    At most one reminder per hour per announcement. Raises ValidationError otherwise.
    """
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
    from .tasks import send_reminder

    enqueue(send_reminder, announcement.pk)


def send_reminders(*, announcement_id: int) -> int:
    """Worker: notify everyone still pending (see selectors.read_status)."""
    from .selectors import read_status

    announcement = Announcement.objects.prefetch_related("audiences").get(pk=announcement_id)
    status = read_status(announcement)
    pending_ids = set()
    # Each class by its own roles: class:1:pupil with class:2:parent must not remind
    # class 1's parents or class 2's pupils, who cannot open the announcement.
    for group in status.classes:
        for family in group.families:
            if group.parents_addressed and not family.done:
                pending_ids.update(parent.pk for parent in family.parents)
            if group.pupils_addressed and not family.pupil_done:
                pending_ids.add(family.pupil.pk)
    recipients = User.objects.filter(pk__in=pending_ids, is_active=True)
    return notify(
        recipients=recipients,
        kind="announcement.reminder",
        title=_("Nhắc lại: %(title)s") % {"title": announcement.title},
        url=announcement.get_absolute_url(),
        body=_("Nhà trường chưa nhận được xác nhận đã đọc thông báo này.")
        if announcement.requires_confirmation
        else _("Bạn chưa xem thông báo này."),
    )


@transaction.atomic
def withdraw_announcement(*, announcement: Announcement, by: User) -> None:
    """End an announcement now (it stays in the author's list, no longer shown to readers)."""
    now = timezone.now()
    if announcement.expire_at is not None and announcement.expire_at <= now:
        return
    announcement.expire_at = now
    if announcement.publish_at >= now:  # scheduled, or published this very moment
        announcement.publish_at = now - timedelta(microseconds=1)
    announcement.save(update_fields=["expire_at", "publish_at"])
    record_audit(actor=by, action="announcement.withdraw", target=announcement)
