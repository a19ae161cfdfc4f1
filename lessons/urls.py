from django.urls import path

from . import views

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
    path("<slug:slug>/", views.lesson_detail, name="lesson_detail"),
    path("<slug:slug>/nop-bai/", views.quiz_submit, name="quiz_submit"),
    path("<slug:slug>/ket-qua/<int:pk>/", views.attempt_result, name="attempt_result"),
]
