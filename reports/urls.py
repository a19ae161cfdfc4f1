from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("tai/<str:fmt>/", views.report_export, name="report_export"),
    path("bang/<slug:table>.csv", views.report_csv, name="report_csv"),
    path("phat-hanh/", views.report_issue, name="report_issue"),
    path("da-phat-hanh/", views.issued_list, name="issued_list"),
    path("da-phat-hanh/<int:pk>/", views.issued_detail, name="issued_detail"),
    path("da-phat-hanh/<int:pk>/tai/<str:fmt>/", views.issued_export, name="issued_export"),
    path("da-phat-hanh/<int:pk>/bang/<slug:table>.csv", views.issued_csv, name="issued_csv"),
    path("tong-quan/", views.admin_overview, name="overview"),
    path("ban-tin-tuan/", views.weekly_index, name="weekly_index"),
    path("ban-tin-tuan/lop/<int:pk>/", views.weekly_class, name="weekly_class"),
    path("ban-tin-tuan/tat-ca/", views.weekly_all, name="weekly_all"),
]
