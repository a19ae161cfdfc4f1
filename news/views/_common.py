"""Helpers the news views share: who may read or write an article, paging, the file CSP."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import services
from ..models import Article

PAGE_SIZE = 12


# --- access helpers ---------------------------------------------------------------


def get_article_for_reader(user, slug: str) -> Article:
    article = (
        Article.objects.visible_to(user)
        .select_related("author", "category")
        .filter(slug=slug)
        .first()
    )
    if article is None:
        raise Http404
    return article


def _require_writer(user) -> None:
    if not services.can_write(user):
        raise PermissionDenied


def _require_editor(user) -> None:
    if not (services.can_write(user) and user.can_publish):
        raise PermissionDenied


def get_article_for_writer(user, pk: int) -> Article:
    """Editors reach every article; a teacher only their own. Others: 404."""
    _require_writer(user)
    articles = Article.objects.select_related("author", "category")
    if not user.can_publish:
        articles = articles.filter(author=user)
    return get_object_or_404(articles, pk=pk)


def _paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# Files are shown by the browser's own viewer (PDF): nothing of ours runs in them.
FILE_CSP = {"default-src": ["'none'"], "object-src": ["'self'"], "frame-ancestors": ["'self'"]}
