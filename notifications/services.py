"""Creating notifications, routing them to e-mail, and the rules of sending.

Other apps call `notify`. Sending never happens here: `notify` only decides,
per person, "at once", "daily digest" or "off", and enqueues one background
task per batch of at-once messages. The tasks (notifications/tasks.py) call
`deliver_notification_batch` and `send_digest`, which claim a `Delivery`
row before sending so that a retried task never sends the same e-mail twice.
"""

import logging
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib import navcache
from lib.tasks import enqueue

from .channels import CHANNELS, Channel, Message, get_channel
from .kinds import get_kind
from .models import Delivery, Mode, Notification, Preference, PushSubscription, QuietHours

if TYPE_CHECKING:
    # django-stubs' placeholder for the user model: its mypy plugin reads it as
    # AUTH_USER_MODEL, so notifications names the person without importing accounts.
    from django.contrib.auth.models import _User as User

logger = logging.getLogger(__name__)

BATCH_SIZE = 200  # notifications per delivery task: one SMTP connection each
DIGEST_LIMIT = 30  # items listed in one digest; the rest are counted
UNSUBSCRIBE_SALT = "notifications.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 90  # links in old e-mails work for 90 days
ALL_KINDS = "*"
MAX_ATTEMPTS = 3  # a message that failed this often stays failed (see the Delivery admin)
RETRY_DELAY = timedelta(minutes=5)
# Channels that send "at once" messages when configured; the daily digest is e-mail only.
ENABLED_CHANNELS: tuple[str, ...] = ("email", "sms", "push")


def enabled_channels() -> list[str]:
    """ENABLED_CHANNELS whose settings are present (SMS gateway, VAPID keys)."""
    return [name for name in ENABLED_CHANNELS if name in CHANNELS and CHANNELS[name].configured()]


# --- Preferences ------------------------------------------------------------


def may_have_quiet_hours(user: "User") -> bool:
    """Staff and parents choose quiet hours; pupils' e-mail is rare and goes to them as sent."""
    return bool(user.is_school_staff or user.is_parent)


def modes_for(
    users: list["User"], kind: str, *, channel: str = "email", now: datetime | None = None
) -> dict[int, str]:
    """The e-mail mode of `kind` for each user id: two queries whatever the number of users.

    Urgent announcements are always at once. Quiet hours (staff and parents) turn
    "at once" into "daily digest".
    """
    spec = get_kind(kind)
    ids = [user.pk for user in users]
    if spec.locked:
        return dict.fromkeys(ids, spec.default)
    channel_class = CHANNELS.get(channel)
    default = channel_class.default_mode(kind, spec.default) if channel_class else spec.default
    chosen = dict(
        Preference.objects.filter(user_id__in=ids, kind=kind, channel=channel).values_list(
            "user_id", "mode"
        )
    )
    modes = {user_id: chosen.get(user_id, default) for user_id in ids}
    quiet_immediate = [
        user.pk for user in users if may_have_quiet_hours(user) and modes[user.pk] == Mode.IMMEDIATE
    ]
    if quiet_immediate:
        moment = now or timezone.now()
        for quiet in QuietHours.objects.filter(user_id__in=quiet_immediate):
            if quiet.covers(moment):
                modes[quiet.user_id] = Mode.DIGEST
    return modes


@transaction.atomic
def set_preference(
    *, user: "User", kind: str, mode: str, channel: str = "email"
) -> Preference | None:
    """Choose how `user` hears about `kind`. Locked kinds (urgent) cannot change: returns None."""
    if get_kind(kind).locked or mode not in Mode.values:
        return None
    preference, _created = Preference.objects.update_or_create(
        user=user, kind=kind, channel=channel, defaults={"mode": mode}
    )
    return preference


@transaction.atomic
def set_quiet_hours(*, user: "User", starts_at: time | None, ends_at: time | None) -> None:
    """Staff and parents (may_have_quiet_hours). Both None clears the quiet hours."""
    if starts_at is None or ends_at is None:
        QuietHours.objects.filter(user=user).delete()
        return
    QuietHours.objects.update_or_create(
        user=user, defaults={"starts_at": starts_at, "ends_at": ends_at}
    )


# --- Creating notifications -------------------------------------------------


