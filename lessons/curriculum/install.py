"""Installing the starter curriculum: no person acts, so this is not a service with an
actor's rights; the lessons are written and published by the system account.

Idempotent by `Lesson.starter_key`: a starter whose key is already present is left
exactly as it is, whether a teacher edited it or not, so running the command again
(or on every deploy) creates nothing twice and overwrites nothing.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import record_audit
from lib.html import sanitize_html

from .. import quiz_services, services
from ..models import Choice, Lesson, Question, QuestionKind, Section, Status
from . import Starter
from .pupils import LESSONS
from .staff import MODULES

SYSTEM_USERNAME = "cong-truong-he-thong"
SYSTEM_NAME = "Cổng Trường (hệ thống)"

STARTERS: list[Starter] = [*LESSONS, *MODULES]


@dataclass
class Installed:
    created: list[Lesson] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # keys already present


def system_account() -> User:
    """The author and publisher of starter lessons: an inactive staff account that
    cannot log in (no usable password), created on first use."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "full_name": SYSTEM_NAME,
            "role": Role.STAFF,
            "is_active": False,
            "must_change_password": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _choices(question: dict) -> list[tuple[str, bool]]:
    # Data, not interface text: a starter is Vietnamese whatever language the command runs in.
    if question["kind"] == QuestionKind.TRUE_FALSE:
        return [("Đúng", question["true"]), ("Sai", not question["true"])]
    return list(question["choices"])


def _install_one(starter: Starter, *, system: User) -> Lesson:
    """Call inside a transaction. Validates every question as the editor's form does."""
    now = timezone.now()
    first, last = starter.grades
    lesson = Lesson.objects.create(
        title=starter.title,
        slug=services._lesson_slug(starter.title),
        min_grade=first,
        max_grade=last,
        goals=starter.goals,
        minutes=starter.minutes,
        audience=starter.audience,
        status=Status.PUBLISHED,
        author=system,
        publisher=system,
        created_at=now,
        updated_at=now,
        published_at=now,
        starter_key=starter.key,
    )
    Section.objects.bulk_create(
        Section(lesson=lesson, position=i, title=title, body=sanitize_html(body))
        for i, (title, body) in enumerate(starter.sections, start=1)
    )
    for position, spec in enumerate(starter.questions, start=1):
        choices = _choices(spec)
        quiz_services.check_choices(spec["kind"], choices)
        question = Question.objects.create(
            lesson=lesson,
            position=position,
            kind=spec["kind"],
            text=spec["text"],
            explanation=spec["explanation"],
        )
        Choice.objects.bulk_create(
            Choice(question=question, position=i, text=text, is_correct=is_correct)
            for i, (text, is_correct) in enumerate(choices, start=1)
        )
    record_audit(actor=system, action="lessons.install_starter", target=lesson)
    return lesson


def install_curriculum(starters: list[Starter] | None = None) -> Installed:
    """Install the starters whose key is not present yet; each one in its own transaction."""
    result = Installed()
    system = system_account()
    present = set(
        Lesson.objects.filter(starter_key__isnull=False).values_list("starter_key", flat=True)
    )
    for starter in STARTERS if starters is None else starters:
        if starter.key in present:
            result.skipped.append(starter.key)
            continue
        try:
            with transaction.atomic():
                result.created.append(_install_one(starter, system=system))
        except IntegrityError:  # installed by a concurrent run a moment ago
            result.skipped.append(starter.key)
    return result
