from django.urls import path

from . import quiz_views, views

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
    # The quiz: one question per screen, drafts, recordings, pictures; writing questions.
    path("cau-hoi/<int:pk>/nghe/", quiz_views.question_audio, name="question_audio"),
    path("cau-hoi/<int:pk>/sua/", quiz_views.question_edit, name="question_edit"),
    path("cau-hoi/<int:pk>/xoa/", quiz_views.question_delete, name="question_delete"),
    path("cau-hoi/<int:pk>/chuyen/", quiz_views.question_move, name="question_move"),
    path("dap-an/<int:pk>/anh/", quiz_views.choice_image, name="choice_image"),
    path("<slug:slug>/lam-bai/<int:number>/", quiz_views.quiz_step, name="quiz_step"),
    path("<slug:slug>/lam-bai/nop/", quiz_views.quiz_finish, name="quiz_finish"),
    path("<slug:slug>/luu-nhap/", quiz_views.quiz_save, name="quiz_save"),
    # (end of the quiz block)
    path("<slug:slug>/", views.lesson_detail, name="lesson_detail"),
    path("<slug:slug>/nop-bai/", views.quiz_submit, name="quiz_submit"),
    path("<slug:slug>/ket-qua/<int:pk>/", views.attempt_result, name="attempt_result"),
]
