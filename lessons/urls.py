from django.urls import path

from . import assignment_views, authoring_views, quiz_views, training_views, views

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
    # --- authoring and the lesson's files (authoring_views) ---
    path("soan/<int:pk>/anh-bia/", authoring_views.lesson_cover, name="lesson_cover"),
    path("soan/<int:pk>/xem-truoc/", authoring_views.lesson_preview, name="lesson_preview"),
    path("soan/<int:pk>/phien-ban/", authoring_views.lesson_revisions, name="lesson_revisions"),
    path("phan/<int:pk>/xoa/", authoring_views.section_delete, name="section_delete"),
    path("phan/<int:pk>/len/", authoring_views.section_up, name="section_up"),
    path("phan/<int:pk>/xuong/", authoring_views.section_down, name="section_down"),
    path("phieu/<int:pk>/xoa/", authoring_views.worksheet_delete, name="worksheet_delete"),
    path("tep/bia/<int:pk>/", authoring_views.cover_file, name="cover_file"),
    path("tep/phan/<int:pk>/video/", authoring_views.section_video, name="section_video"),
    path("tep/phan/<int:pk>/anh/", authoring_views.section_poster, name="section_poster"),
    path("tep/phan/<int:pk>/nghe/", authoring_views.section_audio, name="section_audio"),
    path("tep/phieu/<int:pk>/", authoring_views.worksheet_file, name="worksheet_file"),
    # --- end of authoring ---
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
