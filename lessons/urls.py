from django.urls import path

from . import assignment_views, views

app_name = "lessons"
urlpatterns = [
    path("", views.lesson_list, name="lesson_list"),
    path("cua-toi/", views.my_lessons, name="my_lessons"),
    path("soan/", views.lesson_add, name="lesson_add"),
    path("soan/<int:pk>/", views.lesson_edit, name="lesson_edit"),
    path("soan/<int:pk>/them-phan/", views.section_add, name="section_add"),
    path("soan/<int:pk>/them-cau-hoi/", views.question_add, name="question_add"),
    path("soan/<int:pk>/gui-duyet/", views.lesson_submit, name="lesson_submit"),
    path("soan/<int:pk>/xuat-ban/", views.lesson_publish, name="lesson_publish"),
    path("soan/<int:pk>/tra-lai/", views.lesson_return, name="lesson_return"),
    path("phan/<int:pk>/sua/", views.section_edit, name="section_edit"),
    # Assignments and progress (issue 11); "giao" and "lop" are reserved slugs.
    path("giao/", assignment_views.assign, name="assign"),
    path("giao/<int:pk>/", assignment_views.assignment_edit, name="assignment_edit"),
    path("lop/", assignment_views.class_list, name="class_list"),
    path("lop/<int:pk>/", assignment_views.class_page, name="class_progress"),
    path("lop/<int:pk>/nhac/", assignment_views.class_remind, name="class_remind"),
    path(
        "lop/<int:pk>/tien-do.xlsx",
        assignment_views.class_export,
        {"fmt": "xlsx"},
        name="class_xlsx",
    ),
    path(
        "lop/<int:pk>/tien-do.csv", assignment_views.class_export, {"fmt": "csv"}, name="class_csv"
    ),
    path("<slug:slug>/doc/<int:number>/", assignment_views.section_read, name="section_read"),
    path("<slug:slug>/", views.lesson_detail, name="lesson_detail"),
    path("<slug:slug>/nop-bai/", views.quiz_submit, name="quiz_submit"),
    path("<slug:slug>/ket-qua/<int:pk>/", views.attempt_result, name="attempt_result"),
]
