"""Every write with rules about assignments, reading progress, stickers and reminders.

Views and tests call these; `services.submit_attempt` calls `record_attempt` at its
end, inside its transaction, so that a refused attempt (not given, not open, past its
due date) is rolled back with everything it wrote.
"""

from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import Role, SchoolClass, User
from accounts.services import record_audit
from lib.tasks import enqueue
from notifications.services import notify

from .assignments import for_scope, quiz_refusal, scope_for_class
from .models import (
    Assignment,
    Attempt,
    ClassReminder,
    Lesson,
    LessonProgress,
    Section,
    Status,
    Sticker,
)
from .tasks import notify_assignment

SCHOOL_PUPILS = audiences.Audience(audiences.SCHOOL, None, Role.PUPIL).key


# --- who may assign to whom ---------------------------------------------------------------


def may_assign_widely(user: User) -> bool:
    """Editors and admins give lessons to any class, a grade, or the whole school."""
    return user.is_active and user.is_school_staff and (user.can_publish or user.can_administer)


def assignable_classes(user: User) -> list[SchoolClass]:
    """Current classes `user` may give lessons to: their own as homeroom teacher; all for
    editors and admins. One query."""
    if not user.is_active or not user.is_school_staff:
        return []
    classes = SchoolClass.objects.filter(year__is_current=True).order_by("grade", "name")
    if not may_assign_widely(user):
        classes = classes.filter(homeroom_teacher=user)
    return list(classes)


def audience_choices(user: User) -> list[tuple[str, str]]:
    """(audience key, label) `user` may assign to, narrowest first. One query."""
    classes = assignable_classes(user)
    names = {c.pk: c.name for c in classes}
    options = [
        (
            audiences.class_key(c.pk, Role.PUPIL),
            audiences.label(audiences.class_key(c.pk, Role.PUPIL), class_names=names),
        )
        for c in classes
    ]
    if may_assign_widely(user):
        for grade in sorted({c.grade for c in classes}):
            key = audiences.grade_key(grade, Role.PUPIL)
            options.append((key, audiences.label(key)))
        options.append((SCHOOL_PUPILS, audiences.label(SCHOOL_PUPILS)))
    return options


def _check_target(by: User, lesson: Lesson, key: str) -> SchoolClass | None:
    """The class of a class audience (None for a grade or the school); refuses what `by`
    may not address and a lesson that does not suit the class or grade."""
    try:
        audience = audiences.parse(key)
    except ValueError:
        raise ValidationError(_("Hãy chọn lớp hoặc khối được giao bài."), code="audience") from None
    if audience.role != Role.PUPIL or audience.scope not in {"class", "grade", "school"}:
        raise ValidationError(_("Hãy chọn lớp hoặc khối được giao bài."), code="audience")
    if audience.scope == "class" and audience.value is not None:
        school_class = SchoolClass.objects.filter(pk=audience.value, year__is_current=True).first()
        if school_class is None:
            raise ValidationError(_("Lớp này không có trong năm học hiện tại."), code="audience")
        if not may_assign_widely(by) and school_class.homeroom_teacher_id != by.pk:
            raise PermissionDenied(_("Thầy cô chỉ giao bài cho lớp mình chủ nhiệm."))
        grade: int | None = school_class.grade
    else:
        if not may_assign_widely(by):
            raise PermissionDenied(
                _("Chỉ ban biên tập và quản trị giao bài cho cả khối, cả trường.")
            )
        school_class, grade = None, audience.value
    if grade is not None and not lesson.min_grade <= grade <= lesson.max_grade:
        raise ValidationError(
            _("Bài “%(title)s” dành cho %(grades)s, không hợp với khối %(grade)s.")
            % {"title": lesson.title, "grades": lesson.grades_label, "grade": grade},
            code="grade",
        )
    return school_class


def _check_dates(opens_at: datetime, due_at: datetime | None, now: datetime) -> None:
    if due_at is not None and due_at <= opens_at:
        raise ValidationError(_("Hạn nộp phải sau ngày mở bài."), code="due_before_open")
    if due_at is not None and due_at <= now:
        raise ValidationError(_("Hạn nộp đã qua; hãy chọn một ngày sắp tới."), code="due_past")


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def day_end(day: date) -> datetime:
    """The last moment of `day` in the school's time zone: "due 20/12" means all of that day."""
    return timezone.make_aware(datetime.combine(day, time.max))


# --- assigning --------------------------------------------------------------------------------


