from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from django.views.static import serve

from . import views

admin.site.site_header = settings.SCHOOL_NAME
admin.site.site_title = settings.SCHOOL_NAME

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("tai-khoan/", include("allauth.urls")),
    path("quan-tri/", admin.site.urls),
    path("thong-bao-ca-nhan/", include("notifications.urls")),
    path("nguoi-dung/", include("accounts.urls")),
    path("dien-dan/", include("forum.urls")),
    path("thong-bao/", include("announcements.urls")),
    path("", include("news.urls")),
]

if settings.DEBUG:
    # In production nginx serves media; uploads that need access checks go through app views.
    urlpatterns.append(
        path("media/<path:path>", login_not_required(serve), {"document_root": settings.MEDIA_ROOT})
    )

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"
