from django.urls import path

from . import survey_views, views

app_name = "announcements"
urlpatterns = [
    path("", views.announcement_list, name="list"),
    path("viet/", views.announcement_create, name="create"),
    path("viet/nguoi-nhan/", views.audience_summary, name="audience_summary"),
    path("da-gui/", views.announcement_sent, name="sent"),
    path("<int:pk>/", views.announcement_detail, name="detail"),
    path("<int:pk>/xac-nhan/", views.announcement_confirm, name="confirm"),
    path("<int:pk>/tep/<int:attachment_id>/", views.announcement_attachment, name="attachment"),
    path("<int:pk>/tinh-trang/", views.read_status, name="read_status"),
    path("<int:pk>/tinh-trang/in/", views.read_status_print, name="read_status_print"),
    path("<int:pk>/nhac-lai/", views.announcement_remind, name="remind"),
    path("<int:pk>/go/", views.announcement_withdraw, name="withdraw"),
    path("phieu/moi/", survey_views.survey_create, name="survey_create"),
    path("<int:pk>/phieu/them/", survey_views.survey_attach, name="survey_attach"),
    path("phieu/<int:pk>/", survey_views.survey_answer, name="survey_answer"),
    path("phieu/<int:pk>/ket-qua/", survey_views.survey_results, name="survey_results"),
    path(
        "phieu/<int:pk>/ket-qua/in/", survey_views.survey_pending_print, name="survey_pending_print"
    ),
    path("phieu/<int:pk>/nhac/", survey_views.survey_remind, name="survey_remind"),
    path("phieu/<int:pk>/han/", survey_views.survey_deadline, name="survey_deadline"),
    path("phieu/<int:pk>/xlsx/", survey_views.survey_export, name="survey_export"),
]
