"""The worker's side of announcements: who receives one, and telling them.

No person acts here: the tasks (tasks.py) call these once an announcement's
time has come or its author asked for a reminder, and the rights were decided
then, in services.py.
"""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import User
from lib.html import html_to_text
from notifications.services import notify

from .models import Announcement
from .selectors import read_status

NOTIFICATION_BODY_CHARS = 3000


def recipients_of(announcement: Announcement) -> QuerySet[User]:
    """Everyone in the announcement's audience, once each, but not its author."""
    condition = Q(pk__in=[])
    for key in announcement.audience_keys:
        condition |= Q(pk__in=audiences.users_in(key).values("pk"))
    return User.objects.filter(condition, is_active=True).exclude(pk=announcement.author_id)


def fan_out(*, announcement_id: int) -> int:
    """Notify the audience (in the app, and by e-mail per preferences). Runs once per announcement.

    The claim and the notifications share one transaction, so a crash
    part-way leaves nothing claimed and a retry redoes it.
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


def send_reminders(*, announcement_id: int) -> int:
    """Notify everyone still pending (see selectors.read_status)."""
    announcement = Announcement.objects.prefetch_related("audiences").get(pk=announcement_id)
    status = read_status(announcement)
    pending_ids: set[int] = set()
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
