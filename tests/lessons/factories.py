"""Lessons for tests, written through the services as a teacher would."""

from datetime import timedelta

from django.utils import timezone

from lessons import progress, services
from lessons.models import Lesson, QuestionKind
from lessons.progress import SCHOOL_PUPILS


def lesson(
    *,
    author,
    title="Mật khẩu là bí mật của em",
    grades=(3, 5),
    publish_by=None,
    sections=1,
    quiz=True,
    assign=True,
) -> Lesson:
    """A lesson with `sections` sections and, when `quiz`, three questions:
    one answer (Q1), several answers (Q2: the first two are right), true/false (Q3: true).
    A published lesson is also given to every pupil of the school (opened now, no due
    date) unless `assign` is False: pupils take only the quizzes of lessons given to them."""
    made = services.create_lesson(
        by=author, title=title, min_grade=grades[0], max_grade=grades[1], goals="Giữ bí mật"
    )
    for i in range(sections):
        services.add_section(
            lesson=made, by=author, title=f"Phần {i + 1}", body="<p>Mật khẩu là bí mật.</p>"
        )
    if quiz:
        services.add_question(
            lesson=made,
            by=author,
            kind=QuestionKind.ONE,
            text="Bạn hỏi mật khẩu của em. Em làm gì?",
            choices=[("Nói cho bạn", False), ("Giữ bí mật", True), ("Viết lên bảng", False)],
            explanation="Mật khẩu là bí mật, kể cả với bạn thân.",
        )
        services.add_question(
            lesson=made,
            by=author,
            kind=QuestionKind.SEVERAL,
            text="Ai được biết mật khẩu của em?",
            choices=[("Bố mẹ", True), ("Cô chủ nhiệm", True), ("Người lạ", False)],
            explanation="Chỉ người lớn tin cậy được biết.",
        )
        services.add_question(
            lesson=made,
            by=author,
            kind=QuestionKind.TRUE_FALSE,
            text="Em nên đăng xuất khi dùng xong máy tính ở trường.",
            statement_is_true=True,
            explanation="Đăng xuất để bạn sau không vào được tài khoản của em.",
        )
    if publish_by is not None:
        services.submit_lesson(lesson=made, by=author)
        services.publish_lesson(lesson=made, by=publish_by)
        if assign:
            give(made, by=publish_by)
    return made


def give(lesson: Lesson, *, by, audience=SCHOOL_PUPILS, opens_at=None, due_at=None):
    """Assign `lesson` (to the whole school's pupils unless told otherwise)."""
    return progress.assign_lesson(
        by=by,
        lesson=lesson,
        audience=audience,
        opens_at=opens_at or timezone.now() - timedelta(minutes=1),
        due_at=due_at,
    )


def correct_answers(lesson: Lesson) -> dict[str, list[str]]:
    """POST data answering every question right."""
    data: dict[str, list[str]] = {}
    for question in lesson.questions.prefetch_related("choices"):
        data[f"q{question.pk}"] = [str(c.pk) for c in question.choices.all() if c.is_correct]
    return data


def choice_ids(lesson: Lesson, position: int) -> list[int]:
    """The choice ids of question `position` (1-based), in order."""
    question = lesson.questions.get(position=position)
    return list(question.choices.values_list("pk", flat=True))
