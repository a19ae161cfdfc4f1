"""Staff training: who may take, confirm and follow up a module, and the reads behind
its pages ("Bồi dưỡng của tôi", the completion grid, the confirmation list).

Access helpers raise 404 for what a person may not know exists (a pupil never learns
that a staff module exists) and PermissionDenied for a page of a role they lack.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.http import Http404

from accounts.models import Role, User

from .models import (
    Attempt,
    Audience,
    Lesson,
    Question,
    Status,
    TrainingConfirmation,
)

PASS_PERCENT = 70


# --- who may do what ---------------------------------------------------------------------


def may_train(user: User | AnonymousUser | None) -> bool:
    """Staff and parents take modules (parents only those for families); pupils never."""
    return isinstance(user, User) and user.is_active and (user.is_school_staff or user.is_parent)


def can_administer_training(user: User | AnonymousUser | None) -> bool:
    return isinstance(user, User) and user.is_active and user.can_administer


def module_is_open_to(person: User, lesson: Lesson) -> bool:
    """A published module addressed to `person`'s role. No query."""
    if lesson.status != Status.PUBLISHED or not lesson.is_training:
        return False
    if person.is_school_staff:
        return True
    return person.is_parent and lesson.audience == Audience.STAFF_AND_FAMILIES


def require_training_admin(user: User | AnonymousUser | None) -> User:
    """Administrators pass; other staff get 403; families (and visitors) 404."""
    if can_administer_training(user) and isinstance(user, User):
        return user
    if isinstance(user, User) and user.is_school_staff:
        raise PermissionDenied
    raise Http404


def require_trainee(user: User | AnonymousUser | None) -> User:
    if not may_train(user) or not isinstance(user, User):
        raise Http404
    return user


def get_module_for_trainee(user: User | AnonymousUser | None, slug: str) -> Lesson:
    """A module `user` may read: published for their role, or (staff) their own draft,
    as a preview. 404 otherwise (pupils: always). Taking its quiz and confirming it
    need a published module (training.py)."""
    person = require_trainee(user)
    lesson = Lesson.objects.visible_to(person).training().filter(slug=slug).first()
    if lesson is None:
        raise Http404
    return lesson


def get_module_for_admin(user: User | AnonymousUser | None, slug: str) -> Lesson:
    require_training_admin(user)
    lesson = Lesson.objects.training().filter(slug=slug).first()
    if lesson is None:
        raise Http404
    return lesson


# --- passing, completing -------------------------------------------------------------------


def passing_attempts() -> QuerySet[Attempt]:
    """Attempts with at least PASS_PERCENT of the questions right (integers only)."""
    return Attempt.objects.alias(score_x100=F("score") * 100).filter(
        score_x100__gte=F("total") * PASS_PERCENT
    )


def has_passed(person: User, lesson: Lesson) -> bool:
    return passing_attempts().filter(pupil=person, lesson=lesson).exists()


def completed_confirmations(lesson: Lesson) -> QuerySet[TrainingConfirmation]:
    """Confirmations that complete `lesson`: confirmed and, if it has a quiz, passed."""
    has_quiz = Question.objects.filter(lesson=lesson)
    passed = passing_attempts().filter(pupil=OuterRef("person"), lesson=lesson)
    return TrainingConfirmation.objects.filter(lesson=lesson).filter(
        ~Exists(has_quiz) | Exists(passed)
    )


def audience_people(lesson: Lesson) -> QuerySet[User]:
    """The active people a module is addressed to: staff, and parents for the rules."""
    roles = [Role.STAFF]
    if lesson.audience == Audience.STAFF_AND_FAMILIES:
        roles.append(Role.PARENT)
    return User.objects.filter(is_active=True, role__in=roles)


def pending_people(lesson: Lesson) -> QuerySet[User]:
    """The module's audience minus those who completed it."""
    done = completed_confirmations(lesson).values("person")
    return audience_people(lesson).exclude(pk__in=done)


def get_completion(lesson: Lesson, person_pk: int) -> TrainingConfirmation:
    """`person_pk`'s completing confirmation of `lesson` (+ person), or 404."""
    confirmation = (
        completed_confirmations(lesson)
        .select_related("person")
        .filter(person_id=person_pk, person__is_active=True)
        .first()
    )
    if confirmation is None:
        raise Http404
    return confirmation


