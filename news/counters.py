"""Batched view counts.

Choice: cache counters, flushed in batches with F().

* A page view never writes to the database. `count_view` first claims the
  pair (visitor, article) with `cache.add` (atomic in locmem and Redis), so a
  visitor's session is counted once per article however many tabs reload it;
  then it increments `news:views:<id>` with `cache.incr` (atomic too).
* The visitor is the session key when there is one, otherwise a salted hash
  of IP + user agent + day (no raw IP is kept anywhere). Bots (user agent
  patterns) are not counted.
* `flush_pending_views()` reads the pending numbers, takes each n out with
  `cache.decr(key, n)` (atomic) and adds it with `F("view_count") + n`:
  increments that land between the read and the decrement stay in the cache
  for the next flush, so concurrent readers are never lost or double-counted
  (a failed write puts its n back).
* Flushing runs from the `flush_view_counts` management command / task, and
  at most once a minute when a page shows the most-read list (it enqueues the
  flush runs in that request, in this process, which holds the pending
  numbers when the cache is local memory).
* Shown counts add the pending cache number to the stored one, so a reader
  sees their own view at once.

With the local-memory cache (the default without Redis) each process keeps
its own pending numbers; each process flushes its own, so nothing is lost as
long as it flushes before exit; production uses Redis, shared by all workers.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from .models import Article, Status

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|preview|"
    r"curl|wget|python-requests|httpx|go-http-client|java/|libwww|scrapy|feedparser|monitor",
    re.IGNORECASE,
)
SEEN_SECONDS = 12 * 60 * 60
FLUSH_EVERY_SECONDS = 60
PENDING_PREFIX = "news:views:"
FLUSH_LOCK = "news:views:flush-lock"


def _key(article_id: int) -> str:
    return f"{PENDING_PREFIX}{article_id}"


def is_bot(request) -> bool:
    agent = request.headers.get("user-agent", "")
    return not agent or bool(BOT_PATTERN.search(agent))


def visitor_id(request) -> str:
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        return f"s:{session_key}"
    raw = "|".join(
        [
            settings.SECRET_KEY,
            timezone.localdate().isoformat(),
            request.META.get("REMOTE_ADDR", ""),
            request.headers.get("user-agent", ""),
        ]
    )
    return "h:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def count_view(request, article: Article) -> bool:
    """Count this view if it is the visitor's first of `article` in this session. No query."""
    return count_view_of(request, article.pk)


def count_view_of(request, article_id: int) -> bool:
    """count_view by id: what a page served from the anonymous page cache replays."""
    if is_bot(request):
        return False
    if not cache.add(f"news:seen:{visitor_id(request)}:{article_id}", 1, SEEN_SECONDS):
        return False
    cache.add(_key(article_id), 0, None)
    try:
        cache.incr(_key(article_id))
    except ValueError:  # evicted between add and incr
        cache.set(_key(article_id), 1, None)
    return True


def pending(article_ids) -> dict[int, int]:
    found = cache.get_many([_key(pk) for pk in article_ids])
    return {int(key.removeprefix(PENDING_PREFIX)): int(n) for key, n in found.items() if n}


def with_pending(articles) -> None:
    """Add pending views to `view_count` of already-fetched articles (no query)."""
    articles = list(articles)
    extra = pending([a.pk for a in articles])
    for article in articles:
        article.view_count += extra.get(article.pk, 0)


def flush_pending_views(batch_size: int = 500) -> int:
    """Write pending cache counts into the database. Returns the number of views written."""
    written = 0
    ids = (
        Article.objects.filter(status__in=[Status.PUBLISHED, Status.ARCHIVED])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    batch: list[int] = []
    for pk in ids.iterator(chunk_size=batch_size):
        batch.append(pk)
        if len(batch) >= batch_size:
            written += _flush_batch(batch)
            batch = []
    if batch:
        written += _flush_batch(batch)
    return written


def _flush_batch(ids: list[int]) -> int:
    written = 0
    for pk, n in pending(ids).items():
        # Take the n views out of the cache first (atomic), then write them; if
        # the write fails they go back, so a view is never lost nor counted twice.
        cache.decr(_key(pk), n)
        try:
            Article.objects.filter(pk=pk).update(view_count=F("view_count") + n)
        except Exception:
            cache.incr(_key(pk), n)
            raise
        written += n
    return written


def maybe_flush() -> None:
    """Called where the most-read list is shown: at most one flush a minute."""
    # Inline rather than enqueued: with the local-memory cache the pending
    # numbers live in this process, which a separate worker could not see.
    if cache.add(FLUSH_LOCK, 1, FLUSH_EVERY_SECONDS):
        flush_pending_views()
