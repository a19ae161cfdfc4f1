"""The named people every test shares (../shared/DESIGN.md, "Test personas").

pupil_an      pupil of 5A            parent_an     guardian of An
pupil_binh    pupil of 4B            other_parent  guardian of Bình only
teacher_5a    homeroom teacher of 5A (no staff capability)
other_teacher homeroom teacher of 4B
editor        teacher who may publish
collaborator  member of the collaborator team (moderates)
admin         administrator (Django admin, every capability)
anonymous     a visitor who is not logged in (None)
"""

from dataclasses import dataclass
from datetime import date

from accounts.models import (
    Capability,
    Enrolment,
    Guardianship,
    Relation,
    Role,
    SchoolClass,
    SchoolYear,
    User,
)
from accounts.services import capability_group

PASSWORD = "mat-khau-thu-nghiem-2026"
PERSONA_NAMES = (
    "anonymous", "pupil_an", "pupil_binh", "parent_an", "other_parent",
    "teacher_5a", "other_teacher", "editor", "collaborator", "admin",
)  # fmt: skip


@dataclass
class Personas:
    year: SchoolYear
    class_5a: SchoolClass
    class_4b: SchoolClass
    pupil_an: User
    pupil_binh: User
    parent_an: User
    other_parent: User
    teacher_5a: User
    other_teacher: User
    editor: User
    collaborator: User
    admin: User
    anonymous: None = None

    def get(self, name: str) -> User | None:
        return getattr(self, name)


def make_user(username: str, full_name: str, role: str, **extra) -> User:
    extra.setdefault("must_change_password", False)
    return User.objects.create_user(
        username=username, password=PASSWORD, full_name=full_name, role=role, **extra
    )


def build_personas() -> Personas:
    year = SchoolYear.objects.create(
        name="2026-2027", starts_on=date(2026, 9, 5), ends_on=date(2027, 5, 31), is_current=True
    )
    teacher_5a = make_user("gv_hong", "Trần Thị Hồng", Role.STAFF, email="hong@example.com")
    other_teacher = make_user("gv_tuan", "Phạm Văn Tuấn", Role.STAFF, email="tuan@example.com")
    editor = make_user("bt_lan", "Đỗ Thị Lan", Role.STAFF, email="lan@example.com")
    collaborator = make_user("ctv_tam", "Lê Minh Tâm", Role.STAFF, email="tam@example.com")
    admin = make_user(
        "qt_quan",
        "Nguyễn Văn Quản",
        Role.STAFF,
        email="quan@example.com",
        is_staff=True,
        is_superuser=True,
    )
    capability_group(Capability.PUBLISH).user_set.add(editor)
    capability_group(Capability.MODERATE).user_set.add(collaborator)
    capability_group(Capability.ADMINISTER).user_set.add(admin)
    class_5a = SchoolClass.objects.create(
        year=year, grade=5, name="5A", homeroom_teacher=teacher_5a
    )
    class_4b = SchoolClass.objects.create(
        year=year, grade=4, name="4B", homeroom_teacher=other_teacher
    )
    pupil_an = make_user("hs_an", "Nguyễn Văn An", Role.PUPIL, pupil_code="HS0001")
    pupil_binh = make_user("hs_binh", "Lê Thị Bình", Role.PUPIL, pupil_code="HS0002")
    parent_an = make_user(
        "ph_an", "Nguyễn Thị Bích", Role.PARENT, email="bich@example.com", phone="0912345678"
    )
    other_parent = make_user(
        "ph_binh", "Lê Văn Cường", Role.PARENT, email="cuong@example.com", phone="0987654321"
    )
    Enrolment.objects.create(pupil=pupil_an, school_class=class_5a)
    Enrolment.objects.create(pupil=pupil_binh, school_class=class_4b)
    Guardianship.objects.create(parent=parent_an, pupil=pupil_an, relation=Relation.MOTHER)
    Guardianship.objects.create(parent=other_parent, pupil=pupil_binh, relation=Relation.FATHER)
    return Personas(
        year=year, class_5a=class_5a, class_4b=class_4b, pupil_an=pupil_an, pupil_binh=pupil_binh,
        parent_an=parent_an, other_parent=other_parent, teacher_5a=teacher_5a, other_teacher=other_teacher,
        editor=editor, collaborator=collaborator, admin=admin,
    )  # fmt: skip