# --- "Bồi dưỡng của tôi" -------------------------------------------------------------------


def modules_for(person: User) -> QuerySet[Lesson]:
    """The published modules addressed to `person`, each with has_quiz, confirmed_at
    (None until confirmed), passed and best score. One query."""
    audiences = [Audience.STAFF_AND_FAMILIES]
    if person.is_school_staff:
        audiences.append(Audience.STAFF)
    mine = Attempt.objects.filter(pupil=person, lesson=OuterRef("pk"))
    best = mine.order_by("-score", "-finished_at")
    return (
        Lesson.objects.published()
        .filter(audience__in=audiences)
        .annotate(
            has_quiz=Exists(Question.objects.filter(lesson=OuterRef("pk"))),
            confirmed_at=Subquery(
                TrainingConfirmation.objects.filter(person=person, lesson=OuterRef("pk")).values(
                    "confirmed_at"
                )[:1]
            ),
            passed=Exists(passing_attempts().filter(pupil=person, lesson=OuterRef("pk"))),
            best_score=Subquery(best.values("score")[:1]),
            best_total=Subquery(best.values("total")[:1]),
        )
        .order_by("title", "id")
    )


# --- the administrators' grid ----------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    module: Lesson
    completed_on: datetime | None  # the confirmation date, when complete
    confirmed_not_passed: bool = False


@dataclass(frozen=True)
class Row:
    person: User
    cells: list[Cell]

    @property
    def done(self) -> int:
        return sum(1 for cell in self.cells if cell.completed_on is not None)


def grid_modules() -> list[Lesson]:
    """Every published module, with has_quiz. One query."""
    return list(
        Lesson.objects.training()
        .published()
        .annotate(has_quiz=Exists(Question.objects.filter(lesson=OuterRef("pk"))))
        .order_by("title", "id")
    )


def grid_people() -> QuerySet[User]:
    """The rows of the grid: active staff, by name (the Vietnamese sort key)."""
    return User.objects.filter(is_active=True, role=Role.STAFF).order_by("full_name", "id")


def completion_rows(people: list[User], modules: list[Lesson]) -> list[Row]:
    """One row per person, one cell per module. Two queries whatever the sizes."""
    confirmed = {
        (person_id, lesson_id): at
        for person_id, lesson_id, at in TrainingConfirmation.objects.filter(
            person__in=people, lesson__in=modules
        ).values_list("person_id", "lesson_id", "confirmed_at")
    }
    passed = set(
        passing_attempts()
        .filter(pupil__in=people, lesson__in=[m for m in modules if m.has_quiz])  # type: ignore[attr-defined]
        .order_by()
        .values_list("pupil_id", "lesson_id")
        .distinct()
    )
    rows = []
    for person in people:
        cells = []
        for module in modules:
            at = confirmed.get((person.pk, module.pk))
            complete = at is not None and (
                not module.has_quiz or (person.pk, module.pk) in passed  # type: ignore[attr-defined]
            )
            cells.append(
                Cell(
                    module=module,
                    completed_on=at if complete else None,
                    confirmed_not_passed=at is not None and not complete,
                )
            )
        rows.append(Row(person=person, cells=cells))
    return rows


def confirmations_of(lesson: Lesson) -> QuerySet[TrainingConfirmation]:
    """Who confirmed `lesson`, by name, with their role, newest first."""
    return (
        TrainingConfirmation.objects.filter(lesson=lesson)
        .select_related("person")
        .order_by("-confirmed_at", "-id")
    )


def pending_staff(lesson: Lesson) -> QuerySet[User]:
    """The staff who have not completed `lesson`, by name (parents are counted, not listed)."""
    return pending_people(lesson).filter(role=Role.STAFF).order_by("full_name", "id")


def counts_for(lesson: Lesson) -> dict[str, int]:
    """How many completed, and how many of the audience have not. Two queries."""
    return {
        "completed": completed_confirmations(lesson).filter(person__is_active=True).count(),
        "pending": pending_people(lesson).count(),
    }
