from django.contrib.sitemaps import Sitemap

from .models import Article, Category, Document


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.public().only("slug", "updated_at").order_by("-publish_at", "-id")

    def lastmod(self, item):
        return item.updated_at


class DocumentSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Document.objects.public().only("slug", "issued_on").order_by("-issued_on", "-id")


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.all()


SITEMAPS = {"articles": ArticleSitemap, "documents": DocumentSitemap, "categories": CategorySitemap}
