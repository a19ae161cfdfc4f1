"""Visit statistics (Thống kê truy cập) without a database write per page view.

A visitor is a random cookie, counted once per day. Counts collect in the
cache (atomic `incr`) and are flushed into `VisitDay` at most once a minute by
the statistics widget's request. "Online now" is the number of distinct
visitor cookies seen in the current five-minute window, kept in the cache only.
No IP address is read or stored.
"""

import re
import secrets
from datetime import timedelta

from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from .models import VisitDay

COOKIE = "ct_visitor"
ONLINE_WINDOW_MINUTES = 5
FLUSH_EVERY_SECONDS = 60
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|preview|monitor|curl|wget|python-requests", re.I
)
SKIPPED_PREFIXES = ("/static/", "/media/", "/healthz", "/quan-tri/", "/chan-trang/")


def _pending_key(day) -> str:
    return f"visits:pending:{day.isoformat()}"


def _online_key(window: int) -> str:
    return f"visits:online:{window}"


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


class VisitCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method != "GET"
            or request.path.startswith(SKIPPED_PREFIXES)
            or response.status_code != 200
        ):
            return response
        if getattr(request, "htmx", False) or is_bot(request.headers.get("User-Agent", "")):
            return response
        token = request.COOKIES.get(COOKIE, "")
        today = timezone.localdate()
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,64}\.\d{8}", token) or not token.endswith(
            today.strftime("%Y%m%d")
        ):
            token = f"{secrets.token_urlsafe(16)}.{today:%Y%m%d}"
            record_visit(today)
            # Lax, httponly, expires at the end of the day: it identifies nobody.
            tomorrow = timezone.localtime().replace(
                hour=0, minute=0, second=0, microsecond=0
            ) + timedelta(days=1)
            response.set_cookie(
                COOKIE,
                token,
                expires=tomorrow,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        mark_online(token.split(".")[0])
        return response


def record_visit(day, *, count: int = 1) -> None:
    key = _pending_key(day)
    if not cache.add(key, count, timeout=3 * 86400):
        try:
            cache.incr(key, count)
        except ValueError:  # expired between add and incr
            cache.add(key, count, timeout=3 * 86400)


def _window() -> int:
    return int(timezone.now().timestamp() // (ONLINE_WINDOW_MINUTES * 60))


def mark_online(visitor: str) -> None:
    """Count `visitor` once in the current five-minute window: two cache calls, O(1)."""
    window = _window()
    timeout = ONLINE_WINDOW_MINUTES * 60 * 3
    first_time = cache.add(f"visits:online:{window}:{visitor}", 1, timeout=timeout)
    if first_time and not cache.add(_online_key(window), 1, timeout=timeout):
        try:
            cache.incr(_online_key(window))
        except ValueError:  # expired in between
            cache.add(_online_key(window), 1, timeout=timeout)


def online_now() -> int:
    """Distinct visitors of the current window, or of the last one if it was busier
    (the current window may have just begun)."""
    window = _window()
    counts = cache.get_many([_online_key(window), _online_key(window - 1)])
    return max(counts.values(), default=0)


def flush_pending(*, force: bool = False) -> int:
    """Move cached counts into the database; at most once a minute unless forced."""
    if not force and not cache.add("visits:flush-guard", 1, timeout=FLUSH_EVERY_SECONDS):
        return 0
    today = timezone.localdate()
    moved = 0
    for day in (today - timedelta(days=1), today):
        key = _pending_key(day)
        pending = cache.get(key) or 0
        if not pending:
            continue
        cache.decr(key, pending)  # atomic: visits counted meanwhile stay pending
        try:
            _add_visits(day, pending)
        except DatabaseError:
            record_visit(day, count=pending)  # put them back for the next flush
            raise
        moved += pending
    return moved


def _add_visits(day, count: int) -> None:
    with transaction.atomic():
        if VisitDay.objects.filter(day=day).update(visits=F("visits") + count):
            return
        try:
            with transaction.atomic():
                VisitDay.objects.create(day=day, visits=count)
        except IntegrityError:  # another process created the day first
            VisitDay.objects.filter(day=day).update(visits=F("visits") + count)


def statistics() -> dict[str, int]:
    """Online now, today, this month, total. One query, plus what is still pending."""
    today = timezone.localdate()
    totals = VisitDay.objects.aggregate(
        total=Sum("visits"),
        month=Sum("visits", filter=Q(day__gte=today.replace(day=1))),
        today=Sum("visits", filter=Q(day=today)),
    )
    pending_today = cache.get(_pending_key(today)) or 0
    return {
        "online": max(online_now(), 1),
        "today": (totals["today"] or 0) + pending_today,
        "month": (totals["month"] or 0) + pending_today,
        "total": (totals["total"] or 0) + pending_today,
    }
