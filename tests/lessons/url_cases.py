from lessons import authoring, services, training

from ..url_matrix import ALL_FAMILY, ALL_STAFF, Case, logged_in, only
from . import factories, media

FORBIDDEN = 403
WRITERS_OF_THE_DRAFT = ("teacher_5a", "editor", "admin")  # its author and the editors
ASSIGNERS = ("teacher_5a", "other_teacher", "editor", "admin")  # a class, or everything
PARENTS = ("parent_an", "other_parent")


def _writing(allowed=WRITERS_OF_THE_DRAFT, *, ok=200):
    """Family 403 (never write lessons), `allowed` ok, other staff 404 (not their lesson)."""
    result = only(allowed, ok=ok, denied=404)
    result.update(dict.fromkeys(ALL_FAMILY, FORBIDDEN))
    return result


def _class_page(*, ok=200):
    """Class 5A's page: its homeroom teacher, editors and admins; other staff 404 (not
    their class); families 403 (a staff page)."""
    result = only(("teacher_5a", "editor", "admin"), ok=ok, denied=404)
    result.update(dict.fromkeys(ALL_FAMILY, FORBIDDEN))
    return result


def cases(personas) -> dict:
    teacher, editor = personas.teacher_5a, personas.editor
    published = factories.lesson(author=teacher, grades=(3, 5), publish_by=editor)
    for_little_ones = factories.lesson(
        author=teacher, title="Bài cho lớp 1", grades=(1, 2), publish_by=editor
    )
    draft = factories.lesson(author=teacher, title="Bản nháp của cô Hồng")
    section = draft.sections.get()
    to_submit = factories.lesson(author=teacher, title="Sẽ gửi duyệt")
    to_publish = factories.lesson(author=teacher, title="Chờ xuất bản")
    services.submit_lesson(lesson=to_publish, by=teacher)
    to_return = factories.lesson(author=teacher, title="Chờ trả lại")
    services.submit_lesson(lesson=to_return, by=teacher)
    attempt = services.submit_attempt(
        lesson=published,
        pupil=personas.pupil_an,
        answers={int(k[1:]): [int(v) for v in vs] for k, vs in factories.correct_answers(published).items()},
    )  # fmt: skip

    # --- authoring and files (lessons.authoring_views) ---
    with_files = published.sections.get()
    authoring.save_section_media(
        section=with_files,
        by=editor,
        video=media.upload("v.mp4", media.MP4),
        poster=media.upload("p.jpg", media.gps_jpeg()),
        audio=media.upload("a.mp3", media.MP3),
        worksheet=media.upload("phieu.pdf", media.PDF),
    )
    authoring.set_cover(
        lesson=published, by=editor, upload=media.upload("b.jpg", media.gps_jpeg()), alt=""
    )
    sheet = with_files.worksheets.get()
    to_delete = factories.lesson(author=teacher, title="Phần sẽ xoá", sections=2, quiz=False)
    doomed_section = to_delete.sections.first()
    draft_sheet_section = to_delete.sections.last()
    authoring.save_section_media(
        section=draft_sheet_section, by=teacher, worksheet=media.upload("x.pdf", media.PDF)
    )
    doomed_sheet = draft_sheet_section.worksheets.get()
    authoring.save_section_media(
        section=section, by=teacher, worksheet=media.upload("nhap.pdf", media.PDF)
    )
    draft_sheet = section.worksheets.get()
    # The author deletes first (personas run in order), so the editors then find nothing.
    deleted_by_author = _writing(("teacher_5a",), ok=302)
    given_5a = factories.give(
        factories.lesson(author=teacher, title="Bài của lớp 5A", publish_by=editor, assign=False),
        by=teacher,
        audience=f"class:{personas.class_5a.pk}:pupil",
    )

    quiz_takers = ("pupil_an", "pupil_binh")
    submit_quiz = only(quiz_takers, ok=302, denied=FORBIDDEN)
    # Issue 11: a published lesson with pictures and a recording, and a draft one.
    kids = factories.kids_lesson(author=teacher, grades=(3, 5), publish_by=editor, title="Có ảnh")
    kids_draft = factories.kids_lesson(author=teacher, title="Nháp có ảnh")
    heard, heard_draft = kids.questions.first(), kids_draft.questions.first()
    to_delete, to_move = kids_draft.questions.all()[2], kids_draft.questions.all()[1]
    draft_readers = only(("teacher_5a", "editor", "admin"))  # the author and the editors
    quiz_cases = {
        "lessons:quiz_step": [
            Case(f"/bai-hoc/{kids.slug}/lam-bai/1/", only(quiz_takers, denied=FORBIDDEN)),
            Case(
                f"/bai-hoc/{for_little_ones.slug}/lam-bai/1/",
                only((), denied=404) | dict.fromkeys(ALL_STAFF, FORBIDDEN),
            ),
        ],
        # Nothing answered yet: sent to the first question.
        "lessons:quiz_finish": Case(
            f"/bai-hoc/{kids.slug}/lam-bai/nop/", submit_quiz, method="post"
        ),
        "lessons:quiz_save": Case(f"/bai-hoc/{kids.slug}/luu-nhap/", submit_quiz, method="post"),
        "lessons:question_audio": [
            Case(f"/bai-hoc/cau-hoi/{heard.pk}/nghe/", logged_in()),
            Case(f"/bai-hoc/cau-hoi/{heard_draft.pk}/nghe/", draft_readers),
        ],
        "lessons:choice_image": [
            Case(f"/bai-hoc/dap-an/{heard.choices.first().pk}/anh/", logged_in()),
            Case(f"/bai-hoc/dap-an/{heard_draft.choices.first().pk}/anh/", draft_readers),
        ],
        "lessons:question_edit": Case(f"/bai-hoc/cau-hoi/{heard_draft.pk}/sua/", _writing()),
        # The author deletes it first; for the editors who come next it is gone.
        "lessons:question_delete": Case(
            f"/bai-hoc/cau-hoi/{to_delete.pk}/xoa/",
            _writing(ok=302) | {"editor": 404, "admin": 404},
            method="post",
        ),
        "lessons:question_move": Case(
            f"/bai-hoc/cau-hoi/{to_move.pk}/chuyen/",
            _writing(ok=302),
            method="post",
            data={"direction": "up"},
        ),
    }
    training_cases = _training_cases(personas)
    return (
        quiz_cases
        | training_cases
        | {
            "lessons:lesson_list": Case("/bai-hoc/", logged_in()),
            "lessons:lesson_detail": [
                Case(published.get_absolute_url(), logged_in()),
                Case(for_little_ones.get_absolute_url(), only(ALL_STAFF)),
                Case(draft.get_absolute_url(), only(("teacher_5a",))),
            ],
            "lessons:quiz_submit": [
                Case(
                    f"/bai-hoc/{published.slug}/nop-bai/",
                    submit_quiz,
                    method="post",
                    data=factories.correct_answers(published),
                ),
                Case(
                    f"/bai-hoc/{for_little_ones.slug}/nop-bai/",
                    only((), denied=404) | dict.fromkeys(ALL_STAFF, FORBIDDEN),
                    method="post",
                    data=factories.correct_answers(for_little_ones),
                ),
            ],
            "lessons:attempt_result": Case(
                f"/bai-hoc/{published.slug}/ket-qua/{attempt.pk}/", only(("pupil_an",))
            ),
            # Staff: the lessons they write; pupils: "Bài học của em"; parents: their own page.
            "lessons:my_lessons": Case(
                "/bai-hoc/cua-toi/",
                only(ALL_STAFF + quiz_takers) | dict.fromkeys(PARENTS, FORBIDDEN),
            ),
            "lessons:section_read": [
                Case(f"/bai-hoc/{published.slug}/doc/1/", logged_in()),
                Case(f"/bai-hoc/{published.slug}/doc/2/", only(())),  # it has one section
                Case(f"/bai-hoc/{for_little_ones.slug}/doc/1/", only(ALL_STAFF)),
            ],
            # Giving lessons: homeroom teachers (their class), editors and admins; the
            # collaborator has no class (403), families never (403).
            "lessons:assign": Case(
                "/bai-hoc/giao/",
                only(ASSIGNERS, denied=FORBIDDEN),
            ),
            "lessons:assignment_edit": Case(f"/bai-hoc/giao/{given_5a.pk}/", _class_page()),
            "lessons:class_list": Case("/bai-hoc/lop/", _writing(ALL_STAFF)),
            "lessons:class_progress": Case(f"/bai-hoc/lop/{personas.class_5a.pk}/", _class_page()),
            "lessons:class_xlsx": Case(
                f"/bai-hoc/lop/{personas.class_5a.pk}/tien-do.xlsx", _class_page()
            ),
            "lessons:class_csv": Case(
                f"/bai-hoc/lop/{personas.class_5a.pk}/tien-do.csv", _class_page()
            ),
            "lessons:class_remind": Case(
                f"/bai-hoc/lop/{personas.class_5a.pk}/nhac/",
                _class_page(ok=302),
                method="post",
                data={"lesson": given_5a.lesson_id},
            ),
            "lessons:lesson_add": Case("/bai-hoc/soan/", _writing(ALL_STAFF)),
            "lessons:lesson_edit": Case(f"/bai-hoc/soan/{draft.pk}/", _writing()),
            "lessons:section_add": Case(f"/bai-hoc/soan/{draft.pk}/them-phan/", _writing()),
            "lessons:question_add": Case(f"/bai-hoc/soan/{draft.pk}/them-cau-hoi/", _writing()),
            "lessons:section_edit": Case(f"/bai-hoc/phan/{section.pk}/sua/", _writing()),
            "lessons:lesson_submit": Case(
                f"/bai-hoc/soan/{to_submit.pk}/gui-duyet/", _writing(ok=302), method="post"
            ),
            "lessons:lesson_publish": Case(
                f"/bai-hoc/soan/{to_publish.pk}/xuat-ban/",
                only(("editor", "admin"), ok=302, denied=FORBIDDEN),
                method="post",
            ),
            "lessons:lesson_return": Case(
                f"/bai-hoc/soan/{to_return.pk}/tra-lai/",
                only(("editor", "admin"), ok=302, denied=FORBIDDEN),
                method="post",
                data={"comment": "Thêm một câu hỏi nhé."},
            ),
            "lessons:lesson_cover": Case(f"/bai-hoc/soan/{draft.pk}/anh-bia/", _writing()),
            "lessons:lesson_preview": Case(f"/bai-hoc/soan/{draft.pk}/xem-truoc/", _writing()),
            "lessons:lesson_revisions": Case(f"/bai-hoc/soan/{draft.pk}/phien-ban/", _writing()),
            "lessons:section_up": Case(
                f"/bai-hoc/phan/{section.pk}/len/", _writing(ok=302), method="post"
            ),
            "lessons:section_down": Case(
                f"/bai-hoc/phan/{section.pk}/xuong/", _writing(ok=302), method="post"
            ),
            "lessons:section_delete": Case(
                f"/bai-hoc/phan/{doomed_section.pk}/xoa/", deleted_by_author, method="post"
            ),
            "lessons:worksheet_delete": Case(
                f"/bai-hoc/phieu/{doomed_sheet.pk}/xoa/", deleted_by_author, method="post"
            ),
            "lessons:cover_file": [
                Case(f"/bai-hoc/tep/bia/{published.pk}/", logged_in()),
                Case(f"/bai-hoc/tep/bia/{draft.pk}/", only((), denied=404)),  # no cover: 404
            ],
            "lessons:section_video": [
                Case(f"/bai-hoc/tep/phan/{with_files.pk}/video/", logged_in()),
                Case(f"/bai-hoc/tep/phan/{section.pk}/video/", only((), denied=404)),
            ],
            "lessons:section_poster": Case(f"/bai-hoc/tep/phan/{with_files.pk}/anh/", logged_in()),
            "lessons:section_audio": Case(f"/bai-hoc/tep/phan/{with_files.pk}/nghe/", logged_in()),
            "lessons:worksheet_file": [
                Case(f"/bai-hoc/tep/phieu/{sheet.pk}/", logged_in()),
                # A draft's worksheet: its author and the editors (preview), nobody else.
                Case(f"/bai-hoc/tep/phieu/{draft_sheet.pk}/", only(WRITERS_OF_THE_DRAFT)),
            ],
        }
    )


