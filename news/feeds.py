"""RSS 2.0 and Atom feeds, site-wide and per category. Public articles only."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Article, Category
from .selectors import category_tree, descendant_ids

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = settings.SCHOOL_NAME
    description = _("Tin tức và hướng dẫn mới nhất của nhà trường")

    def link(self):
        return reverse("news:news_index")

    def items(self):
        return Article.objects.public().select_related("author").newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body_text[:400]

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        # Feeds are public: a pupil contributor's name never leaves the school.
        return str(item.author) if item.author.is_school_staff else settings.SCHOOL_NAME


class LatestArticlesAtom(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return f"{obj.name} – {settings.SCHOOL_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        ids = descendant_ids(obj, category_tree())
        return (
            Article.objects.public()
            .filter(category__in=ids)
            .select_related("author")
            .newest_first()[:FEED_SIZE]
        )


class CategoryAtom(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
