"""Year rollover: preview first, then promote, grade 5 leaves, history kept."""

from accounts.models import (
    AuditEntry,
    Enrolment,
    Guardianship,
    Relation,
    SchoolClass,
    SchoolYear,
    User,
)
from accounts.rollover import plan_rollover
from tests.personas import make_user


def test_preview_shows_the_plan_and_changes_nothing(personas, client_for):
    page = client_for("admin").get("/nguoi-dung/chuyen-nam-hoc/").content.decode()
    assert "2027-2028" in page
    assert "4B" in page and "5B" in page
    assert "Ra trường" in page
    assert SchoolYear.objects.count() == 1
    plan = plan_rollover()
    assert [(m.source, m.target, m.pupils) for m in plan.moves] == [("4B", "5B", 1)]
    assert plan.leaving_pupils == 1 and plan.leaving_parents == 1


def test_wrong_confirmation_changes_nothing(personas, client_for):
    response = client_for("admin").post("/nguoi-dung/chuyen-nam-hoc/", {"confirm_name": "2026"})
    assert "Hãy gõ đúng tên năm học mới" in response.content.decode()
    assert SchoolYear.objects.count() == 1


def test_rollover_promotes_classes_and_grade_five_leaves(personas, client_for):
    first_grade = SchoolClass.objects.create(year=personas.year, grade=1, name="1A")
    sibling = make_user("hs_nho", "Nguyễn Văn Nhỏ", "pupil", pupil_code="HS0003")
    Enrolment.objects.create(pupil=sibling, school_class=first_grade)
    # parent_an has An (leaving) and a younger child (staying): stays active.
    Guardianship.objects.create(parent=personas.parent_an, pupil=sibling, relation=Relation.MOTHER)
    response = client_for("admin").post(
        "/nguoi-dung/chuyen-nam-hoc/", {"confirm_name": "2027-2028"}
    )
    assert response.status_code == 302
    new_year = SchoolYear.objects.get(is_current=True)
    assert new_year.name == "2027-2028" and new_year.starts_on.year == 2027
    names = set(SchoolClass.objects.filter(year=new_year).values_list("name", flat=True))
    assert names == {"5B", "2A", "1A"}  # 1A: empty, for the new intake
    binh = Enrolment.objects.get(pupil=personas.pupil_binh, year=new_year)
    assert binh.school_class.name == "5B" and binh.school_class.grade == 5
    assert Enrolment.objects.get(pupil=sibling, year=new_year).school_class.name == "2A"
    # Grade 5 left: deactivated, history kept.
    an = User.objects.get(pk=personas.pupil_an.pk)
    assert not an.is_active
    assert Enrolment.objects.filter(pupil=an, year=personas.year).exists()
    assert not Enrolment.objects.filter(pupil=an, year=new_year).exists()
    assert User.objects.get(pk=personas.parent_an.pk).is_active
    assert User.objects.get(pk=personas.other_parent.pk).is_active
    assert not SchoolClass.objects.get(year=new_year, name="5B").homeroom_teacher
    assert AuditEntry.objects.filter(action="school.rollover").count() == 1


def test_parent_of_only_leaving_children_is_deactivated(personas):
    from accounts.rollover import run_rollover

    run_rollover(by=personas.admin)
    assert not User.objects.get(pk=personas.parent_an.pk).is_active


def test_rollover_cannot_run_twice_into_the_same_year(personas, client_for):
    from accounts.rollover import run_rollover

    run_rollover(by=personas.admin)
    SchoolYear.objects.filter(name="2027-2028").update(is_current=False)
    SchoolYear.objects.filter(name="2026-2027").update(is_current=True)
    page = client_for("admin").get("/nguoi-dung/chuyen-nam-hoc/").content.decode()
    assert "Năm học 2027-2028 đã có." in page


def test_class_list_after_rollover_runs_by_grade_then_name(personas, client_for):
    for name in ("1A", "1B"):
        SchoolClass.objects.create(year=personas.year, grade=1, name=name)
    admin = client_for("admin")
    admin.post("/nguoi-dung/chuyen-nam-hoc/", {"confirm_name": "2027-2028"})
    page = admin.get("/nguoi-dung/lop/").content.decode()
    # Created as 2A (from 1A), 1A, 2B, 1B, 5B: the list reads by grade, then name.
    positions = [page.index(f">{name}<") for name in ("1A", "1B", "2A", "2B", "5B")]
    assert positions == sorted(positions)
