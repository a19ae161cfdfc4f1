"""The home page as blocks editors arrange per audience (visitor, pupil, parent, staff).

One more block is one entry in BLOCKS: a key, a label, a template, a loader that
returns the template's context (None renders nothing) and the positions it takes
by default. Editors' choices are HomeBlockPlacement rows; a block without a row
for an audience keeps its default, so adding a block needs no migration.

Each loader runs a fixed number of queries (at most one or two), whatever the
amount of data; the layout itself is cached and costs nothing on a warm cache.
Nothing here varies per request beyond the reader: the page stays cacheable.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from announcements import selectors as announcements_selectors
from forum import selectors as forum_selectors
from news import selectors as news_selectors
from news.models import Article, Document, Kind

from .models import Album, Event, HomeAudience, HomeBlockPlacement, HomeFeature, WebsiteLink

CACHE_KEY = "portal.home_layout.v1"
CACHE_SECONDS = 24 * 3600
AUDIENCES = tuple(HomeAudience.values)
SIGNED_IN = (HomeAudience.PUPIL, HomeAudience.PARENT, HomeAudience.STAFF)


@dataclass(frozen=True)
class Layout:
    # audience -> [block keys in order], only the shown ones
    order: dict[str, list[str]]
    featured_article_id: int | None = None


Loader = Callable[[HttpRequest, Layout], dict | None]


@dataclass(frozen=True)
class Block:
    key: str
    label: Promise
    template: str
    load: Loader
    # audience -> position where the block shows when editors have not decided
    defaults: dict[str, int] = field(default_factory=dict)
    # audiences it may be shown to at all (announcements mean nothing to a visitor)
    audiences: tuple[str, ...] = AUDIENCES
    width: str = "12"  # Bootstrap columns at lg and above


# --- Loaders: one or two queries each, never more --------------------------------------


def _featured(request: HttpRequest, layout: Layout) -> dict | None:
    if layout.featured_article_id is None:
        return None
    article = (
        Article.objects.visible_to(request.user)
        .select_related("category")
        .filter(pk=layout.featured_article_id)
        .first()
    )
    return {"article": article} if article else None


def _news(request: HttpRequest, layout: Layout) -> dict | None:
    articles = news_selectors.latest(
        request.user, limit=6, kind=Kind.NEWS, exclude=layout.featured_article_id
    )
    return {"articles": articles} if articles else None


def _guidance(request: HttpRequest, layout: Layout) -> dict | None:
    articles = news_selectors.latest(request.user, limit=5, kind=Kind.GUIDANCE)
    return {"articles": articles} if articles else None


def _documents(request: HttpRequest, layout: Layout) -> dict | None:
    documents = list(Document.objects.visible_to(request.user).order_by("-issued_on", "-id")[:5])
    return {"documents": documents} if documents else None


def _calendar(request: HttpRequest, layout: Layout) -> dict | None:
    # From the start of today, not "now": the same list all day long (cache friendly).
    start = datetime.combine(timezone.localdate(), time.min, tzinfo=timezone.get_current_timezone())
    events = list(
        Event.objects.visible_to(request.user)
        .filter(starts_at__gte=start)
        .order_by("starts_at", "id")[:5]
    )
    return {"events": events} if events else None


def _gallery(request: HttpRequest, layout: Layout) -> dict | None:
    albums = list(Album.objects.visible_to(request.user).select_related("cover")[:4])
    return {"albums": albums} if albums else None


def _links(request: HttpRequest, layout: Layout) -> dict | None:
    links = list(WebsiteLink.objects.all()[:12])
    return {"links": links} if links else None


def _announcements(request: HttpRequest, layout: Layout) -> dict | None:
    return announcements_selectors.home_section(request)


def _forum(request: HttpRequest, layout: Layout) -> dict | None:
    return forum_selectors.home_section(request)


BLOCKS: tuple[Block, ...] = (
    Block(
        "featured",
        _("Bài nổi bật"),
        "portal/blocks/featured.html",
        _featured,
        defaults=dict.fromkeys(AUDIENCES, 0),
    ),
    Block(
        "announcements",
        _("Thông báo (người đã đăng nhập)"),
        "announcements/_home_section.html",
        _announcements,
        defaults={"pupil": 10, "parent": 10, "staff": 10},
        audiences=SIGNED_IN,
        width="6",
    ),
    Block(
        "forum",
        _("Chủ đề mới trên diễn đàn"),
        "forum/_home_section.html",
        _forum,
        defaults={"pupil": 20, "parent": 20, "staff": 20},
        audiences=SIGNED_IN,
        width="6",
    ),
    Block(
        "news",
        _("Tin mới nhất"),
        "portal/blocks/news.html",
        _news,
        defaults=dict.fromkeys(AUDIENCES, 30),
        width="8",
    ),
    Block(
        "guidance",
        _("Hướng dẫn an toàn trên mạng"),
        "portal/blocks/guidance.html",
        _guidance,
        defaults=dict.fromkeys(AUDIENCES, 40),
        width="4",
    ),
    Block(
        "documents",
        _("Văn bản mới"),
        "portal/blocks/documents.html",
        _documents,
        defaults={"visitor": 50, "parent": 50, "staff": 50},
        width="6",
    ),
    Block(
        "calendar",
        _("Lịch công tác"),
        "portal/blocks/calendar.html",
        _calendar,
        defaults=dict.fromkeys(AUDIENCES, 60),
        width="6",
    ),
    Block(
        "gallery",
        _("Thư viện ảnh"),
        "portal/blocks/gallery.html",
        _gallery,
        defaults={"visitor": 70, "parent": 70, "pupil": 70},
    ),
    Block("links", _("Liên kết website"), "portal/blocks/links.html", _links, width="6"),
)
BY_KEY = {block.key: block for block in BLOCKS}


def audience_of(user) -> str:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return HomeAudience.VISITOR
    return {"pupil": HomeAudience.PUPIL, "parent": HomeAudience.PARENT}.get(
        user.role, HomeAudience.STAFF
    )


def placements() -> dict[tuple[str, str], tuple[bool, int]]:
    """(block, audience) -> (shown, position) for every registered block and every
    audience it may take, editors' rows over the defaults. One query."""
    rows = {
        (row.block, row.audience): (row.is_shown, row.position)
        for row in HomeBlockPlacement.objects.all()
    }
    result = {}
    for block in BLOCKS:
        for audience in block.audiences:
            default = block.defaults.get(audience)
            fallback = (default is not None, default if default is not None else 0)
            result[(block.key, audience)] = rows.get((block.key, audience), fallback)
    return result


