"""Every write on lessons that has rules. Views, admin, seed and tests call these."""

from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import editors
from accounts.services import record_audit
from lib import editorial
from lib.html import sanitize_html
from lib.text import unique_slug
from news.services import claim_inline_images
from notifications.services import notify

from . import grading, progress
from .access import can_edit, can_read, can_submit, can_take_quiz, can_write, is_editor
from .authoring import keep_revision
from .grading import Marked, mark
from .models import Attempt, Audience, Lesson, Section, Status
from .quiz_services import (
    ChoiceInput,
    add_question,
    delete_question,
    move_question,
    update_question,
)
from .stickers import DEFAULT_PASS_MARK, STICKERS

__all__ = [
    "AlreadySubmitted",
    "ChoiceInput",
    "Marked",
    "add_question",
    "delete_question",
    "mark",
    "move_question",
    "update_question",
]

# --- lessons -------------------------------------------------------------------

# Addresses under bai-hoc/ that are pages, not lessons (lessons/urls.py).
RESERVED_SLUGS = frozenset(
    {"cua-toi", "soan", "phan", "phieu", "tep", "boi-duong", "quan-ly", "giao", "lop"}
)


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


def _check_completion(pass_mark: int | None, sticker: str | None) -> tuple[int, str]:
    """Issue 11: the pass mark (1–100 %, default 70) and one of the stickers we ship."""
    pass_mark = DEFAULT_PASS_MARK if pass_mark is None else pass_mark
    sticker = sticker or STICKERS[0][0]
    if not 1 <= pass_mark <= 100:
        raise ValidationError(_("Điểm đạt phải từ 1 đến 100%."), code="pass_mark")
    if sticker not in dict(STICKERS):
        raise ValidationError(_("Hãy chọn một huy hiệu có sẵn."), code="sticker")
    return pass_mark, sticker


@transaction.atomic
def create_lesson(
    *,
    by: User,
    title: str,
    min_grade: int,
    max_grade: int,
    goals: str = "",
    minutes: int = 15,
    audience: str = Audience.PUPILS,
    pass_mark: int | None = None,
    sticker: str | None = None,
) -> Lesson:
    """A draft lesson by `by` (any staff member); a training module when `audience`
    is staff, or staff and families."""
    if not can_write(by):
        raise PermissionDenied(_("Chỉ cán bộ, giáo viên được soạn bài học."))
    _check_grades(min_grade, max_grade)
    if audience not in Audience.values:
        raise ValidationError(_("Đối tượng của bài học không hợp lệ."), code="audience")
    pass_mark, sticker = _check_completion(pass_mark, sticker)
    lesson = Lesson(
        author=by,
        title=title.strip(),
        min_grade=min_grade,
        max_grade=max_grade,
        goals=goals.strip(),
        minutes=minutes,
        audience=audience,
        slug=_lesson_slug(title),
        pass_mark=pass_mark,
        sticker=sticker,
    )
    lesson.save()
    keep_revision(lesson, by=by, note=_("Tạo bài"))
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
    audience: str | None = None,
    pass_mark: int | None = None,
    sticker: str | None = None,
) -> Lesson:
    """Save the author's or an editor's changes. The slug never changes."""
    if not can_edit(by, lesson):
        raise PermissionDenied(_("Bạn không được sửa bài học này."))
    _check_grades(min_grade, max_grade)
    lesson.pass_mark, lesson.sticker = _check_completion(
        pass_mark or lesson.pass_mark, sticker or lesson.sticker
    )
    lesson.title, lesson.goals, lesson.minutes = title.strip(), goals.strip(), minutes
    lesson.min_grade, lesson.max_grade = min_grade, max_grade
    if audience is not None:
        if audience not in Audience.values:
            raise ValidationError(_("Đối tượng của bài học không hợp lệ."), code="audience")
        lesson.audience = audience
    lesson.updated_at = timezone.now()
    lesson.save(
        update_fields=[
            "title",
            "goals",
            "minutes",
            "min_grade",
            "max_grade",
            "audience",
            "updated_at",
            "pass_mark",
            "sticker",
        ]
    )
    keep_revision(lesson, by=by)
    return lesson


