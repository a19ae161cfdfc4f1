"""Fetching the official sources' RSS/Atom feeds ("Tin từ nguồn chính thống").

The server fetches, pages only link: nothing from a feed is ever loaded or run
by a reader's browser. Each feed is fetched with a timeout, a size limit and a
conditional request (ETag / Last-Modified); it is parsed by feedparser (never
regular expressions); titles and summaries are reduced to plain text; links
that are not http(s) are replaced by the source's own address. One broken,
slow, huge or hostile feed records its error on its own row and never stops
the others, nor any page.
"""

import calendar
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
from django.db import transaction
from django.utils import timezone

from lib.html import html_to_text

from .models import Headline, OfficialFeed

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10  # per connect and per read
TOTAL_SECONDS = 20  # a feed that trickles is cut off after this
MAX_BYTES = 2 * 1024 * 1024
KEEP_PER_FEED = 30  # the newest headlines kept of each source
USER_AGENT = "CongTruong-headlines/1.0 (+school portal)"


class FeedError(Exception):
    pass


@dataclass
class FetchResult:
    feed: OfficialFeed
    added: int = 0
    not_modified: bool = False
    error: str = ""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a source's redirects only to another http(s) address (never ftp:, file:)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise FeedError("Nguồn chuyển hướng sang địa chỉ không phải http(s).")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


def _download(feed: OfficialFeed) -> bytes | None:
    """The feed's bytes, or None when the source says it has not changed (304)."""
    if not feed.url.startswith(("http://", "https://")):
        raise FeedError("Địa chỉ không phải http(s).")
    request = urllib.request.Request(feed.url, headers={"User-Agent": USER_AGENT})  # noqa: S310 (scheme checked above)
    if feed.etag:
        request.add_header("If-None-Match", feed.etag)
    if feed.last_modified:
        request.add_header("If-Modified-Since", feed.last_modified)
    deadline = time.monotonic() + TOTAL_SECONDS
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                raise FeedError(f"Tệp quá lớn ({int(declared) // 1024} KB).")
            chunks, size = [], 0
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FeedError(f"Tệp quá lớn (hơn {MAX_BYTES // 1024} KB).")
                if time.monotonic() > deadline:
                    raise FeedError("Nguồn trả lời quá chậm.")
                chunks.append(chunk)
            feed.etag = (response.headers.get("ETag") or "")[:200]
            feed.last_modified = (response.headers.get("Last-Modified") or "")[:100]
            return b"".join(chunks)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return None
        raise FeedError(f"Nguồn trả lời lỗi HTTP {error.code}.") from None
    except TimeoutError:
        raise FeedError("Nguồn trả lời quá chậm.") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise FeedError(f"Không kết nối được: {str(reason)[:150]}") from None


def _text(value: str, limit: int) -> str:
    text = html_to_text(value or "", one_line=True).strip()
    return text[: limit - 1] + "…" if len(text) > limit else text


def _entry_time(entry, now: datetime) -> datetime:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return now
    try:
        moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return now
    return min(moment, now)  # a date in the future does not pin a headline on top


def _link(entry, fallback: str) -> str:
    link = (entry.get("link") or "").strip()
    if link.startswith(("https://", "http://")) and len(link) <= 1000 and " " not in link:
        return link
    return fallback  # javascript:, data:, relative or absurd: the source's own address


def parse(feed: OfficialFeed, data: bytes, now: datetime) -> list[Headline]:
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        raise FeedError("Không đọc được nội dung RSS/Atom.")
    headlines: dict[str, Headline] = {}
    for entry in parsed.entries[: KEEP_PER_FEED * 2]:
        title = _text(entry.get("title", ""), 300)
        if not title:
            continue
        link = _link(entry, feed.url)
        guid = (entry.get("id") or link or title)[:500]
        headlines[guid] = Headline(
            feed=feed,
            guid=guid,
            title=title,
            link=link,
            summary=_text(entry.get("summary", ""), 500),
            published_at=_entry_time(entry, now),
        )
    return sorted(headlines.values(), key=lambda h: h.published_at, reverse=True)[:KEEP_PER_FEED]


def fetch_feed(feed: OfficialFeed) -> FetchResult:
    """Fetch one feed and store its newest headlines; any failure is recorded on the feed."""
    now = timezone.now()
    result = FetchResult(feed=feed)
    try:
        data = _download(feed)
        if data is None:
            result.not_modified = True
        else:
            headlines = parse(feed, data, now)
            with transaction.atomic():
                known = set(
                    Headline.objects.filter(
                        feed=feed, guid__in=[h.guid for h in headlines]
                    ).values_list("guid", flat=True)
                )
                new = [h for h in headlines if h.guid not in known]
                Headline.objects.bulk_create(new)
                result.added = len(new)
                keep = list(
                    Headline.objects.filter(feed=feed).values_list("pk", flat=True)[:KEEP_PER_FEED]
                )
                Headline.objects.filter(feed=feed).exclude(pk__in=keep).delete()
    except FeedError as error:
        result.error = str(error)
    except Exception as error:  # noqa: BLE001 - a hostile feed must not stop the others
        logger.exception("Feed %s failed", feed.pk)
        result.error = f"Lỗi khi đọc nguồn: {type(error).__name__}"
    feed.last_fetched_at = now
    if result.error:
        feed.last_error, feed.last_error_at = result.error[:300], now
        feed.etag = feed.last_modified = ""  # fetch it whole next time, not a 304
    else:
        feed.last_error = ""
    feed.save(
        update_fields=["etag", "last_modified", "last_fetched_at", "last_error", "last_error_at"]
    )
    return result


def fetch_all() -> list[FetchResult]:
    """Every active feed, one after the other; each one's failure stays its own."""
    return [fetch_feed(feed) for feed in OfficialFeed.objects.filter(is_active=True)]
