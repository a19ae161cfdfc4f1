"""The demo's lessons are the starter curriculum, as a production install gets it."""

from types import SimpleNamespace

from lessons.models import Audience, Lesson, QuestionKind, Status, TrainingConfirmation
from lessons.seed import seed

from . import factories


def _seed(personas):
    ctx = SimpleNamespace(
        users={
            "teacher": personas.teacher_5a,
            "moderator": personas.collaborator,
            "admin": personas.admin,
        },
        log=[],
    )
    seed(ctx)
    return ctx


def test_the_demo_installs_the_curriculum_and_some_completed_training(personas):
    ctx = _seed(personas)
    lessons = Lesson.objects.filter(audience=Audience.PUPILS)
    assert lessons.count() >= 10
    assert set(lessons.values_list("status", flat=True)) == {Status.PUBLISHED}
    kinds = set(lessons.values_list("questions__kind", flat=True))
    assert {QuestionKind.ONE, QuestionKind.SEVERAL, QuestionKind.TRUE_FALSE} <= kinds
    assert {(lesson.min_grade, lesson.max_grade) for lesson in lessons} >= {(1, 5), (3, 5)}
    modules = Lesson.objects.training()
    done = TrainingConfirmation.objects.filter(person=personas.teacher_5a)
    assert done.count() == modules.count() >= 2
    assert "bài học mẫu" in ctx.log[0]


def test_a_pupil_of_5a_sees_the_grade_3_to_5_lessons_and_can_take_them(personas, client_for):
    _seed(personas)
    client = client_for("pupil_an")
    html = client.get("/bai-hoc/").content.decode()
    assert "Người lạ trên mạng" in html
    assert "Mật khẩu là bí mật của em" not in html  # grades 1–3
    assert "Quy tắc kiểm duyệt diễn đàn" not in html  # a staff module
    lesson = Lesson.objects.get(title="Người lạ trên mạng")
    response = client.post(
        f"/bai-hoc/{lesson.slug}/nop-bai/", factories.correct_answers(lesson), follow=True
    )
    assert "Em trả lời đúng 5/5 câu." in response.content.decode()
