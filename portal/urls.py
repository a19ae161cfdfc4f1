from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from django.views.static import serve

from accounts.views import sign_in

from . import channel_views, gallery_views, pwa_views, site_views, views

admin.site.site_header = settings.SCHOOL_NAME
admin.site.site_title = settings.SCHOOL_NAME
# The admin's own login form checks the password alone (no second factor, no rate
# limit): its address sends people to the site's login instead, and back after it.
admin.site.login = sign_in.admin_login  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages without a <link rel="icon"> (feeds, print views).
    path(
        "favicon.ico",
        login_not_required(
            RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.svg", permanent=True)
        ),
        name="favicon",
    ),
    # The installable web app: the service worker must be at the root to control every page.
    path("manifest.webmanifest", pwa_views.manifest, name="manifest"),
    path("sw.js", pwa_views.service_worker, name="service_worker"),
    path("ngoai-tuyen/", pwa_views.offline, name="offline"),
    path("trang/<slug:slug>/", views.page_detail, name="page_detail"),
    path("lich-cong-tac/", views.calendar_week, name="calendar_week"),
    path("lich-cong-tac/lich.ics", views.calendar_feed, name="calendar_feed"),
    path("lich-cong-tac/them/", views.event_edit, name="event_add"),
    path("lich-cong-tac/<int:pk>/sua/", views.event_edit, name="event_edit"),
    path("lich-cong-tac/<int:pk>/xoa/", views.event_delete, name="event_delete"),
    path("tim-kiem/", views.site_search, name="search"),
    path("hoi-dap/", views.faq, name="faq"),
    path("hoi-dap/quan-ly/", views.faq_manage, name="faq_manage"),
    path("hoi-dap/them/", views.faq_edit, name="faq_add"),
    path("hoi-dap/<int:pk>/sua/", views.faq_edit, name="faq_edit"),
    path("lien-he/", views.contact, name="contact"),
    path("lien-he/cam-on/", views.contact_thanks, name="contact_thanks"),
    path("lien-he/thu-den/", views.contact_messages, name="contact_list"),
    path(
        "lien-he/thu-den/<int:pk>/trang-thai/", channel_views.contact_status, name="contact_status"
    ),
    path("chan-trang/", views.footer_fragment, name="footer_fragment"),
    path("sap-xep/menu/", site_views.menu_manage, name="menu_manage"),
    path("sap-xep/menu/them/", site_views.menu_item_edit, name="menu_item_add"),
    path("sap-xep/menu/<int:pk>/sua/", site_views.menu_item_edit, name="menu_item_edit"),
    path("sap-xep/menu/<int:pk>/di-chuyen/", site_views.menu_item_move, name="menu_item_move"),
    path("sap-xep/menu/<int:pk>/xoa/", site_views.menu_item_delete, name="menu_item_delete"),
    path("sap-xep/trang-nhat/", site_views.home_layout, name="home_blocks"),
    path("ho-tro/", channel_views.support, name="support"),
    path("ho-tro/sua/", channel_views.support_edit, name="support_edit"),
    path("ung-dung/", channel_views.app_links_manage, name="app_links_manage"),
    path("ung-dung/them/", channel_views.app_link_edit, name="app_link_add"),
    path("ung-dung/<int:pk>/sua/", channel_views.app_link_edit, name="app_link_edit"),
    path("ung-dung/<int:pk>/xoa/", channel_views.app_link_delete, name="app_link_delete"),
    path("kenh-chinh-thuc/", channel_views.official_channels, name="official_channels"),
    path("kenh-chinh-thuc/cam-on/", channel_views.fake_page_thanks, name="fake_page_thanks"),
    path("kenh-chinh-thuc/bao-cao/", channel_views.fake_page_reports, name="fake_page_reports"),
    path(
        "kenh-chinh-thuc/bao-cao/<int:pk>/trang-thai/",
        channel_views.fake_page_status,
        name="fake_page_status",
    ),
    path("nguon-tin/", channel_views.feeds_manage, name="feeds_manage"),
    path("nguon-tin/<int:pk>/sua/", channel_views.feed_edit, name="feed_edit"),
    path("nguon-tin/<int:pk>/xoa/", channel_views.feed_delete, name="feed_delete"),
    path("lich-cong-tac/lich-rieng/", channel_views.private_calendar, name="private_calendar"),
    path(
        "lich-cong-tac/lich-rieng/tao-moi/",
        channel_views.private_calendar_renew,
        name="private_calendar_renew",
    ),
    path(
        "lich-cong-tac/lich-rieng/thu-hoi/",
        channel_views.private_calendar_revoke,
        name="private_calendar_revoke",
    ),
    path(
        "lich-cong-tac/rieng/<str:token>.ics",
        channel_views.private_calendar_feed,
        name="private_calendar_feed",
    ),
    path("thu-vien-anh/", gallery_views.album_list, name="album_list"),
    path("thu-vien-anh/them/", gallery_views.album_add, name="album_add"),
    path("thu-vien-anh/<slug:slug>/", gallery_views.album_detail, name="album_detail"),
    path("thu-vien-anh/<slug:slug>/tai-anh/", gallery_views.photos_add, name="photos_add"),
    path("thu-vien-anh/anh/<int:pk>/xoa/", gallery_views.photo_delete, name="photo_delete"),
    path("thu-vien-anh/anh/<int:pk>/<str:size>/", gallery_views.photo_file, name="photo_file"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("tai-khoan/", include("allauth.urls")),
    path("quan-tri/", admin.site.urls),
    path("thong-bao-ca-nhan/", include("notifications.urls")),
    path("nguoi-dung/", include("accounts.urls")),
    path("bai-hoc/", include("lessons.urls")),
    path("dien-dan/", include("forum.urls")),
    path("bao-cao/", include("reports.urls")),
    # The parent's page composes announcements and the forum, so the roof serves it,
    # under the announcements' address that parents have bookmarked.
    path("thong-bao/gia-dinh/", views.family_home, name="family_home"),
    path("thong-bao/", include("announcements.urls")),
    path("tin-nhan/", include("conversations.urls")),
    path("", include("news.urls")),
]

if settings.DEBUG or settings.DEMO:
    # In production nginx serves media; uploads that need access checks go through app views.
    urlpatterns.append(
        path("media/<path:path>", login_not_required(serve), {"document_root": settings.MEDIA_ROOT})
    )

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"