def _build() -> Layout:
    """Two queries: the placements and the featured article's id."""
    order: dict[str, list[str]] = {audience: [] for audience in AUDIENCES}
    ranked: dict[str, list[tuple[int, int, str]]] = {audience: [] for audience in AUDIENCES}
    index = {block.key: i for i, block in enumerate(BLOCKS)}
    for (key, audience), (shown, position) in placements().items():
        if shown:
            ranked[audience].append((position, index[key], key))
    for audience, entries in ranked.items():
        order[audience] = [key for _position, _index, key in sorted(entries)]
    feature = HomeFeature.objects.filter(pk=1).values_list("article_id", flat=True).first()
    return Layout(order=order, featured_article_id=feature)


def layout() -> Layout:
    cached = cache.get(CACHE_KEY)
    if cached is None:
        cached = _build()
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def invalidate() -> None:
    """Forget the cached layout now and again once the change is committed (a reader
    between the two would otherwise cache the old layout until it expires)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def compose(request: HttpRequest) -> list[dict]:
    """The blocks for the person reading, in their audience's order: each a dict with
    the block's template, width and its loader's context. Blocks with nothing to show
    are left out."""
    current = layout()
    sections = []
    for key in current.order[audience_of(request.user)]:
        block = BY_KEY.get(key)
        if block is None:
            continue
        context = block.load(request, current)
        if context:
            sections.append(
                {"template": block.template, "width": block.width, "key": key, **context}
            )
    return sections
