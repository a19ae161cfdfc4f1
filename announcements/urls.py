from django.urls import path

from . import views

app_name = "announcements"
urlpatterns = [
    path("", views.announcement_list, name="list"),
    path("viet/", views.announcement_create, name="create"),
    path("da-gui/", views.announcement_sent, name="sent"),
    path("<int:pk>/", views.announcement_detail, name="detail"),
    path("<int:pk>/xac-nhan/", views.announcement_confirm, name="confirm"),
    path("<int:pk>/tep/<int:attachment_id>/", views.announcement_attachment, name="attachment"),
    path("<int:pk>/tinh-trang/", views.read_status, name="read_status"),
    path("<int:pk>/tinh-trang/in/", views.read_status_print, name="read_status_print"),
    path("<int:pk>/nhac-lai/", views.announcement_remind, name="remind"),
    path("<int:pk>/go/", views.announcement_withdraw, name="withdraw"),
]
