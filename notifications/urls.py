from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/mo/", views.notification_open, name="open"),
    path("<int:pk>/da-xem/", views.notification_mark_read, name="mark_read"),
    path("da-xem-het/", views.notification_mark_all_read, name="mark_all_read"),
    path("cai-dat/", views.preferences, name="preferences"),
    path("thiet-bi/bat/", views.push_subscribe, name="push_subscribe"),
    path("thiet-bi/tat/", views.push_unsubscribe, name="push_unsubscribe"),
    path("huy-dang-ky/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
