"""What the roof composes from the apps: navigation badges and the audience keys
the header menu filters by.

portal sits above every app, so it imports them directly. The home page's blocks
are in portal.home_blocks.
"""

from typing import TypedDict

from django.http import HttpRequest

from accounts import audiences
from accounts import selectors as accounts_selectors
from accounts.access import signed_in
from announcements import selectors as announcements_selectors
from forum import selectors as forum_selectors
from lessons import selectors as lessons_selectors
from lib import navcache
from news import selectors as news_selectors
from notifications import selectors as notifications_selectors


class Navigation(TypedDict):
    counts: dict[str, int]
    audience_keys: list[str]


_REQUEST_ATTR = "_portal_navigation"


def _navigation(request: HttpRequest) -> Navigation:
    """The person's navigation entry: kept in the cache per person (lib/navcache.py:
    no query on most pages), forgotten by the writes that change it
    (portal/invalidation.py), and read once per request."""
    found: Navigation | None = getattr(request, _REQUEST_ATTR, None)
    if found is None:
        user = signed_in(request.user)  # callers check is_authenticated first
        found = navcache.entry_for(
            user.pk, staff=user.is_school_staff, compute=lambda: _compute_navigation(request)
        )
        setattr(request, _REQUEST_ATTR, found)
    return found


def _compute_navigation(request: HttpRequest) -> Navigation:
    counts = _count_navigation(request)
    # After the counts, which already asked for the keys: no further query.
    return {"counts": counts, "audience_keys": sorted(audiences.keys_for(request.user))}


def navigation_counts(request: HttpRequest | None) -> dict[str, int]:
    """Counts for the navigation badges (unread notifications, review queues…)."""
    if request is None or not request.user.is_authenticated:
        return {}
    return _navigation(request)["counts"]


def audience_keys(request: HttpRequest) -> frozenset[str]:
    """The reader's audience keys as the header menu needs them: from the navigation
    entry for a logged-in person (no query), public for a visitor. Access checks
    keep using audiences.keys_for, which reads the database."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return audiences.keys_for(user)
    return frozenset(_navigation(request)["audience_keys"])


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
