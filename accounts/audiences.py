"""Audiences: the one concept that decides who sees what.

An audience is a string key. A scope (public, the whole school, a grade, a
class) optionally narrowed to a role:

    public                anyone, even not logged in
    school                everyone with an account
    school:parent         every parent
    grade:5               pupils, parents and staff of grade 5
    grade:5:pupil         pupils of grade 5
    class:12              pupils, parents and the homeroom teacher of class 12
    class:12:parent       parents of class 12's pupils
    staff                 every staff member (same as school:staff)

Content stores its key(s); `keys_for(user)` gives the keys a person belongs to,
so "may see" is `content_key in keys_for(user)` or, in a query,
`filter(audience__in=keys_for(user))`. Scopes follow the current school year.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import Enrolment, Role, SchoolClass, User

PUBLIC = "public"
SCHOOL = "school"
STAFF = "staff"
ROLE_SUFFIXES = (Role.PUPIL, Role.PARENT, Role.STAFF)
_CACHE_ATTR = "_audience_keys"


@dataclass(frozen=True)
class Audience:
    scope: str  # public | school | grade | class
    value: int | None = None
    role: str | None = None

    @property
    def key(self) -> str:
        if self.scope == PUBLIC:
            return PUBLIC
        parts = (
            [self.scope]
            + ([str(self.value)] if self.value is not None else [])
            + ([self.role] if self.role else [])
        )
        return ":".join(parts)


def parse(key: str) -> Audience:
    """Turn a key back into an Audience; raises ValueError on a malformed key."""
    if key == PUBLIC:
        return Audience(PUBLIC)
    if key == STAFF:
        return Audience(SCHOOL, None, Role.STAFF)
    parts = key.split(":")
    if parts[0] == SCHOOL and len(parts) <= 2:
        role = parts[1] if len(parts) == 2 else None
        if role is not None and role not in ROLE_SUFFIXES:
            raise ValueError(key)
        return Audience(SCHOOL, None, role)
    if parts[0] in {"grade", "class"} and len(parts) in {2, 3} and parts[1].isdigit():
        role = parts[2] if len(parts) == 3 else None
        if role is not None and role not in ROLE_SUFFIXES:
            raise ValueError(key)
        return Audience(parts[0], int(parts[1]), role)
    raise ValueError(key)


def _with_roles(base: str, role: str) -> set[str]:
    return {base, f"{base}:{role}"}


def keys_for(user) -> frozenset[str]:
    """Every audience key `user` belongs to. Cached on the user object.

    Costs one query for a pupil, parent or homeroom teacher; none for a visitor.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset({PUBLIC})
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    keys = {PUBLIC} | _with_roles(SCHOOL, user.role)
    if user.role == Role.STAFF:
        keys.add(STAFF)
        classes = SchoolClass.objects.filter(year__is_current=True, homeroom_teacher=user)
    elif user.role == Role.PUPIL:
        classes = SchoolClass.objects.filter(year__is_current=True, enrolments__pupil=user)
    else:
        classes = SchoolClass.objects.filter(
            year__is_current=True, enrolments__pupil__guardians__parent=user
        )
    for class_id, grade in classes.values_list("id", "grade").distinct():
        keys |= _with_roles(f"grade:{grade}", user.role) | _with_roles(
            f"class:{class_id}", user.role
        )
    result = frozenset(keys)
    setattr(user, _CACHE_ATTR, result)
    return result


def belongs(user, key: str) -> bool:
    return key in keys_for(user)


def users_in(key: str) -> QuerySet[User]:
    """Active users who belong to the audience `key` (current school year)."""
    audience = parse(key)
    active = User.objects.filter(is_active=True)
    if audience.scope == PUBLIC:
        return active
    roles = [audience.role] if audience.role else list(ROLE_SUFFIXES)
    if audience.scope == SCHOOL:
        return active.filter(role__in=roles)
    class_filter = Q(year__is_current=True) & (
        Q(grade=audience.value) if audience.scope == "grade" else Q(pk=audience.value)
    )
    class_ids = SchoolClass.objects.filter(class_filter).values("pk")
    pupil_ids = Enrolment.objects.filter(school_class__in=class_ids).values("pupil_id")
    who = Q(pk__in=[])
    if Role.PUPIL in roles:
        who |= Q(role=Role.PUPIL, pk__in=pupil_ids)
    if Role.PARENT in roles:
        who |= Q(role=Role.PARENT, guardianships__pupil__in=pupil_ids)
    if Role.STAFF in roles:
        who |= Q(role=Role.STAFF, homeroom_classes__in=class_ids)
    return active.filter(who).distinct()


