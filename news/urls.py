from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "news"


@login_not_required
def sitemap(request):
    return sitemap_view(request, sitemaps=SITEMAPS)


urlpatterns = [
    path("tin-tuc/", views.news_index, name="news_index"),
    path("huong-dan/", views.guidance_index, name="guidance_index"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category"),
    path(
        "chuyen-muc/<slug:slug>/rss/", login_not_required(feeds.CategoryFeed()), name="category_rss"
    ),
    path(
        "chuyen-muc/<slug:slug>/atom/",
        login_not_required(feeds.CategoryAtom()),
        name="category_atom",
    ),
    path("rss/", login_not_required(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("atom/", login_not_required(feeds.LatestArticlesAtom()), name="feed_atom"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("bai-viet/<slug:slug>/", views.article_detail, name="article_detail"),
    path("bai-viet/<slug:slug>/ban-in/", views.article_print, name="article_print"),
    path("bai-viet/<slug:slug>/danh-gia/", views.article_rate, name="article_rate"),
    path("bai-viet/<slug:slug>/bao-loi/", views.article_report, name="article_report"),
    path("tep-dinh-kem/<int:pk>/", views.attachment_download, name="attachment"),
    path("tep-dinh-kem/<int:pk>/xoa/", views.attachment_delete, name="attachment_delete"),
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/them/", views.document_form, name="document_create"),
    path("van-ban/<slug:slug>/sua/", views.document_form, name="document_edit"),
    path("van-ban/<slug:slug>/", views.document_detail, name="document_detail"),
    path("van-ban/<slug:slug>/tep/", views.document_file, name="document_file"),
    path("viet-bai/", views.my_articles, name="my_articles"),
    path("viet-bai/moi/", views.article_create, name="article_create"),
    path("viet-bai/tai-anh/", views.image_upload, name="image_upload"),
    path("viet-bai/<int:pk>/sua/", views.article_edit, name="article_edit"),
    path("viet-bai/<int:pk>/xem-truoc/", views.article_preview, name="article_preview"),
    path("viet-bai/<int:pk>/gui-duyet/", views.article_submit, name="article_submit"),
    path("viet-bai/<int:pk>/xuat-ban/", views.article_publish, name="article_publish"),
    path("viet-bai/<int:pk>/tra-lai/", views.article_return, name="article_return"),
    path("viet-bai/<int:pk>/luu-tru/", views.article_archive, name="article_archive"),
    path("viet-bai/<int:pk>/phien-ban/", views.article_revisions, name="article_revisions"),
    path(
        "viet-bai/<int:pk>/phien-ban/<int:revision_pk>/",
        views.revision_diff,
        name="revision_diff",
    ),
    path(
        "viet-bai/<int:pk>/phien-ban/<int:revision_pk>/khoi-phuc/",
        views.revision_restore,
        name="revision_restore",
    ),
    path("duyet-bai/", views.review_queue, name="review_queue"),
]
