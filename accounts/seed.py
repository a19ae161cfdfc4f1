"""Demo people and classes for "Trường Tiểu học Hoa Sen" (make run)."""

from datetime import date, datetime, time

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from .models import (
    CAPABILITY_GROUPS,
    Capability,
    Enrolment,
    Guardianship,
    Relation,
    Role,
    SchoolClass,
    SchoolSettings,
    SchoolYear,
    User,
)
from .search import search_name_for

PUPILS_PER_CLASS = 15
TEAM_REGULATION = """Điều 1. Tổ cộng tác viên gồm giáo viên do Hiệu trưởng phân công, giúp nhà trường giữ diễn đàn an toàn, thân thiện.

Điều 2. Cộng tác viên duyệt bài chờ đăng, xem xét báo cáo vi phạm và nhắc nhở học sinh bằng lời lẽ tôn trọng; mọi quyết định đều ghi vào nhật ký kiểm duyệt.

Điều 3. Cộng tác viên giữ bí mật thông tin cá nhân của học sinh, không chia sẻ nội dung báo cáo ra ngoài tổ.

Điều 4. Học sinh cộng tác viên viết bài chỉ đề xuất bài viết để ban biên tập duyệt, không tham gia kiểm duyệt."""
CLASS_NAMES = [f"{grade}{letter}" for grade in range(1, 6) for letter in "AB"]


def seed(ctx, *, password: str) -> None:
    ctx.password_hash = make_password(password)  # hashed once: hashing is slow by design
    ctx.year = SchoolYear.objects.create(
        name="2026-2027", starts_on=date(2026, 9, 5), ends_on=date(2027, 5, 31), is_current=True
    )
    groups = {cap: Group.objects.get(name=name) for cap, name in CAPABILITY_GROUPS.items()}

    def make(username, full_name, role, **extra):
        user = User(
            username=username, full_name=full_name, role=role, password=ctx.password_hash,
            search_name=search_name_for(full_name),  # bulk_create skips User.save()
            must_change_password=False, **extra,
        )  # fmt: skip
        return user

    admin = make(
        "admin",
        "Nguyễn Văn Quản",
        Role.STAFF,
        email="admin@thhoasen.edu.vn",
        is_staff=True,
        is_superuser=True,
    )
    teacher = make("teacher", "Trần Thị Hồng", Role.STAFF, email="teacher@thhoasen.edu.vn")
    moderator = make("moderator", "Lê Minh Tâm", Role.STAFF, email="moderator@thhoasen.edu.vn")
    staff = [admin, teacher, moderator]
    other_teachers = [
        make(
            f"gv{i:02d}",
            ctx.person_name(girl=i % 3 != 0),
            Role.STAFF,
            email=f"gv{i:02d}@thhoasen.edu.vn",
        )
        for i in range(1, 10)
    ]
    collaborators = [make(f"ctv{i}", ctx.person_name(girl=i % 2 == 0), Role.STAFF) for i in (1, 2)]
    User.objects.bulk_create(staff + other_teachers + collaborators)
    groups[Capability.ADMINISTER].user_set.add(admin)
    groups[Capability.PUBLISH].user_set.add(teacher, *other_teachers[:2])
    groups[Capability.MODERATE].user_set.add(moderator, *collaborators)
    ctx.users.update(admin=admin, teacher=teacher, moderator=moderator)
    ctx.staff = staff + other_teachers + collaborators

    homeroom = iter([teacher, *other_teachers])
    for name in CLASS_NAMES:
        teacher_for_class = (
            teacher if name == "5A" else next(h for h in homeroom if h is not teacher)
        )
        ctx.classes[name] = SchoolClass(
            year=ctx.year, grade=int(name[0]), name=name, homeroom_teacher=teacher_for_class
        )
    SchoolClass.objects.bulk_create(ctx.classes.values())

    pupils, parents, enrolments, guardianships = [], [], [], []
    consent_at = timezone.make_aware(datetime.combine(date(2026, 9, 5), time(8, 0)))
    code = 1000
    for name, school_class in ctx.classes.items():
        ctx.pupils_by_class[name] = []
        for index in range(PUPILS_PER_CLASS):
            code += 1
            girl = ctx.rng.random() < 0.5
            full_name = ctx.person_name(girl=girl)
            birth_year = 2026 - 6 - (school_class.grade - 1)
            is_demo = name == "5A" and index == 0
            if is_demo:
                full_name = "Nguyễn Văn An"
            pupil = make(
                "pupil" if is_demo else f"hs{code}",
                full_name,
                Role.PUPIL,
                pupil_code=f"HS{code}",
                date_of_birth=date(birth_year, ctx.rng.randint(1, 12), ctx.rng.randint(1, 28)),
            )
            pupils.append(pupil)
            ctx.pupils_by_class[name].append(pupil)
            family = full_name.split()[0]
            mother = ctx.rng.random() < 0.6
            parent_name = f"{family if not mother else ctx.rng.choice(['Lê', 'Phạm', 'Vũ', 'Đỗ'])} {ctx.person_name(girl=mother).split(' ', 1)[1]}"
            parent = make(
                "parent" if is_demo else f"ph{code}",
                "Nguyễn Thị Bích" if is_demo else parent_name,
                Role.PARENT,
                email="parent@example.com"
                if is_demo
                else (f"ph{code}@example.com" if index % 3 else ""),
                phone=f"09{ctx.rng.randint(10_000_000, 99_999_999)}",
            )
            parents.append(parent)
            enrolments.append(
                Enrolment(
                    pupil=pupil,
                    school_class=school_class,
                    year=ctx.year,
                    enrolled_on=ctx.year.starts_on,
                )
            )
            guardianships.append(
                Guardianship(
                    parent=parent,
                    pupil=pupil,
                    relation=Relation.MOTHER if mother else Relation.FATHER,
                    consent_given_at=consent_at,
                    consent_text="Phiếu đồng ý trên giấy, nhà trường ghi nhận.",
                )  # fmt: skip
            )
    User.objects.bulk_create(pupils + parents)
    Enrolment.objects.bulk_create(enrolments)
    Guardianship.objects.bulk_create(guardianships)
    ctx.users.update(pupil=pupils[[p.username for p in pupils].index("pupil")])
    ctx.users.update(parent=next(p for p in parents if p.username == "parent"))
    SchoolSettings.objects.update_or_create(
        pk=1,
        defaults={
            "team_regulation": TEAM_REGULATION,
            "team_regulation_published": True,
            # The letterhead of the periodic report (reports/wordfile.py).
            "managing_body": "Phòng GD&ĐT quận Hoa Sen",
            "place_name": "Hoa Sen",
            "report_symbol": "BC-THHS",
            "report_recipients": "Phòng GD&ĐT quận Hoa Sen (để báo cáo);\nLưu: VT.",
            "signer_title": "Hiệu trưởng",
            "signer_name": "Nguyễn Thị Hiền",
        },
    )
    ctx.log.append(
        f"{len(pupils)} học sinh, {len(parents)} phụ huynh, {len(ctx.staff)} cán bộ, {len(ctx.classes)} lớp"
    )