def label(key: str, *, class_names: dict[int, str] | None = None) -> str:
    """A Vietnamese label for a key, e.g. 'Phụ huynh lớp 5A'."""
    audience = parse(key)
    if audience.scope == PUBLIC:
        return _("Công khai")
    role_labels: dict[str | None, str] = {
        Role.PUPIL: _("Học sinh"),
        Role.PARENT: _("Phụ huynh"),
        Role.STAFF: _("Cán bộ, giáo viên"),
        None: _("Mọi người"),
    }
    role_label = role_labels[audience.role]
    if audience.scope == SCHOOL:
        return _("%(who)s toàn trường") % {"who": role_label}
    if audience.scope == "grade":
        return _("%(who)s khối %(grade)s") % {"who": role_label, "grade": audience.value}
    if audience.value is None:
        name = "?"
    elif class_names is None:
        name = (
            SchoolClass.objects.filter(pk=audience.value).values_list("name", flat=True).first()
            or "?"
        )
    else:
        name = class_names.get(audience.value, "?")
    return _("%(who)s lớp %(name)s") % {"who": role_label, "name": name}


def choices(*, include_public: bool = True) -> list[tuple[str, str]]:
    """Every audience of the current year as (key, label), for forms. Two queries."""
    options: list[tuple[str, str]] = []
    if include_public:
        options.append((PUBLIC, label(PUBLIC)))
    for role in (None, *ROLE_SUFFIXES):
        key = SCHOOL if role is None else f"{SCHOOL}:{role}"
        options.append((key, label(key)))
    classes = list(
        SchoolClass.objects.filter(year__is_current=True).values_list("id", "grade", "name")
    )
    names = {class_id: name for class_id, _grade, name in classes}
    for grade in sorted({grade for _id, grade, _name in classes}):
        for role in (None, *ROLE_SUFFIXES):
            key = f"grade:{grade}" + (f":{role}" if role else "")
            options.append((key, label(key)))
    for class_id, _grade, _name in classes:
        for role in (None, *ROLE_SUFFIXES):
            key = f"class:{class_id}" + (f":{role}" if role else "")
            options.append((key, label(key, class_names=names)))
    return options


def class_key(class_id: int, role: str | None = None) -> str:
    return Audience("class", class_id, role).key


def grade_key(grade: int, role: str | None = None) -> str:
    return Audience("grade", grade, role).key


@dataclass(frozen=True)
class Reach:
    """How many people a set of audience keys reaches, in words a writer checks:
    families (pupils with at least one active parent account), pupils, staff."""

    families: int = 0
    pupils: int = 0
    staff: int = 0


def reach(keys: list[str] | tuple[str, ...] | set[str]) -> Reach:
    """Count who `keys` reach in the current school year. At most four queries,
    whatever the number of keys or of people (the classes, then one count per
    kind of person named by the keys).

    A family is counted once however many parent accounts it has and however
    many of its children's classes are addressed; the same for pupils and staff.
    """
    parsed = [parse(key) for key in keys]
    if not parsed:
        return Reach()
    classes = list(SchoolClass.objects.filter(year__is_current=True).values_list("id", "grade"))
    roles_by_class: dict[int, set[str]] = {class_id: set() for class_id, _grade in classes}
    school_staff = False
    for audience in parsed:
        roles = {audience.role} if audience.role else set(ROLE_SUFFIXES)
        if audience.scope == PUBLIC:
            roles = set(ROLE_SUFFIXES)
        if audience.scope in (PUBLIC, SCHOOL):
            school_staff = school_staff or Role.STAFF in roles
            targets = [class_id for class_id, _grade in classes]
        elif audience.scope == "grade":
            targets = [class_id for class_id, grade in classes if grade == audience.value]
        else:
            targets = [audience.value] if audience.value in roles_by_class else []
        for class_id in targets:
            roles_by_class[class_id] |= roles

    def classes_for(role: str) -> list[int]:
        return [class_id for class_id, roles in roles_by_class.items() if role in roles]

    families = pupils = staff = 0
    if family_classes := classes_for(Role.PARENT):
        families = (
            Enrolment.objects.filter(
                school_class_id__in=family_classes,
                pupil__guardians__parent__is_active=True,
                pupil__guardians__parent__role=Role.PARENT,
            )
            .values("pupil_id")
            .distinct()
            .count()
        )
    if pupil_classes := classes_for(Role.PUPIL):
        pupils = (
            Enrolment.objects.filter(school_class_id__in=pupil_classes, pupil__is_active=True)
            .values("pupil_id")
            .distinct()
            .count()
        )
    if school_staff:
        staff = User.objects.filter(role=Role.STAFF, is_active=True).count()
    elif staff_classes := classes_for(Role.STAFF):
        staff = (
            User.objects.filter(role=Role.STAFF, is_active=True, homeroom_classes__in=staff_classes)
            .distinct()
            .count()
        )
    return Reach(families=families, pupils=pupils, staff=staff)
