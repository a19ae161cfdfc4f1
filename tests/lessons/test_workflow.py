"""Writing a lesson: who may write, submit, publish and return; sections are sanitised."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lessons import services
from lessons.models import Lesson, QuestionKind, Status

from . import factories


def test_only_staff_write_lessons(personas):
    for person in (personas.pupil_an, personas.parent_an):
        with pytest.raises(PermissionDenied):
            services.create_lesson(by=person, title="Bài", min_grade=1, max_grade=2)
    lesson = services.create_lesson(
        by=personas.teacher_5a, title="Mật khẩu an toàn", min_grade=1, max_grade=2
    )
    assert lesson.slug == "mat-khau-an-toan"
    assert lesson.status == Status.DRAFT


def test_grades_must_be_a_range_inside_primary_school(personas):
    for first, last in ((0, 2), (3, 6), (4, 2)):
        with pytest.raises(ValidationError):
            services.create_lesson(
                by=personas.teacher_5a, title="Bài", min_grade=first, max_grade=last
            )


def test_the_form_says_when_the_grades_are_the_wrong_way_round(personas, client_for):
    response = client_for("teacher_5a").post(
        "/bai-hoc/soan/", {"title": "Bài", "min_grade": 4, "max_grade": 2, "minutes": 10}
    )
    assert response.status_code == 200
    assert "Lớp đầu không được lớn hơn lớp cuối." in response.content.decode()
    assert not Lesson.objects.exists()


def test_a_teacher_writes_submits_and_an_editor_publishes(personas, client_for):
    teacher = client_for("teacher_5a")
    response = teacher.post(
        "/bai-hoc/soan/",
        {"title": "Người lạ trên mạng", "min_grade": 3, "max_grade": 5, "minutes": 15},
    )
    lesson = Lesson.objects.get()
    assert response["Location"] == f"/bai-hoc/soan/{lesson.pk}/"
    teacher.post(
        f"/bai-hoc/soan/{lesson.pk}/them-phan/",
        {"title": "Ai là người lạ?", "body": "<p>Người em chưa gặp.</p>"},
    )
    teacher.post(f"/bai-hoc/soan/{lesson.pk}/them-cau-hoi/", {
        "kind": QuestionKind.TRUE_FALSE, "text": "Người lạ trên mạng luôn là trẻ em.",
        "explanation": "Ai cũng có thể giả làm trẻ em.", "statement_is_true": "0",
    })  # fmt: skip
    assert [c.text for c in lesson.questions.get().choices.all()] == ["Đúng", "Sai"]
    teacher.post(f"/bai-hoc/soan/{lesson.pk}/gui-duyet/")
    lesson.refresh_from_db()
    assert lesson.status == Status.SUBMITTED
    assert teacher.post(f"/bai-hoc/soan/{lesson.pk}/xuat-ban/").status_code == 403
    client_for("editor").post(f"/bai-hoc/soan/{lesson.pk}/xuat-ban/")
    lesson.refresh_from_db()
    assert lesson.status == Status.PUBLISHED
    assert "Người lạ trên mạng" in client_for("pupil_an").get("/bai-hoc/").content.decode()


def test_an_editor_returns_a_lesson_with_a_comment_the_author_sees(personas, client_for):
    lesson = factories.lesson(author=personas.teacher_5a)
    services.submit_lesson(lesson=lesson, by=personas.teacher_5a)
    editor = client_for("editor")
    editor.post(f"/bai-hoc/soan/{lesson.pk}/tra-lai/", {"comment": ""})
    lesson.refresh_from_db()
    assert lesson.status == Status.SUBMITTED  # no comment, nothing returned
    editor.post(f"/bai-hoc/soan/{lesson.pk}/tra-lai/", {"comment": "Thêm một câu hỏi nhé."})
    lesson.refresh_from_db()
    assert lesson.status == Status.RETURNED
    assert (
        "Thêm một câu hỏi nhé."
        in client_for("teacher_5a").get("/bai-hoc/cua-toi/").content.decode()
    )


def test_a_lesson_without_sections_cannot_be_published(personas):
    lesson = factories.lesson(author=personas.teacher_5a, sections=0, quiz=False)
    with pytest.raises(ValidationError):
        services.publish_lesson(lesson=lesson, by=personas.editor)


def test_services_check_rights_themselves(personas):
    lesson = factories.lesson(author=personas.teacher_5a)
    with pytest.raises(PermissionDenied):
        services.add_section(lesson=lesson, by=personas.other_teacher, title="x", body="")
    with pytest.raises(PermissionDenied):
        services.submit_lesson(lesson=lesson, by=personas.other_teacher)
    with pytest.raises(PermissionDenied):
        services.publish_lesson(lesson=lesson, by=personas.teacher_5a)
    with pytest.raises(PermissionDenied):
        services.return_lesson(lesson=lesson, by=personas.collaborator, comment="Không")
    services.submit_lesson(lesson=lesson, by=personas.teacher_5a)
    with pytest.raises(PermissionDenied):  # a submitted lesson is the editors' now
        services.add_section(lesson=lesson, by=personas.teacher_5a, title="x", body="")


def test_section_text_is_sanitised(personas):
    lesson = factories.lesson(author=personas.teacher_5a, sections=0, quiz=False)
    section = services.add_section(
        lesson=lesson, by=personas.teacher_5a, title="Phần 1",
        body='<p onclick="alert(1)">Xin chào</p><script>alert(2)</script><a href="javascript:alert(3)">x</a>',
    )  # fmt: skip
    assert "Xin chào" in section.body
    for unsafe in ("onclick", "<script", "javascript:"):
        assert unsafe not in section.body


@pytest.mark.parametrize(
    ("kind", "choices", "code"),
    [
        (QuestionKind.ONE, [("A", True)], "choices"),
        (QuestionKind.ONE, [("A", True), ("B", True)], "correct"),
        (QuestionKind.ONE, [("A", False), ("B", False)], "correct"),
        (QuestionKind.SEVERAL, [("A", False), ("B", False), ("C", False)], "correct"),
        (QuestionKind.SEVERAL, [(str(i), True) for i in range(5)], "choices"),
        (QuestionKind.TRUE_FALSE, [], "correct"),
    ],
)
def test_questions_need_sensible_choices(personas, kind, choices, code):
    lesson = factories.lesson(author=personas.teacher_5a, quiz=False)
    with pytest.raises(ValidationError) as error:
        services.add_question(lesson=lesson, by=personas.teacher_5a, kind=kind, text="Câu hỏi",
                              explanation="Vì sao", choices=choices)  # fmt: skip
    assert error.value.code == code
    assert not lesson.questions.exists()


def test_the_question_form_shows_what_is_wrong(personas, client_for):
    lesson = factories.lesson(author=personas.teacher_5a, quiz=False)
    response = client_for("teacher_5a").post(f"/bai-hoc/soan/{lesson.pk}/them-cau-hoi/", {
        "kind": QuestionKind.ONE, "text": "Câu hỏi", "explanation": "Vì sao",
        "choice_1": "A", "correct_1": "on", "choice_2": "B", "correct_2": "on",
    })  # fmt: skip
    assert response.status_code == 200
    assert "Câu chọn một đáp án cần đúng một đáp án đúng." in response.content.decode()


def test_a_lesson_titled_like_a_page_still_has_its_own_address(personas, client_for):
    lesson = factories.lesson(author=personas.teacher_5a, title="Soạn", publish_by=personas.editor)
    assert lesson.slug != "soan"
    assert "Soạn" in client_for("pupil_an").get(lesson.get_absolute_url()).content.decode()


def test_bidi_controls_are_stripped_from_titles_and_answers(personas, client_for):
    client = client_for("teacher_5a")
    client.post(
        "/bai-hoc/soan/", {"title": "Mật\u202ekhẩu", "min_grade": 1, "max_grade": 2, "minutes": 5}
    )
    lesson = Lesson.objects.get()
    assert lesson.title == "Mậtkhẩu"
    client.post(f"/bai-hoc/soan/{lesson.pk}/them-cau-hoi/", {
        "kind": QuestionKind.ONE, "text": "Câu hỏi", "explanation": "Vì sao",
        "choice_1": "A\u202e", "correct_1": "on", "choice_2": "B",
    })  # fmt: skip
    assert [c.text for c in lesson.questions.get().choices.all()] == ["A", "B"]
