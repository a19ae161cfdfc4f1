"""Helpers the news views share: paging and the file CSP. Access lives in news/access.py."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 12


def _paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# Files are shown by the browser's own viewer (PDF): nothing of ours runs in them.
FILE_CSP = {"default-src": ["'none'"], "object-src": ["'self'"], "frame-ancestors": ["'self'"]}