@transaction.atomic
def assign_lesson(
    *,
    by: User,
    lesson: Lesson,
    audience: str,
    opens_at: datetime,
    due_at: datetime | None = None,
) -> Assignment:
    """Give a published lesson to an audience `by` may address; its pupils are told when it opens."""
    if not by.is_active or not by.is_school_staff:
        raise PermissionDenied(_("Chỉ thầy cô giao bài học."))
    if lesson.status != Status.PUBLISHED:
        raise ValidationError(_("Chỉ giao được bài học đã xuất bản."), code="not_published")
    if lesson.is_training:
        raise ValidationError(
            _("Mô-đun bồi dưỡng dành cho cán bộ, không giao cho học sinh."), code="training"
        )
    school_class = _check_target(by, lesson, audience)
    _check_dates(opens_at, due_at, timezone.now())
    if Assignment.objects.filter(lesson=lesson, audience=audience).exists():
        raise ValidationError(
            _("Bài này đã được giao cho %(who)s. Hãy sửa ngày của lần giao đó.")
            % {"who": audiences.label(audience)},
            code="duplicate",
        )
    assignment = Assignment.objects.create(
        lesson=lesson,
        audience=audience,
        school_class=school_class,
        assigned_by=by,
        opens_at=opens_at,
        due_at=due_at,
    )
    record_audit(actor=by, action="lessons.assign", target=assignment, after=audience)
    task = notify_assignment
    if opens_at > timezone.now() and task.get_backend().supports_defer:
        task = task.using(run_after=opens_at)
    enqueue(task, assignment.pk)
    return assignment


def may_manage(user: User, assignment: Assignment) -> bool:
    if may_assign_widely(user):
        return True
    return (
        assignment.school_class is not None
        and assignment.school_class.homeroom_teacher_id == user.pk
        and user.is_active
    )


@transaction.atomic
def change_dates(
    *, by: User, assignment: Assignment, opens_at: datetime, due_at: datetime | None
) -> Assignment:
    """Move an assignment's dates; a later (or no) due date reopens late work."""
    if not may_manage(by, assignment):
        raise PermissionDenied(_("Thầy cô không sửa được lần giao bài này."))
    _check_dates(opens_at, due_at, timezone.now())
    assignment.opens_at, assignment.due_at = opens_at, due_at
    assignment.save(update_fields=["opens_at", "due_at"])
    record_audit(
        actor=by,
        action="lessons.assignment_dates",
        target=assignment,
        after=f"{opens_at:%d/%m/%Y} – {due_at:%d/%m/%Y}" if due_at else f"{opens_at:%d/%m/%Y}",
    )
    return assignment


# --- reading and the quiz ------------------------------------------------------------------


def _progress_for_update(pupil: User, lesson: Lesson) -> LessonProgress:
    progress = LessonProgress.objects.select_for_update().filter(pupil=pupil, lesson=lesson).first()
    if progress is None:
        try:
            with transaction.atomic():
                progress = LessonProgress.objects.create(pupil=pupil, lesson=lesson)
        except IntegrityError:  # the pupil's other tab created it a moment ago
            progress = LessonProgress.objects.select_for_update().get(pupil=pupil, lesson=lesson)
    return progress


@transaction.atomic
def record_section_opened(*, pupil: User, section: Section) -> LessonProgress:
    """Remember (once) that `pupil` opened `section`; completes the lesson when it was the
    last unread part and the quiz, if any, is passed. The caller checked the pupil may
    read the lesson."""
    if not pupil.is_pupil:
        raise PermissionDenied
    progress = _progress_for_update(pupil, section.lesson)
    if section.pk not in progress.opened_sections:
        progress.opened_sections = [*progress.opened_sections, section.pk]
        progress.updated_at = timezone.now()
        progress.save(update_fields=["opened_sections", "updated_at"])
        _complete_if_done(progress, section.lesson)
    return progress


