"""Every write on lessons that has rules. Views, admin, seed and tests call these."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import record_audit
from lib.html import sanitize_html
from lib.text import unique_slug
from news.services import claim_inline_images

from .access import can_edit, can_read, can_submit, can_take_quiz, can_write, is_editor
from .models import Attempt, Choice, Lesson, Question, QuestionKind, Section, Status

# --- lessons -------------------------------------------------------------------

# Addresses under bai-hoc/ that are pages, not lessons (lessons/urls.py).
RESERVED_SLUGS = frozenset({"cua-toi", "soan", "phan"})


def _lesson_slug(title: str) -> str:
    slug = unique_slug(Lesson, title, max_length=90)
    if slug in RESERVED_SLUGS:
        slug = unique_slug(Lesson, f"{title} bai hoc", max_length=90)
    return slug


def _check_grades(min_grade: int, max_grade: int) -> None:
    if not 1 <= min_grade <= max_grade <= 5:
        raise ValidationError(
            _("Khối lớp phải từ 1 đến 5, lớp đầu không lớn hơn lớp cuối."), code="grades"
        )


@transaction.atomic
def create_lesson(
    *, by: User, title: str, min_grade: int, max_grade: int, goals: str = "", minutes: int = 15
) -> Lesson:
    """A draft lesson by `by` (any staff member)."""
    if not can_write(by):
        raise PermissionDenied(_("Chỉ cán bộ, giáo viên được soạn bài học."))
    _check_grades(min_grade, max_grade)
    lesson = Lesson(
        author=by,
        title=title.strip(),
        min_grade=min_grade,
        max_grade=max_grade,
        goals=goals.strip(),
        minutes=minutes,
        slug=_lesson_slug(title),
    )
    lesson.save()
    return lesson


@transaction.atomic
def update_lesson(
    *,
    lesson: Lesson,
    by: User,
    title: str,
    min_grade: int,
    max_grade: int,
    goals: str,
    minutes: int,
) -> Lesson:
    """Save the author's or an editor's changes. The slug never changes."""
    if not can_edit(by, lesson):
        raise PermissionDenied(_("Bạn không được sửa bài học này."))
    _check_grades(min_grade, max_grade)
    lesson.title, lesson.goals, lesson.minutes = title.strip(), goals.strip(), minutes
    lesson.min_grade, lesson.max_grade = min_grade, max_grade
    lesson.updated_at = timezone.now()
    lesson.save(update_fields=["title", "goals", "minutes", "min_grade", "max_grade", "updated_at"])
    return lesson


@transaction.atomic
def submit_lesson(*, lesson: Lesson, by: User) -> Lesson:
    if not can_submit(by, lesson):
        raise PermissionDenied(_("Bạn không được gửi duyệt bài học này."))
    if lesson.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(_("Chỉ gửi duyệt được bản nháp hoặc bài bị trả lại."), code="state")
    lesson.status = Status.SUBMITTED
    lesson.submitted_at = timezone.now()
    lesson.save(update_fields=["status", "submitted_at"])
    return lesson


@transaction.atomic
def publish_lesson(*, lesson: Lesson, by: User) -> Lesson:
    if not is_editor(by):
        raise PermissionDenied(_("Chỉ ban biên tập được xuất bản bài học."))
    if lesson.status == Status.PUBLISHED:
        return lesson
    if not lesson.sections.exists():
        raise ValidationError(_("Bài học cần ít nhất một phần nội dung."), code="empty")
    lesson.status = Status.PUBLISHED
    lesson.publisher = by
    lesson.published_at = timezone.now()
    lesson.review_comment = ""
    lesson.save(update_fields=["status", "publisher", "published_at", "review_comment"])
    record_audit(actor=by, action="lessons.publish", target=lesson)
    return lesson


@transaction.atomic
def return_lesson(*, lesson: Lesson, by: User, comment: str) -> Lesson:
    if not is_editor(by):
        raise PermissionDenied(_("Chỉ ban biên tập được trả lại bài học."))
    if lesson.status not in (Status.SUBMITTED, Status.PUBLISHED):
        raise ValidationError(_("Chỉ trả lại được bài đang chờ duyệt."), code="state")
    if not comment.strip():
        raise ValidationError(_("Hãy ghi lý do trả lại để tác giả sửa."), code="required")
    lesson.status = Status.RETURNED
    lesson.review_comment = comment.strip()
    lesson.save(update_fields=["status", "review_comment"])
    record_audit(actor=by, action="lessons.return", target=lesson, reason=comment)
    return lesson


# --- sections and questions ---------------------------------------------------------


@transaction.atomic
def add_section(*, lesson: Lesson, by: User, title: str, body: str) -> Section:
    """Append a section; its rich text passes the sanitiser whatever the form did."""
    if not can_edit(by, lesson):
        raise PermissionDenied(_("Bạn không được sửa bài học này."))
    position = lesson.sections.count() + 1
    section = Section.objects.create(
        lesson=lesson, position=position, title=title.strip(), body=sanitize_html(body)
    )
    claim_inline_images(body=section.body)  # pictures from the editor stay past the daily run
    return section


@transaction.atomic
def update_section(*, section: Section, by: User, title: str, body: str) -> Section:
    if not can_edit(by, section.lesson):
        raise PermissionDenied(_("Bạn không được sửa bài học này."))
    section.title, section.body = title.strip(), sanitize_html(body)
    section.save(update_fields=["title", "body"])
    claim_inline_images(body=section.body)
    return section


def _check_choices(kind: str, choices: Sequence[tuple[str, bool]]) -> None:
    correct = sum(1 for _text, is_correct in choices if is_correct)
    if not 2 <= len(choices) <= 4 or any(not text.strip() for text, _c in choices):
        raise ValidationError(_("Câu hỏi cần từ 2 đến 4 đáp án."), code="choices")
    if kind == QuestionKind.ONE and correct != 1:
        raise ValidationError(_("Câu chọn một đáp án cần đúng một đáp án đúng."), code="correct")
    if kind == QuestionKind.SEVERAL and correct < 1:
        raise ValidationError(_("Hãy đánh dấu ít nhất một đáp án đúng."), code="correct")


@transaction.atomic
def add_question(
    *,
    lesson: Lesson,
    by: User,
    kind: str,
    text: str,
    explanation: str,
    choices: Sequence[tuple[str, bool]] = (),
    statement_is_true: bool | None = None,
) -> Question:
    """Append a quiz question. A true/false question gets the choices "Đúng" and
    "Sai" from `statement_is_true`; the other kinds take 2–4 `choices` (text, correct)."""
    if not can_edit(by, lesson):
        raise PermissionDenied(_("Bạn không được sửa bài học này."))
    if kind not in QuestionKind.values:
        raise ValidationError(_("Loại câu hỏi không hợp lệ."), code="kind")
    if not text.strip() or not explanation.strip():
        raise ValidationError(_("Câu hỏi cần nội dung và lời giải thích."), code="required")
    if kind == QuestionKind.TRUE_FALSE:
        if statement_is_true is None:
            raise ValidationError(_("Hãy chọn câu này đúng hay sai."), code="correct")
        choices = [(_("Đúng"), statement_is_true), (_("Sai"), not statement_is_true)]
    _check_choices(kind, choices)
    question = Question.objects.create(
        lesson=lesson,
        position=lesson.questions.count() + 1,
        kind=kind,
        text=text.strip(),
        explanation=explanation.strip(),
    )
    Choice.objects.bulk_create(
        Choice(question=question, position=i, text=choice_text.strip(), is_correct=is_correct)
        for i, (choice_text, is_correct) in enumerate(choices, start=1)
    )
    return question


# --- answering a quiz ----------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    question: Question
    chosen: frozenset[int]
    correct: frozenset[int]

    @property
    def is_right(self) -> bool:
        # Several answers are all or nothing: exactly the correct set, no more, no less.
        return self.chosen == self.correct


def mark(questions: Sequence[Question], answers: Mapping[str, Sequence[int]]) -> list[Marked]:
    """Compare `answers` ({question id as text: [choice ids]}) with the correct choices.
    `questions` must have their choices prefetched."""
    return [
        Marked(
            question=question,
            chosen=frozenset(answers.get(str(question.pk), ())),
            correct=frozenset(c.pk for c in question.choices.all() if c.is_correct),
        )
        for question in questions
    ]


def _clean_answers(
    questions: Sequence[Question], answers: Mapping[int, Sequence[int]]
) -> dict[str, list[int]]:
    unknown = set(answers) - {q.pk for q in questions}
    if unknown:
        raise ValidationError(_("Bài làm có câu hỏi không thuộc bài học này."), code="tampered")
    cleaned: dict[str, list[int]] = {}
    for question in questions:
        chosen = sorted(set(answers.get(question.pk, ())))
        if not chosen:
            raise ValidationError(_("Em hãy trả lời tất cả các câu hỏi nhé."), code="missing")
        if not set(chosen) <= {c.pk for c in question.choices.all()}:
            raise ValidationError(_("Bài làm có đáp án không thuộc câu hỏi."), code="tampered")
        if question.kind != QuestionKind.SEVERAL and len(chosen) != 1:
            raise ValidationError(_("Câu này chỉ chọn một đáp án."), code="one_only")
        cleaned[str(question.pk)] = chosen
    return cleaned


@transaction.atomic
def submit_attempt(*, lesson: Lesson, pupil: User, answers: Mapping[int, Sequence[int]]) -> Attempt:
    """Check a pupil's answers on the server and keep the attempt.

    `answers` maps question ids to choice ids as the form sent them; anything
    that does not belong to this lesson's quiz is refused and nothing is stored.
    """
    if not can_take_quiz(pupil):
        raise PermissionDenied(_("Chỉ học sinh làm bài kiểm tra."))
    if not can_read(pupil, lesson):
        raise PermissionDenied(_("Bài học này không dành cho em."))
    questions = list(lesson.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("Bài học này chưa có câu hỏi."), code="no_quiz")
    cleaned = _clean_answers(questions, answers)
    score = sum(1 for marked in mark(questions, cleaned) if marked.is_right)
    return Attempt.objects.create(
        pupil=pupil, lesson=lesson, score=score, total=len(questions), answers=cleaned
    )
