"""Who belongs to which class in a school year, loaded once per page (four queries),
so that a report or the overview can answer "who was this announcement for" for any
number of announcements without a query per announcement or per class.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from accounts.models import Guardianship, Role, SchoolClass, SchoolYear, User


@dataclass(frozen=True)
class ClassInfo:
    pk: int
    name: str
    grade: int
    homeroom_teacher_id: int | None


@dataclass
class Population:
    classes: list[ClassInfo]
    pupils_by_class: dict[int, set[int]] = field(default_factory=dict)
    # Per class: the parent accounts of its pupils (active ones).
    parents_by_class: dict[int, set[int]] = field(default_factory=dict)
    # Per class: each pupil with guardian accounts -> whether any of them ever logged in.
    families_by_class: dict[int, dict[int, bool]] = field(default_factory=dict)
    staff: set[int] = field(default_factory=set)
    # The school year counted ([] without one): attempts and receipts count towards the
    # class a pupil was in that year.
    year_ids: list[int] = field(default_factory=list)

    @classmethod
    def load(cls, year: SchoolYear | None) -> "Population":
        """Four queries: classes, pupils, guardians, staff."""
        if year is None:
            return cls(classes=[])
        classes = [
            ClassInfo(pk, name, grade, teacher)
            for pk, name, grade, teacher in SchoolClass.objects.filter(year=year)
            .order_by("grade", "name")
            .values_list("pk", "name", "grade", "homeroom_teacher_id")
        ]
        population = cls(classes=classes, year_ids=[year.pk])
        pupils: dict[int, set[int]] = defaultdict(set)
        for pupil_id, class_id in User.objects.filter(
            role=Role.PUPIL, is_active=True, enrolments__year=year
        ).values_list("pk", "enrolments__school_class_id"):
            pupils[class_id].add(pupil_id)
        parents: dict[int, set[int]] = defaultdict(set)
        families: dict[int, dict[int, bool]] = defaultdict(dict)
        for parent_id, pupil_id, class_id, last_login in Guardianship.objects.filter(
            parent__is_active=True, pupil__is_active=True, pupil__enrolments__year=year
        ).values_list(
            "parent_id", "pupil_id", "pupil__enrolments__school_class_id", "parent__last_login"
        ):
            parents[class_id].add(parent_id)
            families[class_id][pupil_id] = families[class_id].get(pupil_id, False) or (
                last_login is not None
            )
        population.pupils_by_class = dict(pupils)
        population.parents_by_class = dict(parents)
        population.families_by_class = dict(families)
        population.staff = set(
            User.objects.filter(role=Role.STAFF, is_active=True).values_list("pk", flat=True)
        )
        return population

    def grade_of(self, class_id: int) -> int | None:
        for info in self.classes:
            if info.pk == class_id:
                return info.grade
        return None

    def parents_addressed(self, keys: set[str], info: ClassInfo) -> bool:
        """Whether an announcement with audience `keys` reaches the parents of the class."""
        return bool(keys & parent_keys(info))

    def recipients(self, keys: set[str]) -> set[int]:
        """Every person an announcement with audience `keys` is for (no query)."""
        found: set[int] = set()
        everyone = {"public", "school"}
        if keys & (everyone | {"school:staff", "staff"}):
            found |= self.staff
        for info in self.classes:
            pupils = self.pupils_by_class.get(info.pk, set())
            parents = self.parents_by_class.get(info.pk, set())
            whole = {f"grade:{info.grade}", f"class:{info.pk}"} | everyone
            if keys & (
                whole | {"school:pupil", f"grade:{info.grade}:pupil", f"class:{info.pk}:pupil"}
            ):
                found |= pupils
            if keys & parent_keys(info):
                found |= parents
            if info.homeroom_teacher_id and keys & (
                whole | {f"grade:{info.grade}:staff", f"class:{info.pk}:staff"}
            ):
                found.add(info.homeroom_teacher_id)
        return found


def parent_keys(info: ClassInfo) -> set[str]:
    return {
        "public",
        "school",
        "school:parent",
        f"grade:{info.grade}",
        f"grade:{info.grade}:parent",
        f"class:{info.pk}",
        f"class:{info.pk}:parent",
    }
