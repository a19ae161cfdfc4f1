"""Who sees a training module: staff see every one, parents those for families,
pupils none; the lesson list keeps to pupils' lessons."""

import pytest

from lessons.models import Lesson

from . import factories


def _titles(user):
    return set(Lesson.objects.visible_to(user).values_list("title", flat=True))


@pytest.fixture
def modules(personas):
    staff = factories.module(
        author=personas.editor, publish_by=personas.editor, title="Xử lý bắt nạt"
    )
    rules = factories.module(
        author=personas.editor,
        publish_by=personas.editor,
        title="Nội quy Internet",
        audience="staff_families",
        quiz=False,
    )
    lesson = factories.lesson(
        author=personas.editor, title="Bài lớp 5", grades=(5, 5), publish_by=personas.editor
    )
    return staff, rules, lesson


def test_pupils_never_see_a_training_module(personas, modules, client_for):
    staff, rules, _lesson = modules
    assert _titles(personas.pupil_an) == {"Bài lớp 5"}
    assert _titles(personas.pupil_binh) == set()
    client = client_for("pupil_an")
    for module in (staff, rules):
        assert client.get(module.get_absolute_url()).status_code == 404
        assert client.get(f"/bai-hoc/{module.slug}/").status_code == 404
    assert client.get("/bai-hoc/boi-duong/").status_code == 404


def test_parents_see_the_modules_for_families_but_not_staff_modules(personas, modules):
    assert _titles(personas.parent_an) == {"Nội quy Internet", "Bài lớp 5"}
    assert _titles(personas.other_parent) == {"Nội quy Internet"}  # Bình is in 4B


def test_every_staff_member_sees_every_published_module(personas, modules):
    for person in (personas.teacher_5a, personas.collaborator, personas.admin):
        assert {"Xử lý bắt nạt", "Nội quy Internet"} <= _titles(person)


def test_a_draft_module_is_seen_by_its_author_only(personas):
    factories.lesson(author=personas.teacher_5a, title="Nháp bồi dưỡng", audience="staff")
    assert "Nháp bồi dưỡng" in _titles(personas.teacher_5a)
    assert "Nháp bồi dưỡng" not in _titles(personas.other_teacher)
    assert "Nháp bồi dưỡng" not in _titles(personas.parent_an)


def test_my_training_lists_each_persons_modules_and_the_lesson_list_keeps_to_lessons(
    personas, modules, client_for
):
    teacher = client_for("teacher_5a").get("/bai-hoc/boi-duong/").content.decode()
    assert "Xử lý bắt nạt" in teacher and "Nội quy Internet" in teacher
    assert "Bồi dưỡng của tôi" in teacher
    parent = client_for("parent_an").get("/bai-hoc/boi-duong/").content.decode()
    assert "Nội quy Internet" in parent and "Xử lý bắt nạt" not in parent
    listing = client_for("teacher_5a").get("/bai-hoc/").content.decode()
    assert "Bài lớp 5" in listing and "Xử lý bắt nạt" not in listing


def test_staff_and_parents_find_training_in_the_navigation(client_for):
    assert 'href="/bai-hoc/boi-duong/"' in client_for("teacher_5a").get("/").content.decode()
    assert 'href="/bai-hoc/boi-duong/"' in client_for("parent_an").get("/").content.decode()
    assert 'href="/bai-hoc/boi-duong/"' not in client_for("pupil_an").get("/").content.decode()
