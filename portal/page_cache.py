"""Whole anonymous pages from the cache (home, news, articles, documents, calendar…).

A visitor who is not logged in sees the same page as every other such
visitor, apart from two per-response values: the CSRF token (in the language
form and the htmx headers) and the CSP nonce (on each <script>). So:

* A page is kept only for a GET/HEAD without a session cookie, without a
  pending message (no `messages` cookie), not an htmx request, for the URL
  names in CACHEABLE, when the view answered 200 to an anonymous user and set
  no cookie. The key holds the path with its query string and the language.
* While such a page is rendered, the template context gets fixed placeholders
  instead of the CSRF token and the nonce (context processor `placeholders`,
  last in the list, so it wins). The stored copy holds the placeholders, never
  a real token or nonce; every response, the first included, gets a fresh
  nonce (the same one the CSP middleware then writes into the header) and a
  CSRF token of its own (get_token: the CSRF middleware sets the cookie). The
  placeholders are derived from SECRET_KEY, so nobody writing an article can
  type one into it to learn a nonce.
* Invalidation: a generation number, changed when a page-visible row is saved
  or deleted (portal/invalidation.py); a kept page also lives at most
  PAGE_CACHE_SECONDS, which bounds what the clock alone changes (an article
  scheduled for later, an expiring notice).
* Counting still happens on a hit: the visit counter is an outer middleware,
  and a view that counts (an article's views) names what to count with
  `response.count_on_cache_hit`, replayed by ON_HIT.

Placed last in MIDDLEWARE: every other middleware (security headers, CSRF
cookie, CSP header, visits) still runs around a cached page.
"""

import functools
import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac

from news import counters as news_counters

CACHEABLE = frozenset(
    {
        "home",
        "page_detail",
        "calendar_week",
        "faq",
        "album_list",
        "news:news_index",
        "news:guidance_index",
        "news:category",
        "news:article_detail",
        "news:document_list",
        "news:document_detail",
    }
)
_GENERATION = "pages:gen"
_KEPT_HEADERS = ("Content-Type", "Last-Modified", "Link")


def _count_article_view(request: HttpRequest, article_id: int) -> None:
    news_counters.count_view_of(request, article_id)


ON_HIT = {"news.article_view": _count_article_view}


@functools.cache
def _placeholder(name: str) -> str:
    digest = salted_hmac("portal.page_cache", name, algorithm="sha256").hexdigest()
    return "ct" + digest[:30]


def csrf_placeholder() -> str:
    return _placeholder("csrf")


def nonce_placeholder() -> str:
    return _placeholder("nonce")


def forget_pages() -> None:
    """Every kept page is stale once the writer's transaction commits."""
    transaction.on_commit(lambda: cache.set(_GENERATION, secrets.token_hex(4), None))


def placeholders(request: HttpRequest) -> dict[str, str]:
    """Context processor: placeholders while a page to be kept is rendered."""
    if getattr(request, "_page_cache_capture", False):
        return {"csrf_token": csrf_placeholder(), "csp_nonce": nonce_placeholder()}
    return {}


def _eligible(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in CACHEABLE


def _key(request: HttpRequest) -> str:
    where = f"{translation.get_language()}|{request.get_full_path()}"
    return "pages:" + hashlib.sha256(where.encode()).hexdigest()


def _personalise(request: HttpRequest, content: bytes) -> bytes:
    csrf = csrf_placeholder().encode()
    if csrf in content:
        content = content.replace(csrf, get_token(request).encode())
    nonce = nonce_placeholder().encode()
    if nonce in content:
        content = content.replace(nonce, str(get_nonce(request)).encode())
    return content


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.user.is_authenticated
        # A view that asked for a real token itself: it is in the page, unreplaceable.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (messages is not None and getattr(messages, "_queued_messages", None))
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not getattr(settings, "PAGE_CACHE_SECONDS", 0) or not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        found = cache.get_many([_GENERATION, key])
        generation = str(found.get(_GENERATION, ""))
        entry = found.get(key)
        if isinstance(entry, dict) and entry.get("generation") == generation:
            return self._from_cache(request, entry)
        request._page_cache_capture = True  # type: ignore[attr-defined]
        response = self.get_response(request)
        request._page_cache_capture = False  # type: ignore[attr-defined]
        if response.streaming:
            return response
        if _storable(request, response):
            entry = {
                "generation": generation,
                "content": response.content,
                "headers": {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)},
                "on_hit": getattr(response, "count_on_cache_hit", None),
            }
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        response.content = _personalise(request, response.content)
        patch_vary_headers(response, ("Cookie",))
        return response

    def _from_cache(self, request: HttpRequest, entry: dict) -> HttpResponse:
        if entry.get("on_hit"):
            name, argument = entry["on_hit"]
            ON_HIT[name](request, argument)
        response = HttpResponse(_personalise(request, entry["content"]), headers=entry["headers"])
        response["X-Page-Cache"] = "hit"
        patch_vary_headers(response, ("Cookie",))
        return response
