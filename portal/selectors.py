"""What the roof composes from the apps: home page sections and navigation badges.

portal sits above every app, so it imports them directly; the order of the
calls below is the order on the page.
"""

from django.http import HttpRequest

from accounts import selectors as accounts_selectors
from announcements import selectors as announcements_selectors
from forum import selectors as forum_selectors
from lib import navcache
from news import selectors as news_selectors
from notifications import selectors as notifications_selectors


def home_sections(request: HttpRequest) -> list[dict]:
    # What concerns the reader first (their announcements, their boards), then the news.
    sections = (
        announcements_selectors.home_section(request),
        forum_selectors.home_section(request),
        news_selectors.home_section(request),
    )
    return [section for section in sections if section]


def navigation_counts(request: HttpRequest | None) -> dict[str, int]:
    """Counts for the navigation badges (unread notifications, review queues…).

    Kept in the cache per person (lib/navcache.py: no query on most pages),
    forgotten by the writes that change them (portal/invalidation.py).
    """
    if request is None or not request.user.is_authenticated:
        return {}
    user = request.user
    return navcache.counts_for(
        user.pk, staff=user.is_school_staff, compute=lambda: _count_navigation(request)
    )


def _count_navigation(request: HttpRequest) -> dict[str, int]:
    counts: dict[str, int] = {}
    for app_counts in (
        notifications_selectors.navigation_counts,
        news_selectors.navigation_counts,
        forum_selectors.navigation_counts,
        announcements_selectors.navigation_counts,
        accounts_selectors.navigation_counts,
    ):
        counts.update(app_counts(request))
    return counts