def notify(
    *, recipients: Iterable["User"], kind: str, title: str, url: str = "", body: str = ""
) -> int:
    """Create one in-app notification per recipient (inactive people skipped) and route e-mail.

    Safe to call inside the caller's transaction: the rows, and the delivery
    tasks, commit with it (lib/tasks.py: the task queue is the outbox).
    Costs a fixed number of queries whatever the number of recipients.
    Returns the number created.
    """
    now = timezone.now()
    people = {user.pk: user for user in recipients if user.is_active}
    if not people:
        return 0
    modes = modes_for(list(people.values()), kind, now=now)
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            title=title[:200],
            url=url,
            body=body,
            created_at=now,
            digest_pending=modes[user.pk] == Mode.DIGEST,
        )
        for user in people.values()
    ]
    Notification.objects.bulk_create(rows, batch_size=500)
    navcache.forget(people)
    from .tasks import deliver_notifications  # tasks import this module

    for channel_name in enabled_channels():
        channel = get_channel(channel_name)
        channel_modes = (
            modes
            if channel_name == "email"
            else modes_for(list(people.values()), kind, channel=channel_name, now=now)
        )
        channel.prepare(
            [user for user in people.values() if channel_modes[user.pk] == Mode.IMMEDIATE]
        )
        at_once = [
            row.pk
            for row in rows
            if channel_modes[row.recipient_id] == Mode.IMMEDIATE
            and channel.address_for(row.recipient)
        ]
        for start in range(0, len(at_once), BATCH_SIZE):
            enqueue(deliver_notifications, at_once[start : start + BATCH_SIZE], channel.name)
    return len(rows)


@transaction.atomic
def mark_read(*, user: "User", notification_id: int) -> Notification | None:
    notification = Notification.objects.for_user(user).filter(pk=notification_id).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, user: "User") -> int:
    navcache.forget([user.pk])
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())


# --- Unsubscribe links ----------------------------------------------------


def unsubscribe_token(*, user: "User", kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user: "User", kind: str) -> str:
    path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user=user, kind=kind)])
    return f"{settings.SITE_URL}{path}"


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) from a valid token; None when tampered with or expired."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return data["u"], str(data.get("k", ""))


@transaction.atomic
def unsubscribe(*, user: "User", kind: str) -> list[str]:
    """Turn e-mail off for `kind` (or every kind but urgent for ALL_KINDS). Returns kinds changed."""
    from .kinds import kinds_for_role

    kinds = [name for name, _spec in kinds_for_role(user.role)] if kind == ALL_KINDS else [kind]
    return [name for name in kinds if set_preference(user=user, kind=name, mode=Mode.OFF)]


# --- Sending (called from tasks only) ---------------------------------------


# A send that has not finished after this long belongs to a worker that died.
STALE_CLAIM = timedelta(minutes=10)


def claim_delivery(*, key: str, recipient: "User", channel: str, address: str) -> Delivery | None:
    """Claim the right to send the message `key`; None if it was sent or is being sent.

    A message whose last attempt failed may be claimed again, and so may one
    whose worker died mid-send (still "sending" after STALE_CLAIM): an urgent
    e-mail must not be lost to a killed process. Runs in its own transaction
    so that the claim is visible to other workers at once.
    """
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                key=key,
                recipient=recipient,
                channel=channel,
                address=address,
                status=Delivery.Status.SENDING,
            )
    except IntegrityError:
        pass
    stale = timezone.now() - STALE_CLAIM
    retried = Delivery.objects.filter(
        Q(status=Delivery.Status.FAILED) | Q(status=Delivery.Status.SENDING, claimed_at__lt=stale),
        key=key,
    ).update(
        status=Delivery.Status.SENDING,
        claimed_at=timezone.now(),
        address=address,
        error="",
        attempts=F("attempts") + 1,
    )
    return Delivery.objects.get(key=key) if retried else None


def _send_claimed(channel: Channel, delivery: Delivery, message: Message) -> bool:
    try:
        channel.send(address=delivery.address, message=message)
    except Exception as error:  # noqa: BLE001 - any transport failure is recorded, then retried
        logger.warning("Delivery %s failed: %s", delivery.key, error)
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.FAILED, error=str(error)[:1000]
        )
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )
    return True


