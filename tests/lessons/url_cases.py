from lessons import services

from ..url_matrix import ALL_FAMILY, ALL_STAFF, Case, logged_in, only
from . import factories

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

    given_5a = factories.give(
        factories.lesson(author=teacher, title="Bài của lớp 5A", publish_by=editor, assign=False),
        by=teacher,
        audience=f"class:{personas.class_5a.pk}:pupil",
    )

    quiz_takers = ("pupil_an", "pupil_binh")
    submit_quiz = only(quiz_takers, ok=302, denied=FORBIDDEN)
    return {
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
            "/bai-hoc/cua-toi/", only(ALL_STAFF + quiz_takers) | dict.fromkeys(PARENTS, FORBIDDEN)
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
    }
