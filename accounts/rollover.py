"""Moving the school into the next year: preview first, then one transaction.

- The next year is named from the current one ("2026-2027" → "2027-2028"),
  with the same start and end dates one year later, and becomes current.
- Each class of grade 1–4 gets a successor one grade up with the same letter
  ("4B" → "5B"); its pupils are enrolled there. Enrolments of past years stay
  (that is the history); nothing is deleted.
- Grade-1 classes of the new year are created empty ("1A", "1B" as this
  year), ready for the new intake's import.
- Grade 5 leaves primary school: its pupils are deactivated (their sessions
  end) and kept for the record; a parent with no remaining active child is
  deactivated too.
- Homeroom teachers are not carried over: the school assigns them each year
  (shown in the preview, set in the Django admin).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from .models import Enrolment, Guardianship, Role, SchoolClass, SchoolYear, User
from .services import check_administers, end_sessions_of, record_audit
from .signals import classes_changed

LAST_GRADE = 5


class RolloverError(Exception):
    pass


@dataclass
class ClassMove:
    source: str
    target: str
    pupils: int


@dataclass
class RolloverPlan:
    current: SchoolYear
    next_name: str
    starts_on: dt.date
    ends_on: dt.date
    moves: list[ClassMove] = field(default_factory=list)
    new_first_grade: list[str] = field(default_factory=list)
    leaving_classes: list[ClassMove] = field(default_factory=list)
    leaving_pupils: int = 0
    leaving_parents: int = 0


def _shift(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def next_year_name(name: str) -> str:
    try:
        first, second = (int(part) for part in name.split("-"))
    except ValueError:
        raise RolloverError(
            _("Tên năm học “%(name)s” không có dạng 2026-2027.") % {"name": name}
        ) from None
    return f"{first + 1}-{second + 1}"


def plan_rollover() -> RolloverPlan:
    """What the rollover would do. Reads only (four queries)."""
    current = SchoolYear.objects.current()
    if current is None:
        raise RolloverError(_("Chưa có năm học hiện tại."))
    plan = RolloverPlan(
        current=current,
        next_name=next_year_name(current.name),
        starts_on=_shift(current.starts_on),
        ends_on=_shift(current.ends_on),
    )
    if SchoolYear.objects.filter(name=plan.next_name).exists():
        raise RolloverError(_("Năm học %(name)s đã có.") % {"name": plan.next_name})
    classes = SchoolClass.objects.filter(year=current).annotate(pupil_count=Count("enrolments"))
    for school_class in classes.order_by("grade", "name"):
        if school_class.grade >= LAST_GRADE:
            plan.leaving_classes.append(ClassMove(school_class.name, "", school_class.pupil_count))
            plan.leaving_pupils += school_class.pupil_count
        else:
            plan.moves.append(
                ClassMove(
                    school_class.name,
                    _promoted_name(school_class.name, school_class.grade),
                    school_class.pupil_count,
                )
            )
        if school_class.grade == 1:
            plan.new_first_grade.append(school_class.name)
    plan.leaving_parents = _leaving_parents(current).count()
    return plan


def _promoted_name(name: str, grade: int) -> str:
    prefix = str(grade)
    suffix = name[len(prefix) :] if name.startswith(prefix) else name
    return f"{grade + 1}{suffix}"


def _leaving_parents(current: SchoolYear):
    staying = Enrolment.objects.filter(
        school_class__year=current, school_class__grade__lt=LAST_GRADE, pupil__is_active=True
    ).values("pupil_id")
    return User.objects.filter(role=Role.PARENT, is_active=True).filter(
        Exists(
            Guardianship.objects.filter(
                parent=OuterRef("pk"),
                pupil__enrolments__school_class__year=current,
                pupil__enrolments__school_class__grade__gte=LAST_GRADE,
            )
        ),
        ~Exists(Guardianship.objects.filter(parent=OuterRef("pk"), pupil_id__in=staying)),
    )


@transaction.atomic
def run_rollover(*, by: User) -> SchoolYear:
    check_administers(by)
    plan = plan_rollover()
    current = plan.current
    leaving_parents = list(_leaving_parents(current))
    SchoolYear.objects.filter(pk=current.pk).update(is_current=False)
    new_year = SchoolYear.objects.create(
        name=plan.next_name, starts_on=plan.starts_on, ends_on=plan.ends_on, is_current=True
    )
    old_classes = list(SchoolClass.objects.filter(year=current))
    successors: dict[int, SchoolClass] = {}
    new_classes = []
    for school_class in old_classes:
        if school_class.grade < LAST_GRADE:
            successor = SchoolClass(
                year=new_year,
                grade=school_class.grade + 1,
                name=_promoted_name(school_class.name, school_class.grade),
            )
            successors[school_class.pk] = successor
            new_classes.append(successor)
        if school_class.grade == 1:
            new_classes.append(SchoolClass(year=new_year, grade=1, name=school_class.name))
    SchoolClass.objects.bulk_create(new_classes)
    classes_changed.send(sender=SchoolClass, year=new_year)
    enrolments = []
    leaving: list[int] = []
    for enrolment in Enrolment.objects.filter(school_class__year=current).select_related(
        "school_class"
    ):
        next_class = successors.get(enrolment.school_class_id)
        if next_class is None:
            leaving.append(enrolment.pupil_id)
            continue
        enrolments.append(
            Enrolment(
                pupil_id=enrolment.pupil_id,
                school_class=next_class,
                year=new_year,
                enrolled_on=new_year.starts_on,
            )
        )
    Enrolment.objects.bulk_create(enrolments, batch_size=500)
    leavers = list(User.objects.filter(pk__in=leaving, is_active=True))
    User.objects.filter(pk__in=[u.pk for u in leavers + leaving_parents]).update(is_active=False)
    end_sessions_of(user_ids=[person.pk for person in leavers + leaving_parents])
    record_audit(
        actor=by,
        action="school.rollover",
        target=new_year,
        before=current.name,
        after=(
            f"{len(enrolments)} học sinh lên lớp, {len(leavers)} học sinh lớp {LAST_GRADE} ra trường, "
            f"{len(leaving_parents)} phụ huynh ngừng hoạt động"
        ),
    )
    return new_year