def render_message(*, template: str, context: dict, subject: str, unsubscribe: str) -> Message:
    """Plain-text and HTML parts from `notifications/email/<template>.txt|.html`, in Vietnamese."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **context,
            "SCHOOL_NAME": settings.SCHOOL_NAME,
            "SITE_URL": settings.SITE_URL,
            "unsubscribe_url": unsubscribe,
            "preferences_url": f"{settings.SITE_URL}{reverse('notifications:preferences')}",
        }
        return Message(
            subject=subject,
            text=render_to_string(f"notifications/email/{template}.txt", context),
            html=render_to_string(f"notifications/email/{template}.html", context),
            unsubscribe_url=unsubscribe,
        )


def absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def notification_message(notification: Notification) -> Message:
    with translation.override(settings.LANGUAGE_CODE):
        spec = get_kind(notification.kind)
        # Locked kinds are the urgent ones (urgent announcements, a child at risk).
        prefix = _("[Khẩn] ") if spec.locked else ""
        return render_message(
            template="notification",
            context={
                "notification": notification,
                "kind_label": spec.label,
                "link": absolute(notification.url) if notification.url else "",
            },
            subject=prefix + " ".join(notification.title.split()),  # no line breaks in headers
            unsubscribe=""
            if spec.locked
            else unsubscribe_url(user=notification.recipient, kind=notification.kind),
        )


def channel_message(channel: Channel, notification: Notification) -> Message:
    """The channel's own short form (SMS, push), else the e-mail templates."""
    spec = get_kind(notification.kind)
    with translation.override(settings.LANGUAGE_CODE):
        message = channel.render(
            notification,
            link=absolute(notification.url) if notification.url else settings.SITE_URL,
            kind_label=str(spec.label),
            urgent=spec.locked,
        )
    return message or notification_message(notification)


def sent_this_month(channel_name: str, now: datetime | None = None) -> int:
    local = timezone.localtime(now or timezone.now())
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return Delivery.objects.filter(
        channel=channel_name, status=Delivery.Status.SENT, sent_at__gte=start
    ).count()


def warn_budget_exhausted(channel_name: str, budget: int, now: datetime | None = None) -> bool:
    """Tell the administrators, once per channel per month, that sending stopped."""
    month = timezone.localtime(now or timezone.now()).strftime("%Y-%m")
    admins = list(get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk"))
    if not admins:
        logger.warning(
            "Monthly %s budget of %s reached; no administrator to tell", channel_name, budget
        )
        return False
    try:
        with transaction.atomic():
            # The ledger row is the "told them already" mark: unique per channel and month.
            Delivery.objects.create(
                key=f"budget:{channel_name}:{month}",
                recipient=admins[0],
                channel=f"{channel_name}-budget",
                address="",
                status=Delivery.Status.SENT,
                sent_at=timezone.now(),
            )
    except IntegrityError:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            recipients=admins,
            kind="notifications.channel_budget",
            title=_("Đã dùng hết %(budget)s tin nhắn %(channel)s của tháng %(month)s: ngừng gửi")
            % {
                "budget": budget,
                "channel": channel_name.upper(),
                "month": month[5:] + "/" + month[:4],
            },
            body=_(
                "Các tin nhắn sau sẽ không được gửi qua kênh này cho đến đầu tháng sau, "
                "trừ khi nâng hạn mức (SMS_MONTHLY_BUDGET). Thông báo trên cổng thông tin "
                "và e-mail vẫn được gửi bình thường."
            ),
        )
    return True


def deliver_notification_batch(notification_ids: list[int], channel_name: str = "email") -> int:
    """Send the at-once message of each notification. Safe to run twice: returns the number sent.

    A channel with a monthly budget (SMS) stops when it is used up and tells
    the administrators once; what was not sent stays in the in-app centre.
    """
    channel = get_channel(channel_name)
    notifications = list(
        Notification.objects.filter(pk__in=notification_ids).select_related("recipient")
    )
    channel.prepare([notification.recipient for notification in notifications])
    budget = channel.monthly_budget()
    remaining = None if budget is None else budget - sent_this_month(channel.name)
    sent = 0
    failed: list[int] = []
    with channel:
        for notification in notifications:
            address = channel.address_for(notification.recipient)
            if not address:
                continue
            if remaining is not None and remaining <= 0:
                warn_budget_exhausted(channel.name, budget or 0)
                break
            delivery = claim_delivery(
                key=f"n{notification.pk}:{channel.name}",
                recipient=notification.recipient,
                channel=channel.name,
                address=address,
            )
            if delivery is None:
                continue
            if _send_claimed(channel, delivery, channel_message(channel, notification)):
                sent += 1
                if remaining is not None:
                    remaining -= 1
            elif delivery.attempts < MAX_ATTEMPTS:
                failed.append(notification.pk)
    if failed:
        _retry_later(failed, channel.name)
    return sent