PARENTS = ("parent_an", "other_parent")


def _admin_only() -> dict:
    """Administrators 200; other staff 403 (a page of a role they lack); families 404."""
    return only(("admin",)) | dict.fromkeys((p for p in ALL_STAFF if p != "admin"), FORBIDDEN)


def _training_cases(personas) -> dict:
    editor = personas.editor
    staff_module = factories.module(author=editor, publish_by=editor, title="Xử lý bắt nạt")
    rules = factories.module(
        author=editor, publish_by=editor, title="Nội quy", audience="staff_families", quiz=False
    )
    completed = factories.module(
        author=editor, publish_by=editor, title="Đã hoàn thành", quiz=False
    )
    training.confirm_module(lesson=completed, by=personas.teacher_5a)
    trainees = ALL_STAFF + PARENTS
    base = f"/bai-hoc/boi-duong/{staff_module.slug}/"
    return {
        "lessons:my_training": Case("/bai-hoc/boi-duong/", only(trainees)),
        "lessons:training_grid": Case("/bai-hoc/boi-duong/quan-ly/", _admin_only()),
        "lessons:module_detail": [
            Case(base, only(ALL_STAFF)),
            Case(rules.get_absolute_url(), only(trainees)),
        ],
        "lessons:module_quiz": Case(
            base + "nop-bai/",
            only(ALL_STAFF, ok=302),
            method="post",
            data=factories.correct_answers(staff_module),
        ),
        "lessons:module_confirm": Case(
            f"/bai-hoc/boi-duong/{rules.slug}/xac-nhan/", only(trainees, ok=302), method="post"
        ),
        "lessons:module_confirmations": Case(base + "danh-sach/", _admin_only()),
        # The regulation is empty in tests: the administrator is sent back with a message.
        "lessons:publish_regulation": Case(
            "/bai-hoc/boi-duong/quan-ly/quy-che/",
            _admin_only() | {"admin": 302},
            method="post",
        ),
        "lessons:module_remind": Case(
            base + "nhac/", _admin_only() | {"admin": 302}, method="post"
        ),
        # The person themself and administrators; nobody else learns it exists.
        "lessons:certificate": Case(
            f"/bai-hoc/boi-duong/{completed.slug}/chung-nhan/{personas.teacher_5a.pk}/",
            only(("teacher_5a", "admin")),
        ),
    }
