"""Every accounts service that changes state decides the acting person's rights
itself: called by someone without the right, it refuses and writes nothing,
whatever a view may have checked before."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts import rollover, services
from accounts.importing import cancel_import, confirm_import, prepare_import
from accounts.importing.apply import run_import
from accounts.models import (
    AuditEntry,
    Capability,
    DeletionRequest,
    Enrolment,
    Guardianship,
    ImportJob,
    ImportStatus,
    InitialCredential,
    SchoolSettings,
    SchoolYear,
    User,
)
from accounts.privacy.requests import (
    complete_deletion,
    export_data,
    reject_deletion,
    request_deletion,
)

from .helpers import csv_bytes, row, upload


@pytest.fixture
def people(personas):
    return personas


@pytest.fixture
def refused():
    """with refused(): call() — PermissionDenied, and not one audit row written."""

    class Refused:
        def __enter__(self):
            self.audit_rows = AuditEntry.objects.count()
            self.raises = pytest.raises(PermissionDenied)
            return self.raises.__enter__()

        def __exit__(self, *exc):
            swallowed = self.raises.__exit__(*exc)
            assert AuditEntry.objects.count() == self.audit_rows
            return swallowed

    return Refused


def password_of(user: User) -> str:
    return User.objects.get(pk=user.pk).password


# --- Classes, families, roles -----------------------------------------------------


def test_teacher_cannot_move_a_pupil_to_their_own_class(people, refused):
    with refused():
        services.enrol_pupil(
            pupil=people.pupil_binh, school_class=people.class_5a, by=people.teacher_5a
        )
    assert Enrolment.objects.get(pupil=people.pupil_binh).school_class == people.class_4b


def test_parent_cannot_make_themselves_guardian_of_another_child(people, refused):
    with refused():
        services.add_guardian(parent=people.parent_an, pupil=people.pupil_binh, by=people.parent_an)
    assert not Guardianship.objects.filter(
        parent=people.parent_an, pupil=people.pupil_binh
    ).exists()


def test_another_parent_cannot_consent_for_someone_elses_child(people, refused):
    guardianship = Guardianship.objects.get(pupil=people.pupil_an)
    with refused():
        services.record_consent(guardianship=guardianship, by=people.other_parent)
    assert Guardianship.objects.get(pk=guardianship.pk).consent_given_at is None


def test_homeroom_teacher_cannot_withdraw_a_parents_consent(people, refused):
    guardianship = Guardianship.objects.get(pupil=people.pupil_an)
    services.record_consent(guardianship=guardianship, by=people.parent_an)
    with refused():
        services.withdraw_consent(guardianship=guardianship, by=people.teacher_5a)
    assert Guardianship.objects.get(pk=guardianship.pk).consent_given_at is not None


def test_moderator_cannot_bring_a_colleague_into_the_team(people, refused):
    with refused():
        services.grant_capability(
            user=people.teacher_5a, capability=Capability.MODERATE, by=people.collaborator
        )
    assert not people.teacher_5a.groups.exists()


def test_editor_cannot_take_a_collaborators_role_away(people, refused):
    with refused():
        services.revoke_capability(
            user=people.collaborator, capability=Capability.MODERATE, by=people.editor
        )
    assert User.objects.get(pk=people.collaborator.pk).can_moderate


def test_teacher_cannot_change_the_school_settings(people, refused):
    school = SchoolSettings.load()
    school.require_mfa_for_staff = True
    with refused():
        services.update_school_settings(
            school=school, by=people.teacher_5a, changed=["require_mfa_for_staff"]
        )
    assert not SchoolSettings.load().require_mfa_for_staff


def test_teacher_cannot_move_the_school_into_the_next_year(people, refused):
    with refused():
        rollover.run_rollover(by=people.teacher_5a)
    assert list(SchoolYear.objects.values_list("name", flat=True)) == ["2026-2027"]


# --- Accounts and passwords -------------------------------------------------------------


def test_teacher_cannot_lock_a_pupils_account(people, refused):
    with refused():
        services.set_active(user=people.pupil_an, active=False, by=people.teacher_5a)
    assert User.objects.get(pk=people.pupil_an.pk).is_active


def test_teacher_cannot_reopen_a_locked_account(people, refused):
    User.objects.filter(pk=people.pupil_an.pk).update(is_active=False)
    people.pupil_an.is_active = False
    with refused():
        services.set_active(user=people.pupil_an, active=True, by=people.teacher_5a)
    assert not User.objects.get(pk=people.pupil_an.pk).is_active


def test_admin_cannot_lock_themselves_out(people, refused):
    with refused() as refusal:
        services.set_active(user=people.admin, active=False, by=people.admin)
    assert "tự khoá" in str(refusal.value)
    assert User.objects.get(pk=people.admin.pk).is_active


def test_teacher_cannot_give_another_class_pupil_a_new_password(people, refused):
    before = password_of(people.pupil_binh)
    with refused():
        services.issue_initial_password(user=people.pupil_binh, by=people.teacher_5a)
    assert password_of(people.pupil_binh) == before
    assert not InitialCredential.objects.exists()


def test_teacher_cannot_reissue_a_parents_password_even_in_their_class(people, refused):
    """Parents' slips are the office's: a list with one parent changes nobody's password."""
    before = password_of(people.pupil_an)
    with refused():
        services.reissue_passwords(users=[people.pupil_an, people.parent_an], by=people.teacher_5a)
    assert password_of(people.pupil_an) == before
    assert not InitialCredential.objects.exists()


