"""Reading assignments: what each pupil was given, its state, who may take a quiz, and
the teacher's grid. Writes live in lessons/progress.py.

A pupil's assignments are those whose audience key (accounts.audiences) is one of
the pupil's own (`school:pupil`, `grade:<n>:pupil`, `class:<id>:pupil`) and whose
lesson is published and suits the pupil's grade. Several assignments of one lesson
(the class's and the grade's) merge into one: it opens at the earliest opening and
is due at the latest deadline of those that have opened (the kinder reading).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import Role, SchoolClass, User

from .models import Assignment, Lesson, LessonProgress, Status, Sticker

# --- whose assignments ------------------------------------------------------------------


@dataclass(frozen=True)
class PupilScope:
    """The audience keys that give a pupil lessons, and the pupil's grade and class."""

    keys: tuple[str, ...]
    grade: int
    class_id: int


def scope_for_class(school_class: SchoolClass) -> PupilScope:
    return PupilScope(
        keys=(
            audiences.Audience(audiences.SCHOOL, None, Role.PUPIL).key,
            audiences.grade_key(school_class.grade, Role.PUPIL),
            audiences.class_key(school_class.pk, Role.PUPIL),
        ),
        grade=school_class.grade,
        class_id=school_class.pk,
    )


def scope_for_pupil(user) -> PupilScope | None:
    """From the pupil's audience keys (accounts caches them on the user: usually no query)."""
    if not getattr(user, "is_pupil", False) or not user.is_active:
        return None
    grade = class_id = None
    for key in audiences.keys_for(user):
        audience = audiences.parse(key)
        if audience.role is not None:
            continue
        if audience.scope == "grade":
            grade = audience.value
        elif audience.scope == "class":
            class_id = audience.value
    if grade is None or class_id is None:
        return None  # not in a class this school year: nothing assigned
    school_class = SchoolClass(pk=class_id, grade=grade)
    return scope_for_class(school_class)


def for_scope(scope: PupilScope) -> QuerySet[Assignment]:
    return Assignment.objects.filter(
        audience__in=scope.keys,
        lesson__status=Status.PUBLISHED,
        lesson__min_grade__lte=scope.grade,
        lesson__max_grade__gte=scope.grade,
    )


def assignments_for(user) -> QuerySet[Assignment]:
    scope = scope_for_pupil(user)
    return for_scope(scope) if scope is not None else Assignment.objects.none()


# --- one lesson as a pupil has it --------------------------------------------------------

TODO, DONE, OVERDUE, UPCOMING = "todo", "done", "overdue", "upcoming"


@dataclass
class Given:
    """One lesson given to one pupil (its assignments merged) and the pupil's progress."""

    lesson: Lesson
    opens_at: datetime
    due_at: datetime | None
    assigned_at: datetime
    progress: LessonProgress | None = None
    assignments: list[Assignment] = field(default_factory=list)
    sections_total: int | None = None  # when the caller counted them (the pupil's list)

    @property
    def sections_read(self) -> int:
        return len(self.progress.opened_sections) if self.progress is not None else 0

    def state(self, now: datetime) -> str:
        if self.progress is not None and self.progress.completed_at is not None:
            return DONE
        if self.opens_at > now:
            return UPCOMING
        if self.due_at is not None and self.due_at <= now:
            return OVERDUE
        return TODO

    @property
    def in_progress(self) -> bool:
        p = self.progress
        return p is not None and p.completed_at is None and bool(p.attempts or p.opened_sections)


def merge(assignments: Iterable[Assignment], now: datetime) -> dict[int, Given]:
    """{lesson id: Given} from assignments with their lesson loaded, in the order given."""
    grouped: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        grouped[assignment.lesson_id].append(assignment)
    merged = {}
    for lesson_id, group in grouped.items():
        opened = [a for a in group if a.opens_at <= now] or group
        dues = [a.due_at for a in opened]
        merged[lesson_id] = Given(
            lesson=group[0].lesson,
            opens_at=min(a.opens_at for a in group),
            due_at=None if None in dues else max(d for d in dues if d is not None),
            assigned_at=max(a.created_at for a in group),
            assignments=group,
            sections_total=getattr(group[0], "section_count", None),
        )
    return merged


def given_lesson(user, lesson: Lesson, now: datetime | None = None) -> Given | None:
    """`lesson` as given to pupil `user`, or None when it was not. One query."""
    now = now or timezone.now()
    found = merge(assignments_for(user).filter(lesson=lesson).select_related("lesson"), now)
    return found.get(lesson.pk)


def quiz_refusal(user, lesson: Lesson, now: datetime | None = None) -> str | None:
    """Why `user` may not send answers to `lesson`'s quiz now, or None when they may.
    Only pupils; only a lesson given to them, once open and before it is due
    (a teacher reopens late work by moving the due date). One query for a pupil."""
    now = now or timezone.now()
    if not getattr(user, "is_pupil", False) or not user.is_active:
        return _("Chỉ học sinh làm bài kiểm tra.")
    given = given_lesson(user, lesson, now)
    return refusal_for(given, now)


