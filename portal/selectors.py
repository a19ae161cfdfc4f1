"""What the roof composes from the apps: navigation badges.

portal sits above every app, so it imports them directly. The home page's blocks
are in portal.home_blocks.
"""

from django.http import HttpRequest

from accounts import selectors as accounts_selectors
from announcements import selectors as announcements_selectors
from forum import selectors as forum_selectors
from lessons import selectors as lessons_selectors
from lib import navcache
from news import selectors as news_selectors
from notifications import selectors as notifications_selectors


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
        lessons_selectors.navigation_counts,
    ):
        counts.update(app_counts(request))
    # The badge on the staff's "Công việc" menu: what waits for them in its items.
    counts["work_waiting"] = counts.get("news_review", 0) + counts.get("forum_queue", 0)
    return counts