def test_homeroom_teacher_may_reissue_their_own_pupils_password(people):
    assert services.reissue_passwords(users=[people.pupil_an], by=people.teacher_5a) == 1
    assert InitialCredential.objects.get().user == people.pupil_an


# --- Imports --------------------------------------------------------------------


def preview(people) -> ImportJob:
    return prepare_import(
        upload=upload("lop.csv", csv_bytes([row("HS9001", "Vũ Thị Mai")])), by=people.admin
    )


def test_teacher_cannot_upload_a_class_list(people, refused):
    with refused():
        prepare_import(
            upload=upload("lop.csv", csv_bytes([row("HS9001", "Vũ Thị Mai")])), by=people.teacher_5a
        )
    assert not ImportJob.objects.exists()


def test_teacher_cannot_confirm_an_import(people, refused):
    job = preview(people)
    with refused():
        confirm_import(job=job, by=people.teacher_5a)
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.PREVIEW


def test_teacher_cannot_cancel_an_import(people, refused):
    job = preview(people)
    with refused():
        cancel_import(job=job, by=people.teacher_5a)
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.PREVIEW


def test_import_is_not_written_for_someone_who_no_longer_administers(people, refused):
    job = preview(people)
    with refused():
        run_import(job, by=people.teacher_5a)
    assert not User.objects.filter(pupil_code="HS9001").exists()
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.PREVIEW


# --- Personal data ---------------------------------------------------------------


def test_another_parent_cannot_download_a_childs_data(people, refused):
    with refused():
        export_data(subject=people.pupil_an, by=people.other_parent)


def test_another_parent_cannot_ask_to_delete_a_child(people, refused):
    with refused():
        request_deletion(subject=people.pupil_an, by=people.other_parent)
    assert not DeletionRequest.objects.exists()


def test_teacher_cannot_carry_out_a_deletion(people, refused):
    request = request_deletion(subject=people.pupil_an, by=people.parent_an)
    with refused():
        complete_deletion(request=request, by=people.teacher_5a)
    assert User.objects.get(pk=people.pupil_an.pk).full_name == "Nguyễn Văn An"
    assert DeletionRequest.objects.get(pk=request.pk).status == "pending"


def test_teacher_cannot_turn_a_deletion_request_down(people, refused):
    request = request_deletion(subject=people.pupil_an, by=people.parent_an)
    with refused():
        reject_deletion(request=request, by=people.teacher_5a, note="Không")
    assert DeletionRequest.objects.get(pk=request.pk).status == "pending"
