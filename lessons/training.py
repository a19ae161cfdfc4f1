"""Staff training: every write with rules on training modules.

A training module is a lesson whose audience is staff, or staff and families (the
school's rules). A person of the audience reads it, passes its quiz if it has one
(PASS_PERCENT), then confirms "Tôi đã đọc và hiểu" once; that confirmation, with its
date, is the completion. Administrators remind the people who have not completed a
module, at most once a day per module.
"""

from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import school_settings
from accounts.services import record_audit
from notifications.services import notify

from . import grading, services
from .models import (
    Attempt,
    Audience,
    Lesson,
    Section,
    Status,
    TrainingConfirmation,
    TrainingReminder,
)
from .training_selectors import (
    can_administer_training,
    has_passed,
    may_train,
    module_is_open_to,
    pending_people,
)

REMINDER_KIND = "lessons.training_reminder"
# The stable key of the module made from the collaborator team's regulation.
REGULATION_KEY = "quy-che-to-cong-tac-vien"


def _require_module_for(person: User, lesson: Lesson) -> None:
    if not may_train(person) or not module_is_open_to(person, lesson):
        raise PermissionDenied(_("Mô-đun này không dành cho bạn."))


@transaction.atomic
def submit_module_quiz(
    *, lesson: Lesson, by: User, answers: Mapping[int, Sequence[int]]
) -> Attempt:
    """Check a staff member's (or parent's) answers on the server and keep the attempt.

    The same marking as a pupil's quiz (services.mark); anything that does not belong
    to this module's quiz is refused and nothing is stored."""
    _require_module_for(by, lesson)
    questions = list(lesson.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("Mô-đun này không có bài kiểm tra."), code="no_quiz")
    cleaned, score = grading.grade(questions, answers)
    return Attempt.objects.create(
        pupil=by, lesson=lesson, score=score, total=len(questions), answers=cleaned
    )


@transaction.atomic
def confirm_module(*, lesson: Lesson, by: User) -> tuple[TrainingConfirmation, bool]:
    """Record "Tôi đã đọc và hiểu" for `by`, once. Returns (confirmation, created).

    A module with a quiz is confirmed only after a pass: the confirmation date is
    then the completion date."""
    _require_module_for(by, lesson)
    existing = TrainingConfirmation.objects.filter(lesson=lesson, person=by).first()
    if existing is not None:
        return existing, False
    if lesson.questions.exists() and not has_passed(by, lesson):
        raise ValidationError(
            _("Hãy làm bài kiểm tra và đạt từ 70% số câu trở lên trước khi xác nhận."),
            code="quiz_first",
        )
    try:
        with transaction.atomic():
            confirmation = TrainingConfirmation.objects.create(lesson=lesson, person=by)
    except IntegrityError:  # the same person confirmed in another tab a moment ago
        return TrainingConfirmation.objects.get(lesson=lesson, person=by), False
    return confirmation, True


@transaction.atomic
def remind_pending(*, lesson: Lesson, by: User) -> int:
    """Notify everyone of the module's audience who has not completed it.

    Administrators only; at most once a day (school time) per module, else a
    ValidationError. Returns how many people were reminded."""
    if not can_administer_training(by):
        raise PermissionDenied(_("Chỉ quản trị viên được nhắc bồi dưỡng."))
    if not lesson.is_training or lesson.status != Status.PUBLISHED:
        raise ValidationError(_("Chỉ nhắc được mô-đun đã xuất bản."), code="not_published")
    now = timezone.now()
    try:
        with transaction.atomic():
            reminder = TrainingReminder.objects.create(
                lesson=lesson, day=timezone.localdate(now), sent_by=by, sent_at=now
            )
    except IntegrityError:
        raise ValidationError(
            _("Hôm nay đã nhắc mô-đun này rồi. Ngày mai bạn có thể nhắc lại."),
            code="reminded_today",
        ) from None
    sent = notify(
        recipients=pending_people(lesson).iterator(chunk_size=1000),
        kind=REMINDER_KIND,
        title=_("Nhắc hoàn thành: %(title)s") % {"title": lesson.title},
        url=lesson.get_absolute_url(),
        body=_("Nhà trường chưa nhận được xác nhận “Tôi đã đọc và hiểu” của bạn."),
    )
    reminder.recipients = sent
    reminder.save(update_fields=["recipients"])
    record_audit(actor=by, action="lessons.training_remind", target=lesson, after=str(sent))
    return sent


@transaction.atomic
def publish_team_regulation(*, by: User) -> Lesson:
    """Publish the collaborator team's regulation (the school's settings) as a staff
    module that every staff member confirms. Administrators only; once: afterwards the
    module is edited like any lesson (a ValidationError says it exists)."""
    if not can_administer_training(by):
        raise PermissionDenied(_("Chỉ quản trị viên được đăng quy chế thành mô-đun."))
    if Lesson.objects.filter(starter_key=REGULATION_KEY).exists():
        raise ValidationError(
            _("Quy chế đã có mô-đun bồi dưỡng; hãy sửa mô-đun đó nếu quy chế thay đổi."),
            code="exists",
        )
    paragraphs = [p.strip() for p in school_settings().team_regulation.split("\n\n") if p.strip()]
    if not paragraphs:
        raise ValidationError(
            _("Quy chế tổ cộng tác viên còn trống: hãy viết quy chế trong cài đặt nhà trường."),
            code="empty",
        )
    now = timezone.now()
    title = _("Quy chế tổ cộng tác viên")
    lesson = Lesson.objects.create(
        title=title,
        slug=services._lesson_slug(title),
        min_grade=1,
        max_grade=5,
        goals=_("Đọc, hiểu và thực hiện quy chế của tổ cộng tác viên."),
        minutes=10,
        audience=Audience.STAFF,
        status=Status.PUBLISHED,
        author=by,
        publisher=by,
        created_at=now,
        updated_at=now,
        published_at=now,
        starter_key=REGULATION_KEY,
    )
    Section.objects.create(
        lesson=lesson,
        position=1,
        title=title,
        body="".join(linebreaks(escape(paragraph)) for paragraph in paragraphs),
    )
    record_audit(actor=by, action="lessons.publish", target=lesson)
    return lesson
