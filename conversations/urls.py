from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("", views.conversation_index, name="index"),
    path("moi/<int:pupil_id>/", views.conversation_start, name="start"),
    path("<int:pk>/", views.conversation_detail, name="detail"),
    path("<int:pk>/tra-loi/", views.conversation_reply, name="reply"),
    path("<int:pk>/xem-xet/", views.conversation_review, name="review"),
    path("tin/<int:pk>/thu-hoi/", views.message_withdraw, name="withdraw"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("lop/<int:pk>/", views.class_detail, name="class_detail"),
    path("lop/<int:pk>/nghi-hoc/ngay/", views.absence_day, name="absence_day"),
    path("lop/<int:pk>/nghi-hoc/thang/", views.absence_month, name="absence_month"),
    path("gio-tiep-phu-huynh/", views.office_hours, name="office_hours"),
    path("nghi-hoc/", views.absence_list, name="absence_list"),
    path("nghi-hoc/moi/<int:pupil_id>/", views.absence_create, name="absence_create"),
    path("nghi-hoc/<int:pk>/da-nhan/", views.absence_acknowledge, name="absence_acknowledge"),
    path("nghi-hoc/toan-truong/", views.absence_school, name="absence_school"),
]