@transaction.atomic
def record_attempt(*, attempt: Attempt) -> LessonProgress:
    """The hook at the end of services.submit_attempt (inside its transaction): refuses an
    attempt the pupil may not send now (ValidationError: the attempt rolls back), then
    keeps the best and latest scores and completes the lesson when it is passed."""
    refusal = quiz_refusal(attempt.pupil, attempt.lesson)
    if refusal is not None:
        raise ValidationError(refusal, code="not_open")
    progress = _progress_for_update(attempt.pupil, attempt.lesson)
    progress.attempts += 1
    progress.latest_score, progress.latest_total = attempt.score, attempt.total
    progress.latest_attempt = attempt
    if progress.best_score is None or _ratio(attempt.score, attempt.total) > _ratio(
        progress.best_score, progress.best_total
    ):
        progress.best_score, progress.best_total = attempt.score, attempt.total
    progress.updated_at = timezone.now()
    progress.save(
        update_fields=[
            "attempts",
            "latest_score",
            "latest_total",
            "latest_attempt",
            "best_score",
            "best_total",
            "updated_at",
        ]  # fmt: skip
    )
    _complete_if_done(progress, attempt.lesson)
    return progress


def _ratio(score: int | None, total: int | None) -> float:
    return (score or 0) / total if total else 0.0


def passed(progress: LessonProgress, lesson: Lesson) -> bool:
    return (
        progress.best_total is not None
        and 100 * _ratio(progress.best_score, progress.best_total) >= lesson.pass_mark
    )


def _complete_if_done(progress: LessonProgress, lesson: Lesson) -> None:
    """Completion is for good: a later, weaker try does not take a sticker back."""
    if progress.completed_at is not None:
        return
    section_ids = set(lesson.sections.values_list("pk", flat=True))
    if not section_ids <= set(progress.opened_sections):
        return
    if not passed(progress, lesson) and lesson.questions.exists():
        return
    progress.completed_at = timezone.now()
    progress.save(update_fields=["completed_at"])
    Sticker.objects.get_or_create(
        pupil_id=progress.pupil_id, lesson=lesson, defaults={"image": lesson.sticker}
    )


# --- "Nhắc": reminding the pupils who have not finished -------------------------------------


@transaction.atomic
def remind_class(
    *, by: User, school_class: SchoolClass, lesson: Lesson, with_parents: bool = False
) -> int:
    """Remind the class's pupils who have not completed `lesson` (and, when asked, their
    parents). Once a day per lesson per class: a second try raises ValidationError.
    Returns how many people were told."""
    if not may_assign_widely(by) and school_class.homeroom_teacher_id != by.pk:
        raise PermissionDenied(_("Thầy cô chỉ nhắc được lớp mình chủ nhiệm."))
    if not for_scope(scope_for_class(school_class)).filter(lesson=lesson).exists():
        raise ValidationError(_("Bài này chưa được giao cho lớp."), code="not_given")
    # Exists, not exclude() across the relation: exclude() would match the lesson and
    # "completed" on two different rows (any other lesson completed).
    completed = LessonProgress.objects.filter(
        pupil=OuterRef("pk"), lesson=lesson, completed_at__isnull=False
    )
    pending = list(
        User.objects.filter(
            role=Role.PUPIL, is_active=True, enrolments__school_class=school_class
        ).exclude(Exists(completed))
    )
    if not pending:
        raise ValidationError(_("Cả lớp đã hoàn thành bài này, không cần nhắc."), code="all_done")
    today = timezone.localdate()
    try:
        with transaction.atomic():
            reminder = ClassReminder.objects.create(
                lesson=lesson,
                school_class=school_class,
                day=today,
                sent_by=by,
                with_parents=with_parents,
            )
    except IntegrityError:
        raise ValidationError(
            _("Hôm nay lớp %(name)s đã được nhắc bài này rồi. Ngày mai thầy cô nhắc lại nhé.")
            % {"name": school_class.name},
            code="reminded_today",
        ) from None
    url = lesson.get_absolute_url()
    told = notify(
        recipients=pending,
        kind="lessons.reminder",
        title=_("Em nhớ hoàn thành bài học: %(title)s") % {"title": lesson.title},
        url=url,
    )
    if with_parents:
        parents = User.objects.filter(
            role=Role.PARENT, is_active=True, guardianships__pupil__in=pending
        ).distinct()
        told += notify(
            recipients=parents,
            kind="lessons.reminder",
            title=_("Con chưa hoàn thành bài học: %(title)s") % {"title": lesson.title},
            url=url,
        )
    reminder.recipients = told
    reminder.save(update_fields=["recipients"])
    record_audit(actor=by, action="lessons.remind", target=lesson, after=school_class.name)
    return told


def reminded_today(school_class: SchoolClass, lesson: Lesson) -> bool:
    return ClassReminder.objects.filter(
        school_class=school_class, lesson=lesson, day=timezone.localdate()
    ).exists()