def _retry_later(notification_ids: list[int], channel_name: str) -> None:
    """Try failed messages again in a few minutes (backends that can defer; else the next run)."""
    from .tasks import deliver_notifications

    if deliver_notifications.get_backend().supports_defer:
        enqueue(
            deliver_notifications.using(run_after=timezone.now() + RETRY_DELAY),
            notification_ids,
            channel_name,
        )


def digest_day(now: datetime | None = None) -> date:
    return timezone.localdate(now or timezone.now())


def send_digest(*, user: "User", day: date, channel: Channel) -> bool:
    """Send `user` one digest for `day` if something new waits for it. At most one per day.

    Items already read in the app are dropped from the digest without an e-mail.
    `channel` must be open (a `with channel:` block).
    """
    address = channel.address_for(user)
    pending = Notification.objects.filter(recipient=user, digest_pending=True)
    if not address:
        pending.update(digest_pending=False)
        return False
    pending.filter(read_at__isnull=False).update(digest_pending=False)
    items = list(pending.order_by("-created_at", "-id")[: DIGEST_LIMIT + 1])
    if not items:
        return False
    key = f"digest:{user.pk}:{day.isoformat()}:{channel.name}"
    delivery = claim_delivery(key=key, recipient=user, channel=channel.name, address=address)
    if delivery is None:
        return False  # today's digest already went out: these wait for tomorrow's
    total = pending.count() if len(items) > DIGEST_LIMIT else len(items)
    shown = items[:DIGEST_LIMIT]
    with translation.override(settings.LANGUAGE_CODE):
        message = render_message(
            template="digest",
            context={
                "user": user,
                "day": day,
                "items": [
                    {"n": item, "kind_label": get_kind(item.kind).label, "link": absolute(item.url)}
                    for item in shown
                ],
                "more": total - len(shown),
            },
            subject=_("Bản tin hằng ngày %(day)s: %(count)s thông báo mới")
            % {"day": day.strftime("%d/%m/%Y"), "count": total},
            unsubscribe=unsubscribe_url(user=user, kind=ALL_KINDS),
        )
    if _send_claimed(channel, delivery, message):
        # Only what the e-mail listed or counted; anything newer waits for tomorrow.
        newest = items[0]
        pending.filter(created_at__lte=newest.created_at).update(digest_pending=False)
        return True
    return False


def users_with_pending_digest() -> QuerySet["User"]:
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=Notification.objects.filter(digest_pending=True).values("recipient_id"),
        )
        .order_by("pk")
    )


def send_all_digests(*, now: datetime | None = None, channel_name: str = "email") -> int:
    """One digest for each person with something new; safe to run any number of times a day."""
    day = digest_day(now)
    channel = get_channel(channel_name)
    sent = 0
    with channel:
        for user in users_with_pending_digest().iterator(chunk_size=500):
            sent += send_digest(user=user, day=day, channel=channel)
    return sent


# --- Web Push subscriptions ---------------------------------------------------

MAX_PUSH_DEVICES = 10  # per person; the oldest is forgotten beyond this


@transaction.atomic
def save_push_subscription(
    *, user: "User", endpoint: str, p256dh: str, auth: str, user_agent: str = ""
) -> PushSubscription:
    """Turn push on for one browser of `user` (again: its keys are updated)."""
    subscription, _created = PushSubscription.objects.update_or_create(
        user=user,
        endpoint=endpoint,
        defaults={"p256dh": p256dh, "auth": auth, "user_agent": user_agent[:200]},
    )
    keep = PushSubscription.objects.filter(user=user).order_by("-created_at", "-pk")
    stale = list(keep.values_list("pk", flat=True)[MAX_PUSH_DEVICES:])
    if stale:
        PushSubscription.objects.filter(pk__in=stale).delete()
    return subscription


@transaction.atomic
def delete_push_subscription(*, user: "User", endpoint: str) -> int:
    """Turn push off for one browser of `user`; another person's browser is never touched."""
    deleted, _by_model = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return deleted
