"""Roles, classes, enrolments, guardians and audiences."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts import audiences
from accounts.models import AuditEntry, Enrolment, Guardianship, SchoolClass
from accounts.services import add_guardian, enrol_pupil, record_audit


def test_a_pupil_is_in_one_class_per_year(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(pupil=personas.pupil_an, school_class=personas.class_4b)


def test_moving_a_pupil_to_another_class_keeps_one_enrolment_and_is_audited(personas):
    enrol_pupil(pupil=personas.pupil_an, school_class=personas.class_4b, by=personas.admin)
    assert list(
        Enrolment.objects.filter(pupil=personas.pupil_an).values_list(
            "school_class__name", flat=True
        )
    ) == ["4B"]
    entry = AuditEntry.objects.get(action="account.move_class")
    assert (entry.before, entry.after, entry.actor) == ("5A", "4B", personas.admin)


def test_only_a_parent_account_can_be_a_guardian(personas):
    with pytest.raises(ValidationError):
        add_guardian(parent=personas.teacher_5a, pupil=personas.pupil_an, by=personas.admin)
    assert not Guardianship.objects.filter(parent=personas.teacher_5a).exists()


def test_a_parent_becomes_guardian_of_a_second_child(personas):
    add_guardian(
        parent=personas.parent_an, pupil=personas.pupil_binh, relation="mother", by=personas.admin
    )
    keys = audiences.keys_for(type(personas.parent_an).objects.get(pk=personas.parent_an.pk))
    assert {f"class:{personas.class_5a.pk}:parent", f"class:{personas.class_4b.pk}:parent"} <= keys


def test_audience_keys_of_each_role(personas):
    an = audiences.keys_for(personas.pupil_an)
    assert {
        "public",
        "school",
        "school:pupil",
        "grade:5",
        "grade:5:pupil",
        f"class:{personas.class_5a.pk}:pupil",
    } <= an
    assert f"class:{personas.class_4b.pk}" not in an
    parent = audiences.keys_for(personas.parent_an)
    assert f"class:{personas.class_5a.pk}:parent" in parent and "school:pupil" not in parent
    teacher = audiences.keys_for(personas.teacher_5a)
    assert {"staff", f"class:{personas.class_5a.pk}:staff"} <= teacher
    from django.contrib.auth.models import AnonymousUser

    assert audiences.keys_for(AnonymousUser()) == frozenset({"public"})


def test_users_in_an_audience(personas):
    class_5a = personas.class_5a.pk
    assert set(audiences.users_in(f"class:{class_5a}:parent")) == {personas.parent_an}
    assert set(audiences.users_in(f"class:{class_5a}")) == {
        personas.pupil_an,
        personas.parent_an,
        personas.teacher_5a,
    }
    assert set(audiences.users_in("grade:4:pupil")) == {personas.pupil_binh}
    assert personas.collaborator in set(audiences.users_in("staff"))
    assert personas.pupil_an not in set(audiences.users_in("school:parent"))


def test_audience_labels_are_vietnamese(personas):
    assert audiences.label(f"class:{personas.class_5a.pk}:parent") == "Phụ huynh lớp 5A"
    assert audiences.label("grade:4") == "Mọi người khối 4"
    with pytest.raises(ValueError):
        audiences.parse("class:abc")


def test_previous_years_classes_do_not_count(personas):
    from datetime import date

    from accounts.models import SchoolYear

    old = SchoolYear.objects.create(
        name="2025-2026", starts_on=date(2025, 9, 5), ends_on=date(2026, 5, 31)
    )
    old_class = SchoolClass.objects.create(year=old, grade=4, name="4A")
    Enrolment.objects.create(pupil=personas.pupil_an, school_class=old_class)
    assert f"class:{old_class.pk}" not in audiences.keys_for(personas.pupil_an)


def test_audit_rows_cannot_be_changed_or_deleted(personas):
    entry = record_audit(
        actor=personas.admin, action="account.test", target=personas.pupil_an, reason="thử"
    )
    entry.reason = "sửa"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()


def test_capabilities_follow_groups_and_role(personas):
    assert personas.editor.can_publish and not personas.editor.can_moderate
    assert personas.collaborator.can_moderate and not personas.collaborator.can_publish
    assert personas.admin.can_administer
    assert not personas.teacher_5a.can_publish
    assert not personas.parent_an.can_moderate