def refusal_for(given: Given | None, now: datetime) -> str | None:
    if given is None:
        return _(
            "Bài học này chưa được giao cho em. Em vẫn đọc bài được; khi thầy cô giao bài, "
            "em làm bài kiểm tra nhé."
        )
    if given.opens_at > now:
        return _("Bài này mở từ %(when)s. Em quay lại lúc đó nhé.") % {
            "when": date_format(timezone.localtime(given.opens_at), "d/m/Y H:i")
        }
    if given.due_at is not None and given.due_at <= now:
        return _(
            "Bài này đã hết hạn nộp lúc %(when)s nên không nộp được nữa. "
            "Em hỏi thầy cô chủ nhiệm nếu muốn làm lại nhé."
        ) % {"when": date_format(timezone.localtime(given.due_at), "d/m/Y H:i")}
    return None


def progress_of(user, lesson: Lesson) -> LessonProgress | None:
    if not getattr(user, "is_pupil", False):
        return None
    return LessonProgress.objects.filter(pupil=user, lesson=lesson).first()


# --- the pupil's list "Bài học của em" and the navigation count ---------------------------


@dataclass
class PupilLessons:
    todo: list[Given] = field(default_factory=list)
    overdue: list[Given] = field(default_factory=list)
    upcoming: list[Given] = field(default_factory=list)
    done: list[Given] = field(default_factory=list)
    stickers: list[Sticker] = field(default_factory=list)
    class_total: int = 0
    class_name: str = ""


def pupil_lessons(user: User, now: datetime | None = None) -> PupilLessons:
    """A pupil's given lessons by state, newest first; their stickers; their class's total
    of completed lessons. Four queries: assignments+lessons, progress, stickers, class total
    (and the class name with it)."""
    now = now or timezone.now()
    scope = scope_for_pupil(user)
    result = PupilLessons()
    if scope is None:
        return result
    given = merge(
        for_scope(scope)
        .select_related("lesson")
        .annotate(section_count=Count("lesson__sections"))
        .order_by("-opens_at", "-id"),
        now,
    )
    for progress in LessonProgress.objects.filter(pupil=user):  # one query, even with none given
        if progress.lesson_id in given:
            given[progress.lesson_id].progress = progress
    for item in sorted(given.values(), key=lambda g: g.opens_at, reverse=True):
        getattr(result, item.state(now)).append(item)
    result.stickers = list(Sticker.objects.filter(pupil=user).select_related("lesson"))
    result.class_total, result.class_name = class_total(scope.class_id)
    return result


def class_total(class_id: int) -> tuple[int, str]:
    """How many lessons the pupils of a class have completed (a count, never who) and the
    class's name. One query."""
    row = (
        SchoolClass.objects.filter(pk=class_id)
        .annotate(total=Count("enrolments__pupil__lesson_stickers"))
        .values_list("total", "name")
        .first()
    )
    return row if row is not None else (0, "")


def todo_count(user, now: datetime | None = None) -> int:
    """The navigation badge: lessons open to the pupil, not due, not completed. One query."""
    scope = scope_for_pupil(user)
    if scope is None:
        return 0
    now = now or timezone.now()
    completed = LessonProgress.objects.filter(
        pupil=user, lesson=OuterRef("lesson_id"), completed_at__isnull=False
    )
    return (
        for_scope(scope)
        .filter(Q(due_at__isnull=True) | Q(due_at__gt=now), opens_at__lte=now)
        .exclude(Exists(completed))
        .values("lesson_id")
        .distinct()
        .count()
    )


# --- a parent's children -----------------------------------------------------------------


def children_lessons(
    children: Sequence[tuple[User, SchoolClass | None]], now: datetime | None = None
) -> dict[int, list[Given]]:
    """{pupil id: their given lessons, newest first, with progress} for a parent's page.
    Two queries whatever the number of children and lessons."""
    now = now or timezone.now()
    scopes = {pupil.pk: scope_for_class(c) for pupil, c in children if c is not None}
    if not scopes:
        return {}
    match = Q(pk__in=[])
    for scope in scopes.values():
        match |= Q(
            audience__in=scope.keys,
            lesson__min_grade__lte=scope.grade,
            lesson__max_grade__gte=scope.grade,
        )
    assignments = list(
        Assignment.objects.filter(match, lesson__status=Status.PUBLISHED)
        .select_related("lesson")
        .order_by("-opens_at", "-id")
    )
    progress = {
        (p.pupil_id, p.lesson_id): p
        # Every progress row of the children (not only of given lessons): one query even
        # when nothing is given yet, and a child reads few lessons.
        for p in LessonProgress.objects.filter(pupil__in=list(scopes))
    }
    result: dict[int, list[Given]] = {}
    for pupil_id, scope in scopes.items():
        mine = [
            a
            for a in assignments
            if a.audience in scope.keys and a.lesson.min_grade <= scope.grade <= a.lesson.max_grade
        ]
        items = sorted(merge(mine, now).values(), key=lambda g: g.opens_at, reverse=True)
        for item in items:
            item.progress = progress.get((pupil_id, item.lesson.pk))
        result[pupil_id] = [item for item in items if item.opens_at <= now]
    return result
