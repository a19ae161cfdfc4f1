"""What other parts of the portal read from news: the home section and nav badges."""

from django.db.models import Prefetch

from .counters import maybe_flush, with_pending
from .models import Article, Category, Document, Kind, Status


def category_tree() -> dict[int, Category]:
    """Every category by id (one query; the tree is small)."""
    return {category.pk: category for category in Category.objects.all()}


def ancestors(category: Category, tree: dict[int, Category]) -> list[Category]:
    """[root, …, category] using the in-memory tree (no query)."""
    chain = []
    seen = set()
    current: Category | None = category
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = tree.get(current.parent_id) if current.parent_id is not None else None
    return list(reversed(chain))


def descendant_ids(category: Category, tree: dict[int, Category]) -> list[int]:
    children: dict[int | None, list[int]] = {}
    for item in tree.values():
        children.setdefault(item.parent_id, []).append(item.pk)
    result, stack = [], [category.pk]
    while stack:
        pk = stack.pop()
        if pk in result:
            continue
        result.append(pk)
        stack.extend(children.get(pk, []))
    return result


def latest(user, *, limit: int = 5, kind: str | None = None, exclude: int | None = None):
    articles = Article.objects.visible_to(user).select_related("category").newest_first()
    if kind:
        articles = articles.filter(kind=kind)
    if exclude:
        articles = articles.exclude(pk=exclude)
    fields = ("title", "slug", "summary", "publish_at", "kind", "category__name", "category__slug")
    pictures = ("featured_image", "featured_alt", "renditions")
    return list(articles.only(*fields, *pictures)[:limit])


def most_read(user, *, limit: int = 5):
    maybe_flush()
    articles = list(
        Article.objects.visible_to(user)
        .order_by("-view_count", "-publish_at")
        .only("title", "slug", "publish_at", "view_count")[:limit]
    )
    with_pending(articles)
    return articles


def home_section(request) -> dict | None:
    """Latest news, latest guidance and latest documents for the home page (3–4 queries)."""
    user = request.user
    news = latest(user, limit=6, kind=Kind.NEWS)
    guidance = latest(user, limit=4, kind=Kind.GUIDANCE)
    documents = list(Document.objects.visible_to(user).order_by("-issued_on", "-id")[:5])
    if not (news or guidance or documents):
        return None
    return {
        "template": "news/_home_section.html",
        "width": "12",
        "news": news,
        "guidance": guidance,
        "documents": documents,
    }


def navigation_counts(request) -> dict[str, int]:
    """Submissions waiting for editors: one COUNT query, only for editors."""
    user = request.user
    if not (user.is_school_staff and user.can_publish):
        return {}
    return {"news_review": Article.objects.filter(status=Status.SUBMITTED).count()}


def with_attachments(queryset):
    from .models import Attachment

    return queryset.prefetch_related(Prefetch("attachments", queryset=Attachment.objects.all()))