@transaction.atomic
def submit_lesson(*, lesson: Lesson, by: User) -> Lesson:
    if not can_submit(by, lesson):
        raise PermissionDenied(_("Bạn không được gửi duyệt bài học này."))
    editorial.check_submittable(lesson.status)
    lesson.status = Status.SUBMITTED
    lesson.submitted_at = timezone.now()
    lesson.save(update_fields=["status", "submitted_at"])
    notify(
        recipients=editors().exclude(pk=by.pk),
        kind="lessons.submitted",
        title=_("Bài học chờ duyệt: %(title)s") % {"title": lesson.title},
        url=reverse("lessons:lesson_preview", kwargs={"pk": lesson.pk}),
    )
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
    if lesson.author_id != by.pk:
        notify(
            recipients=[lesson.author],
            kind="lessons.published",
            title=_("Bài học của bạn đã được xuất bản: %(title)s") % {"title": lesson.title},
            url=lesson.get_absolute_url(),
        )
    return lesson


@transaction.atomic
def return_lesson(*, lesson: Lesson, by: User, comment: str) -> Lesson:
    if not is_editor(by):
        raise PermissionDenied(_("Chỉ ban biên tập được trả lại bài học."))
    comment = editorial.check_returnable(lesson.status, comment)
    lesson.status = Status.RETURNED
    lesson.review_comment = comment
    lesson.save(update_fields=["status", "review_comment"])
    record_audit(actor=by, action="lessons.return", target=lesson, reason=comment)
    if lesson.author_id != by.pk:
        notify(
            recipients=[lesson.author],
            kind="lessons.returned",
            title=_("Bài học bị trả lại: %(title)s") % {"title": lesson.title},
            url=reverse("lessons:lesson_edit", kwargs={"pk": lesson.pk}),
            body=comment,
        )
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
    keep_revision(lesson, by=by)
    claim_inline_images(body=section.body)  # pictures from the editor stay past the daily run
    return section


@transaction.atomic
def update_section(*, section: Section, by: User, title: str, body: str) -> Section:
    if not can_edit(by, section.lesson):
        raise PermissionDenied(_("Bạn không được sửa bài học này."))
    section.title, section.body = title.strip(), sanitize_html(body)
    section.save(update_fields=["title", "body"])
    keep_revision(section.lesson, by=by)
    claim_inline_images(body=section.body)
    return section


# Questions: adding, editing, deleting and reordering are in lessons/quiz_services.py.


# --- answering a quiz ----------------------------------------------------------------


class AlreadySubmitted(Exception):
    """The same quiz page was sent twice: `attempt` is the one the first POST stored."""

    def __init__(self, attempt: Attempt) -> None:
        super().__init__("already submitted")
        self.attempt = attempt


def _earlier_attempt(pupil: User, token: str) -> Attempt | None:
    if not token:
        return None
    return Attempt.objects.filter(pupil=pupil, token=token).first()


@transaction.atomic
def submit_attempt(
    *, lesson: Lesson, pupil: User, answers: Mapping[int, Sequence[int]], token: str = ""
) -> Attempt:
    """Check a pupil's answers on the server and keep the attempt.

    `answers` maps question ids to choice ids as the page sent them (lessons/grading.py
    says how each kind reads them); anything that does not belong to this lesson's
    quiz is refused and nothing is stored. `token` is the quiz page's one-time token:
    when an attempt with it exists (a double POST), AlreadySubmitted carries that one.
    """
    if not can_take_quiz(pupil):
        raise PermissionDenied(_("Chỉ học sinh làm bài kiểm tra."))
    if not can_read(pupil, lesson):
        raise PermissionDenied(_("Bài học này không dành cho em."))
    earlier = _earlier_attempt(pupil, token)
    if earlier is not None:
        raise AlreadySubmitted(earlier)
    questions = list(lesson.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("Bài học này chưa có câu hỏi."), code="no_quiz")
    cleaned, score = grading.grade(questions, answers)
    attempt = Attempt(
        pupil=pupil, lesson=lesson, score=score, total=len(questions), answers=cleaned, token=token
    )
    try:
        with transaction.atomic():  # a savepoint: the race of two POSTs ends here
            attempt.save()
    except IntegrityError:
        raise AlreadySubmitted(Attempt.objects.get(pupil=pupil, token=token)) from None
    # Assignments (issue 11): refuses work not given, not open or past due (rolling this
    # attempt back), keeps best and latest scores, completes the lesson.
    progress.record_attempt(attempt=attempt)
    return attempt
