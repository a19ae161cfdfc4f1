from django.urls import path

from . import training_views, views

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
    # Staff training (training_views): before the lesson addresses, which take any slug.
    path("boi-duong/", training_views.my_training, name="my_training"),
    path("boi-duong/quan-ly/", training_views.training_grid, name="training_grid"),
    path(
        "boi-duong/quan-ly/quy-che/",
        training_views.publish_regulation,
        name="publish_regulation",
    ),
    path("boi-duong/<slug:slug>/", training_views.module_detail, name="module_detail"),
    path("boi-duong/<slug:slug>/nop-bai/", training_views.module_quiz, name="module_quiz"),
    path("boi-duong/<slug:slug>/xac-nhan/", training_views.module_confirm, name="module_confirm"),
    path(
        "boi-duong/<slug:slug>/danh-sach/",
        training_views.module_confirmations,
        name="module_confirmations",
    ),
    path("boi-duong/<slug:slug>/nhac/", training_views.module_remind, name="module_remind"),
    path(
        "boi-duong/<slug:slug>/chung-nhan/<int:person_pk>/",
        training_views.certificate,
        name="certificate",
    ),
    path("<slug:slug>/", views.lesson_detail, name="lesson_detail"),
    path("<slug:slug>/nop-bai/", views.quiz_submit, name="quiz_submit"),
    path("<slug:slug>/ket-qua/<int:pk>/", views.attempt_result, name="attempt_result"),
]
