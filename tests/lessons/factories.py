"""Lessons for tests, written through the services as a teacher would."""

from lessons import services
from lessons.models import Lesson, QuestionKind


def lesson(
    *,
    author,
    title="Mật khẩu là bí mật của em",
    grades=(3, 5),
    publish_by=None,
    sections=1,
    quiz=True,
    audience="pupils",
) -> Lesson:
    """A lesson with `sections` sections and, when `quiz`, three questions:
    one answer (Q1), several answers (Q2: the first two are right), true/false (Q3: true)."""
    made = services.create_lesson(
        by=author,
        title=title,
        min_grade=grades[0],
        max_grade=grades[1],
        goals="Giữ bí mật",
        audience=audience,
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
    return made


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


def module(*, author, publish_by, title="Quy tắc kiểm duyệt", audience="staff", quiz=True):
    """A published training module (quiz as in `lesson`: Q1 one, Q2 several, Q3 true/false)."""
    return lesson(author=author, title=title, audience=audience, quiz=quiz, publish_by=publish_by)


def answers_scoring(made: Lesson, right: int) -> dict[int, list[int]]:
    """Service answers with the first `right` questions right and the others wrong."""
    answers = {}
    for i, question in enumerate(made.questions.prefetch_related("choices")):
        correct = [c.pk for c in question.choices.all() if c.is_correct]
        wrong = [c.pk for c in question.choices.all() if not c.is_correct][:1]
        answers[question.pk] = correct if i < right else wrong
    return answers
