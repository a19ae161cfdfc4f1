"""Giving lessons and doing them: who may give what to whom, dates, the quiz's rules
(given, open, not past due), reading one section per screen, completion and stickers."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lessons import progress, services
from lessons.models import Assignment, Attempt, LessonProgress, Sticker
from notifications.models import Notification

from . import factories


def _class_key(school_class):
    return f"class:{school_class.pk}:pupil"


def _lesson(personas, **kwargs):
    kwargs.setdefault("publish_by", personas.editor)
    kwargs.setdefault("assign", False)
    return factories.lesson(author=personas.teacher_5a, **kwargs)


def _form(lesson, school_class, **extra):
    today = timezone.localdate()
    data = {
        "lesson": lesson.pk,
        "audience": _class_key(school_class),
        "opens_on": today.strftime("%d/%m/%Y"),
        "due_on": (today + timedelta(days=7)).strftime("%d/%m/%Y"),
    }
    return data | extra


def _answers(lesson, right=True):
    return {
        q.pk: [c.pk for c in q.choices.all() if c.is_correct is right][:1]
        if not right
        else [c.pk for c in q.choices.all() if c.is_correct]
        for q in lesson.questions.prefetch_related("choices")
    }


# --- giving ---------------------------------------------------------------------------------


def test_a_homeroom_teacher_gives_a_lesson_to_their_class_and_its_pupils_are_told(
    personas, client_for
):
    lesson = _lesson(personas)
    response = client_for("teacher_5a").post("/bai-hoc/giao/", _form(lesson, personas.class_5a))
    assert response.status_code == 302
    assert response["Location"] == f"/bai-hoc/lop/{personas.class_5a.pk}/"
    assignment = Assignment.objects.get()
    assert assignment.school_class == personas.class_5a
    assert timezone.localtime(assignment.due_at).hour == 23  # due at the end of that day
    told = Notification.objects.filter(kind="lessons.assigned")
    assert [n.recipient for n in told] == [personas.pupil_an]  # not Bình, of 4B


def test_a_teacher_cannot_give_a_lesson_to_another_teachers_class(personas, client_for):
    lesson = _lesson(personas)
    response = client_for("teacher_5a").post("/bai-hoc/giao/", _form(lesson, personas.class_4b))
    assert response.status_code == 400  # 4B is not among the choices offered
    assert not Assignment.objects.exists()
    with pytest.raises(PermissionDenied):
        progress.assign_lesson(
            by=personas.teacher_5a,
            lesson=lesson,
            audience=_class_key(personas.class_4b),
            opens_at=timezone.now(),
        )
    with pytest.raises(PermissionDenied):
        progress.assign_lesson(
            by=personas.teacher_5a, lesson=lesson, audience="grade:5:pupil", opens_at=timezone.now()
        )
    assert not Assignment.objects.exists()


def test_editors_give_lessons_to_a_grade_or_the_whole_school(personas):
    lesson = _lesson(personas, grades=(4, 5))
    for key in ("grade:4:pupil", "school:pupil"):
        progress.assign_lesson(
            by=personas.editor, lesson=lesson, audience=key, opens_at=timezone.now()
        )
    assert Assignment.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"due_on": "01/01/2026"}, "Hạn nộp phải sau ngày mở bài."),
        ({"opens_on": "35/13/2026"}, "Nhập một ngày hợp lệ."),
        ({"opens_on": "01/01/2025", "due_on": "02/01/2025"}, "Hạn nộp đã qua"),
        ({"opens_on": ""}, "Trường này là bắt buộc."),
    ],
)
def test_bad_dates_are_refused_with_a_message_and_the_form_keeps_what_was_typed(
    personas, client_for, change, message
):
    lesson = _lesson(personas)
    response = client_for("teacher_5a").post(
        "/bai-hoc/giao/", _form(lesson, personas.class_5a, **change)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html, html
    for value in change.values():
        if value:
            assert f'value="{value}"' in html or value in html
    assert not Assignment.objects.exists()


def test_a_lesson_for_other_grades_or_not_published_cannot_be_given(personas, client_for):
    little = _lesson(personas, grades=(1, 2))
    html = client_for("teacher_5a").post("/bai-hoc/giao/", _form(little, personas.class_5a))
    assert "không hợp với khối 5" in html.content.decode()
    draft = factories.lesson(author=personas.teacher_5a, title="Nháp")
    with pytest.raises(ValidationError):
        progress.assign_lesson(
            by=personas.teacher_5a,
            lesson=draft,
            audience=_class_key(personas.class_5a),
            opens_at=timezone.now(),
        )
    assert not Assignment.objects.exists()


def test_giving_the_same_lesson_twice_to_a_class_says_so(personas, client_for):
    lesson = _lesson(personas)
    client = client_for("teacher_5a")
    client.post("/bai-hoc/giao/", _form(lesson, personas.class_5a))
    response = client.post("/bai-hoc/giao/", _form(lesson, personas.class_5a))
    assert response.status_code == 400
    assert "đã được giao cho" in response.content.decode()
    assert Assignment.objects.count() == 1


# --- the quiz's rules -------------------------------------------------------------------------


def _post_quiz(client, lesson, right=True):
    data = factories.correct_answers(lesson)
    if not right:
        first = lesson.questions.get(position=1)
        data[f"q{first.pk}"] = [str(factories.choice_ids(lesson, 1)[0])]
    return client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", data)


def test_a_lesson_not_given_can_be_read_but_its_quiz_not_taken(personas, client_for):
    lesson = _lesson(personas)
    client = client_for("pupil_an")
    page = client.get(lesson.get_absolute_url()).content.decode()
    assert "chưa được giao cho em" in page and 'data-testid="quiz-form"' not in page
    response = _post_quiz(client, lesson)
    assert response.status_code == 400
    assert "chưa được giao cho em" in response.content.decode()
    assert not Attempt.objects.exists()
    with pytest.raises(ValidationError):
        services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=_answers(lesson))
    assert not Attempt.objects.exists()


def test_a_lesson_not_open_yet_says_when_it_opens(personas, client_for):
    lesson = _lesson(personas)
    factories.give(
        lesson,
        by=personas.teacher_5a,
        audience=_class_key(personas.class_5a),
        opens_at=timezone.now() + timedelta(days=2),
    )
    response = _post_quiz(client_for("pupil_an"), lesson)
    assert response.status_code == 400
    assert "Bài này mở từ" in response.content.decode()
    assert not Attempt.objects.exists()


def test_after_the_due_date_the_quiz_is_refused_kindly_until_the_teacher_reopens_it(
    personas, client_for
):
    lesson = _lesson(personas)
    assignment = factories.give(
        lesson, by=personas.teacher_5a, audience=_class_key(personas.class_5a)
    )
    past = timezone.now() - timedelta(hours=1)
    Assignment.objects.filter(pk=assignment.pk).update(
        opens_at=past - timedelta(days=3), due_at=past
    )
    client = client_for("pupil_an")
    response = _post_quiz(client, lesson)
    assert response.status_code == 400
    assert "đã hết hạn nộp" in response.content.decode()
    assert not Attempt.objects.exists()
    # The teacher moves the due date: late work is accepted again.
    teacher = client_for("teacher_5a")
    new_due = timezone.localdate() + timedelta(days=3)
    edited = teacher.post(
        f"/bai-hoc/giao/{assignment.pk}/",
        {"opens_on": (past - timedelta(days=3)).strftime("%d/%m/%Y"), "due_on": new_due.strftime("%d/%m/%Y")},
    )  # fmt: skip
    assert edited.status_code == 302
    assert _post_quiz(client, lesson).status_code == 302
    assert Attempt.objects.count() == 1


def test_another_teacher_cannot_change_the_dates_of_5a(personas, client_for):
    assignment = factories.give(
        _lesson(personas), by=personas.teacher_5a, audience=_class_key(personas.class_5a)
    )
    assert client_for("other_teacher").get(f"/bai-hoc/giao/{assignment.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        progress.change_dates(
            by=personas.other_teacher,
            assignment=assignment,
            opens_at=timezone.now(),
            due_at=None,
        )


def test_parents_read_a_lesson_given_to_their_child_but_never_take_its_quiz(personas, client_for):
    lesson = _lesson(personas)
    factories.give(lesson, by=personas.teacher_5a, audience=_class_key(personas.class_5a))
    parent = client_for("parent_an")
    assert parent.get(lesson.get_absolute_url()).status_code == 200
    assert _post_quiz(parent, lesson).status_code == 403
    assert not Attempt.objects.exists()


# --- reading, completion, stickers -----------------------------------------------------------


def test_a_lesson_is_complete_when_every_section_is_read_and_the_quiz_passed(personas, client_for):
    lesson = _lesson(personas, sections=2)
    factories.give(lesson, by=personas.teacher_5a, audience=_class_key(personas.class_5a))
    client = client_for("pupil_an")
    assert _post_quiz(client, lesson, right=False).status_code == 302  # 2/3 = 67 % < 70 %
    assert _post_quiz(client, lesson).status_code == 302  # 3/3
    assert _post_quiz(client, lesson, right=False).status_code == 302  # a later, weaker try
    row = LessonProgress.objects.get(pupil=personas.pupil_an, lesson=lesson)
    assert (row.attempts, row.best_score, row.latest_score) == (3, 3, 2)
    assert row.completed_at is None  # the sections are not read yet
    first = client.get(f"/bai-hoc/{lesson.slug}/doc/1/").content.decode()
    assert "Phần 1/2" in first and "Phần tiếp theo" in first
    client.get(f"/bai-hoc/{lesson.slug}/doc/1/")  # read twice: recorded once
    row.refresh_from_db()
    assert row.opened_sections == [lesson.sections.get(position=1).pk]
    last = client.get(f"/bai-hoc/{lesson.slug}/doc/2/").content.decode()
    assert "Xong, về bài học" in last
    row.refresh_from_db()
    assert row.completed_at is not None
    sticker = Sticker.objects.get(pupil=personas.pupil_an, lesson=lesson)
    assert sticker.image == lesson.sticker
    assert Attempt.objects.filter(pupil=personas.pupil_an).count() == 3  # every try kept


def test_a_score_under_the_pass_mark_does_not_complete_the_lesson(personas, client_for):
    lesson = _lesson(personas)
    lesson.pass_mark = 100
    lesson.save(update_fields=["pass_mark"])
    factories.give(lesson, by=personas.teacher_5a, audience=_class_key(personas.class_5a))
    client = client_for("pupil_an")
    client.get(f"/bai-hoc/{lesson.slug}/doc/1/")
    _post_quiz(client, lesson, right=False)
    assert LessonProgress.objects.get().completed_at is None
    _post_quiz(client, lesson)
    assert LessonProgress.objects.get().completed_at is not None


def test_a_lesson_without_questions_is_complete_once_every_section_is_read(personas, client_for):
    lesson = _lesson(personas, sections=2, quiz=False)
    factories.give(lesson, by=personas.teacher_5a, audience=_class_key(personas.class_5a))
    client = client_for("pupil_an")
    client.get(f"/bai-hoc/{lesson.slug}/doc/1/")
    assert not Sticker.objects.exists()
    client.get(f"/bai-hoc/{lesson.slug}/doc/2/")
    assert Sticker.objects.filter(pupil=personas.pupil_an, lesson=lesson).exists()


def test_the_pupils_list_sorts_lessons_to_do_overdue_and_done_and_counts_them_in_the_menu(
    personas, client_for
):
    key = _class_key(personas.class_5a)
    todo = _lesson(personas, title="Bài cần làm")
    done = _lesson(personas, title="Bài đã xong", quiz=False)
    late = _lesson(personas, title="Bài quá hạn")
    soon = _lesson(personas, title="Bài sắp mở")
    for lesson in (todo, done, late):
        factories.give(lesson, by=personas.teacher_5a, audience=key)
    factories.give(
        soon, by=personas.teacher_5a, audience=key, opens_at=timezone.now() + timedelta(days=1)
    )
    Assignment.objects.filter(lesson=late).update(
        opens_at=timezone.now() - timedelta(days=5), due_at=timezone.now() - timedelta(days=1)
    )
    client = client_for("pupil_an")
    client.get(f"/bai-hoc/{done.slug}/doc/1/")
    html = client.get("/bai-hoc/cua-toi/").content.decode()
    todo_part = html.split('data-testid="todo"')[1].split("</ul>")[0]
    assert "Bài cần làm" in todo_part and "Bài quá hạn" not in todo_part
    assert "đã đọc 0/1 phần" in todo_part
    assert "Bài quá hạn" in html.split('data-testid="overdue"')[1].split("</ul>")[0]
    assert "Bài sắp mở" in html.split('data-testid="upcoming"')[1].split("</ul>")[0]
    assert "Bài đã xong" in html.split('data-testid="done"')[1].split("</ul>")[0]
    assert 'data-testid="lessons-todo">1<' in html  # only "Bài cần làm" is open and due
    assert "Lớp 5A đã hoàn thành 1 bài" in html
    assert "stickers/star.svg" in html


def test_a_pupil_never_sees_another_pupils_stickers_or_names_in_totals(personas, client_for):
    lesson = _lesson(personas, quiz=False, grades=(4, 5))
    factories.give(lesson, by=personas.editor, audience="school:pupil")
    client_for("pupil_an").get(f"/bai-hoc/{lesson.slug}/doc/1/")
    html = client_for("pupil_binh").get("/bai-hoc/cua-toi/").content.decode()
    assert 'data-testid="stickers"' not in html
    assert "Nguyễn Văn An" not in html
    assert "Lớp 4B đã hoàn thành 0 bài" in html
