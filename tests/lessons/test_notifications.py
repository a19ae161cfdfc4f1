"""Who is told what on a lesson's way to pupils: editors on submission, the author after."""

from lessons import services
from notifications.models import Notification

from . import factories


def test_submitting_tells_the_editors_not_the_author(personas):
    lesson = factories.lesson(author=personas.teacher_5a)
    services.submit_lesson(lesson=lesson, by=personas.teacher_5a)
    told = Notification.objects.filter(kind="lessons.submitted")
    assert set(told.values_list("recipient__username", flat=True)) >= {personas.editor.username}
    assert not told.filter(recipient=personas.teacher_5a).exists()
    assert not told.filter(recipient=personas.other_teacher).exists()  # not an editor
    assert told.first().url == f"/bai-hoc/soan/{lesson.pk}/xem-truoc/"


def test_publishing_tells_the_author(personas):
    lesson = factories.lesson(author=personas.teacher_5a, publish_by=personas.editor)
    note = Notification.objects.get(kind="lessons.published")
    assert note.recipient == personas.teacher_5a
    assert note.url == lesson.get_absolute_url()


def test_returning_tells_the_author_with_the_comment(personas, client_for):
    lesson = factories.lesson(author=personas.teacher_5a)
    services.submit_lesson(lesson=lesson, by=personas.teacher_5a)
    client_for("editor").post(
        f"/bai-hoc/soan/{lesson.pk}/tra-lai/", {"comment": "Thêm một câu hỏi về mật khẩu nhé."}
    )
    note = Notification.objects.get(kind="lessons.returned")
    assert note.recipient == personas.teacher_5a
    assert note.body == "Thêm một câu hỏi về mật khẩu nhé."
    assert note.url == f"/bai-hoc/soan/{lesson.pk}/"


def test_an_editor_publishing_their_own_lesson_is_not_told(personas):
    factories.lesson(author=personas.editor, publish_by=personas.editor)
    assert not Notification.objects.filter(kind="lessons.published").exists()
