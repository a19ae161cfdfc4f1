from lessons import services, training

from ..url_matrix import ALL_FAMILY, ALL_STAFF, Case, logged_in, only
from . import factories

FORBIDDEN = 403
WRITERS_OF_THE_DRAFT = ("teacher_5a", "editor", "admin")  # its author and the editors


def _writing(allowed=WRITERS_OF_THE_DRAFT, *, ok=200):
    """Family 403 (never write lessons), `allowed` ok, other staff 404 (not their lesson)."""
    result = only(allowed, ok=ok, denied=404)
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

    training_cases = _training_cases(personas)

    quiz_takers = ("pupil_an", "pupil_binh")
    submit_quiz = only(quiz_takers, ok=302, denied=FORBIDDEN)
    return training_cases | {
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
        "lessons:my_lessons": Case("/bai-hoc/cua-toi/", _writing(ALL_STAFF)),
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
