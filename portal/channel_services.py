"""Writes of online support, app links, official channels, headlines, private calendar
feeds and the contact inbox's status (issue 14). Each service checks its actor itself."""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from lib import ratelimit
from notifications.services import notify

from .channel_forms import (
    AppLinkForm,
    FakePageReportForm,
    OfficialFeedForm,
    SupportSettingsForm,
)
from .models import (
    AppLink,
    CalendarToken,
    ContactMessage,
    ContactStatus,
    FakePageReport,
    FakePageStatus,
    OfficialFeed,
)


def _check_administrator(by: User) -> None:
    if not (by.is_active and by.can_administer):
        raise PermissionDenied


def _check_collaborator(by: User) -> None:
    if not (by.is_active and by.can_moderate):
        raise PermissionDenied


def collaborators() -> QuerySet[User]:
    """The collaborator team (tổ cộng tác viên): staff holding the "moderate" capability."""
    return (
        User.objects.filter(role=Role.STAFF, is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__codename="moderate"))
        .distinct()
    )


# --- Online support, app links, feeds: the admins' settings -----------------------------


@transaction.atomic
def save_support(*, form: SupportSettingsForm, contacts, by: User) -> None:
    """The support settings and the people to call by topic, together or not at all."""
    _check_administrator(by)
    form.save()
    contacts.save()


@transaction.atomic
def save_app_link(*, form: AppLinkForm, by: User) -> AppLink:
    _check_administrator(by)
    return form.save()


@transaction.atomic
def delete_app_link(*, link: AppLink, by: User) -> None:
    _check_administrator(by)
    if link.icon:
        name: str = link.icon.name or ""
        storage = link.icon.storage
        transaction.on_commit(lambda: storage.delete(name))
    link.delete()


@transaction.atomic
def save_feed(*, form: OfficialFeedForm, by: User) -> OfficialFeed:
    _check_administrator(by)
    return form.save()


@transaction.atomic
def delete_feed(*, feed: OfficialFeed, by: User) -> None:
    _check_administrator(by)
    feed.delete()


# --- "Báo trang giả mạo" ------------------------------------------------------------

# Per network: someone who found a fake page reports it once or twice.
FAKE_PAGE_LIMITS = (
    ratelimit.Limit(count=5, seconds=3600),
    ratelimit.Limit(count=10, seconds=86400),
)


class ReportRefused(Exception):
    pass


@transaction.atomic
def receive_fake_page_report(
    *, form: FakePageReportForm, sender_address: str, reporter: User | None
) -> FakePageReport:
    """Store a valid report and tell the collaborator team; refuse a flood from one network."""
    if ratelimit.reserve(f"portal.fake_page:{sender_address}", FAKE_PAGE_LIMITS) is not None:
        raise ReportRefused
    report = form.save(commit=False)
    report.reporter = reporter if reporter is not None and reporter.is_active else None
    report.save()
    notify(
        recipients=collaborators(),
        kind="portal.fake_page_report",
        title=_("Báo trang giả mạo: %(address)s") % {"address": report.address[:100]},
        url=reverse("fake_page_reports"),
        body=report.what_happened[:500],
    )
    return report


@transaction.atomic
def set_fake_page_status(*, report: FakePageReport, status: str, by: User) -> FakePageReport:
    _check_collaborator(by)
    if status not in FakePageStatus.values:
        raise PermissionDenied
    report.status = status
    report.save(update_fields=["status"])
    return report


# --- The contact inbox ----------------------------------------------------------------

# Contact messages and fake-page reports hold a stranger's name and address: they are
# deleted this many months after they were sent (the daily run), whatever their status.
RETENTION_MONTHS = 12


@transaction.atomic
def set_contact_status(*, message: ContactMessage, status: str, by: User) -> ContactMessage:
    _check_administrator(by)
    if status not in ContactStatus.values:
        raise PermissionDenied
    message.status = status
    message.save(update_fields=["status"])
    return message


@transaction.atomic
def delete_expired_messages(now=None) -> int:
    """The retention rule, run daily: what strangers sent, kept RETENTION_MONTHS months."""
    cutoff = (now or timezone.now()) - timedelta(days=30 * RETENTION_MONTHS)
    contact = ContactMessage.objects.filter(created_at__lt=cutoff).delete()[0]
    reports = FakePageReport.objects.filter(created_at__lt=cutoff).delete()[0]
    return contact + reports


# --- Private calendar feeds -----------------------------------------------------------


@transaction.atomic
def renew_calendar_token(*, by: User) -> CalendarToken:
    """A new secret address for the person's own calendar feed; the old one stops working."""
    if not by.is_active:
        raise PermissionDenied
    return CalendarToken.objects.update_or_create(
        user=by, defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()}
    )[0]


@transaction.atomic
def revoke_calendar_token(*, by: User) -> None:
    CalendarToken.objects.filter(user=by).delete()
