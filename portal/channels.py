"""The blocks of online support, app links and official headlines, and what the
private calendar feed holds (issue 14).

Each block is a template partial under templates/portal/blocks/ plus a selector
here returning the partial's context as a home section ({"template", "width",
…}), or None when there is nothing to show. Each block costs a fixed number of
queries, whatever the data (see tests/portal/test_channels.py).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from announcements.models import Announcement, Survey

from .models import AppLink, CalendarToken, Event, Headline, SupportContact, SupportSettings

BLOCK_HEADLINES = 6
BLOCK_APPS = 12
BLOCK_CONTACTS = 8


def support_context() -> dict:
    """The settings row and the people to call by topic (2 queries)."""
    return {
        "support": SupportSettings.current(),
        "contacts": list(SupportContact.objects.all()),
    }


def support_block(request=None) -> dict | None:
    context = support_context()
    support = context["support"]
    if not (support.hotline or support.zalo_url or support.email or context["contacts"]):
        return None
    context["contacts"] = context["contacts"][:BLOCK_CONTACTS]
    return {"template": "portal/blocks/_support.html", "width": 4, **context}


def app_links_block(request=None) -> dict | None:
    links = list(AppLink.objects.all()[:BLOCK_APPS])  # 1 query
    if not links:
        return None
    return {"template": "portal/blocks/_app_links.html", "width": 4, "links": links}


def headlines_block(request=None) -> dict | None:
    # 1 query; the index headline_recent serves the ordering.
    headlines = list(
        Headline.objects.filter(feed__is_active=True).select_related("feed")[:BLOCK_HEADLINES]
    )
    if not headlines:
        return None
    return {"template": "portal/blocks/_headlines.html", "width": 4, "headlines": headlines}


def home_blocks(request=None) -> list[dict]:
    """The three blocks in today's order, for the home page until the block registry lands."""
    blocks = (support_block(request), app_links_block(request), headlines_block(request))
    return [block for block in blocks if block]


def official_site() -> str:
    return settings.SITE_URL.rstrip("/")


# --- The private calendar feed ----------------------------------------------------------

FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 180
FEED_MAX_ITEMS = 300


def person_for_token(token: str):
    """The active person whose private feed this secret opens, or None."""
    if not token or len(token) > 64:
        return None
    row = CalendarToken.objects.filter(token=token).select_related("user").first()
    if row is None or not row.user.is_active:
        return None
    return row.user


def private_feed_items(user, now=None) -> tuple[list[Event], list[Survey]]:
    """What concerns `user` in the window: the work calendar's events marked for families
    (and, for staff, every event they may see); the closing times of forms of the
    announcements addressed to them. Two queries."""
    now = now or timezone.now()
    start, end = now - timedelta(days=FEED_DAYS_BACK), now + timedelta(days=FEED_DAYS_AHEAD)
    events = Event.objects.visible_to(user).between(start, end)
    if not user.is_school_staff:
        events = events.filter(for_families=True)
    surveys = (
        Survey.objects.filter(announcement__in=_announcements_for(user))
        .filter(closes_at__gte=start, closes_at__lt=end)
        .select_related("announcement")
        .order_by("closes_at", "pk")
    )
    return list(events[:FEED_MAX_ITEMS]), list(surveys[:FEED_MAX_ITEMS])


def _announcements_for(user):
    return Announcement.objects.visible_to(user).values("pk")
