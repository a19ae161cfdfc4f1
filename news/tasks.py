"""Background work for news: image renditions and the view-count flush."""

import os

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.tasks import task

from lib.images import RENDITION_WIDTHS, make_rendition

from .counters import flush_pending_views
from .models import Article


@task
def make_article_renditions(article_id: int) -> None:
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not article.featured_image:
        return
    with article.featured_image.open("rb") as handle:
        data = handle.read()
    base = os.path.splitext(article.featured_image.name or "")[0]
    renditions = {}
    for width in RENDITION_WIDTHS:
        name = default_storage.save(
            f"{base}_{width}.webp", ContentFile(make_rendition(data, width))
        )
        renditions[str(width)] = name
    Article.objects.filter(pk=article_id).update(renditions=renditions)


@task
def flush_view_counts() -> int:
    return flush_pending_views()
