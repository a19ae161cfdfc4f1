"""Who sees which lesson: grade targeting, drafts, parents, staff, visitors."""

from django.test import Client

from lessons.models import Lesson

from . import factories


def _titles(user):
    return set(Lesson.objects.visible_to(user).values_list("title", flat=True))


def test_pupils_see_published_lessons_for_their_own_grade_only(personas):
    factories.lesson(
        author=personas.teacher_5a, title="Lớp 5", grades=(5, 5), publish_by=personas.editor
    )
    factories.lesson(
        author=personas.teacher_5a, title="Lớp 4–5", grades=(4, 5), publish_by=personas.editor
    )
    factories.lesson(
        author=personas.teacher_5a, title="Lớp 1–2", grades=(1, 2), publish_by=personas.editor
    )
    assert _titles(personas.pupil_an) == {"Lớp 5", "Lớp 4–5"}  # 5A
    assert _titles(personas.pupil_binh) == {"Lớp 4–5"}  # 4B


def test_drafts_and_submitted_lessons_are_invisible_to_pupils_and_parents(personas, client_for):
    draft = factories.lesson(author=personas.teacher_5a, title="Bản nháp")
    submitted = factories.lesson(author=personas.teacher_5a, title="Chờ duyệt")
    from lessons import services

    services.submit_lesson(lesson=submitted, by=personas.teacher_5a)
    for name in ("pupil_an", "parent_an"):
        client = client_for(name)
        assert "Bản nháp" not in client.get("/bai-hoc/").content.decode()
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(submitted.get_absolute_url()).status_code == 404


def test_parents_see_the_lessons_of_their_childrens_grades(personas):
    factories.lesson(
        author=personas.teacher_5a, title="Lớp 5", grades=(5, 5), publish_by=personas.editor
    )
    factories.lesson(
        author=personas.teacher_5a, title="Lớp 4", grades=(4, 4), publish_by=personas.editor
    )
    assert _titles(personas.parent_an) == {"Lớp 5"}  # An is in 5A
    assert _titles(personas.other_parent) == {"Lớp 4"}  # Bình is in 4B


def test_staff_see_every_published_lesson_and_their_own_drafts_only(personas):
    factories.lesson(
        author=personas.teacher_5a, title="Lớp 1–2", grades=(1, 2), publish_by=personas.editor
    )
    factories.lesson(author=personas.teacher_5a, title="Nháp của cô Hồng")
    factories.lesson(author=personas.other_teacher, title="Nháp của thầy Tuấn")
    assert _titles(personas.teacher_5a) == {"Lớp 1–2", "Nháp của cô Hồng"}
    assert _titles(personas.other_teacher) == {"Lớp 1–2", "Nháp của thầy Tuấn"}


def test_visitors_see_no_lesson_and_are_sent_to_log_in(personas):
    lesson = factories.lesson(author=personas.teacher_5a, publish_by=personas.editor)
    assert not Lesson.objects.visible_to(None).exists()
    response = Client().get(lesson.get_absolute_url())
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


def test_a_pupil_without_a_class_this_year_sees_no_lesson(personas):
    factories.lesson(author=personas.teacher_5a, grades=(1, 5), publish_by=personas.editor)
    personas.pupil_an.enrolments.all().delete()
    assert _titles(personas.pupil_an) == set()


def test_logged_in_people_find_lessons_in_the_navigation(client_for):
    for name in ("parent_an", "teacher_5a"):
        assert 'href="/bai-hoc/"' in client_for(name).get("/bai-hoc/").content.decode()
    # A pupil's item leads to "Bài học của em" (what was given to them), which links the rest.
    pupil_page = client_for("pupil_an").get("/bai-hoc/cua-toi/").content.decode()
    assert 'href="/bai-hoc/cua-toi/"' in pupil_page and 'href="/bai-hoc/"' in pupil_page
    assert 'href="/bai-hoc/"' not in Client().get("/").content.decode()
