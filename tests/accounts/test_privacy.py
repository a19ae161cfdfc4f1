"""Privacy rights: the personal-data registry, export ZIPs, deletion requests, consent."""

import io
import json
import zipfile

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.base import ContentFile

from accounts.models import (
    DELETED_USER_NAME,
    AuditEntry,
    DeletionRequest,
    DeletionStatus,
    Enrolment,
    Guardianship,
    ImportJob,
    User,
)
from accounts.selectors import may_post_in_forum
from accounts.services import add_guardian, record_consent
from lib import privacy
from lib.privacy import user_fields


def models_with_a_user_link():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return sorted(
        (m for m in apps.get_models() if m is user_model or user_fields(m)),
        key=lambda m: m._meta.label,
    )


def test_every_model_with_a_user_foreign_key_is_in_the_registry():
    missing = [m._meta.label for m in models_with_a_user_link() if not privacy.is_registered(m)]
    assert not missing, (
        f"Models holding personal data without export/deletion handling: {missing}. "
        "Register them in <app>/privacy.py (see lib/privacy.py)."
    )


def test_every_registration_is_well_formed():
    problems = [problem for entry in privacy.entries() for problem in entry.problems]
    assert not problems, problems


def test_a_kept_model_without_a_reason_is_reported_not_raised():
    original = privacy.entry_for(Enrolment)
    try:
        entry = privacy.register(Enrolment, erase=privacy.KEEP, owner_fields=("pupil", "nobody"))
        assert entry.problems == [
            "accounts.enrolment: KEEP needs a reason (why the data stays)",
            "accounts.enrolment: no field 'nobody'",
        ]
    finally:
        privacy._REGISTRY[original.label] = original


def read_zip(response) -> zipfile.ZipFile:
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_export_holds_one_json_file_per_registered_model_and_the_uploads(
    personas, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    job = ImportJob.objects.create(created_by=personas.admin, original_name="lop.csv")
    job.file.save("lop.csv", ContentFile(b"HS1,Nguyen Van An"), save=True)
    # Uploads of registered models travel in the ZIP. An admin's uploaded class
    # list is excluded (it names other children), so register it plainly here.
    original = privacy.entry_for(ImportJob)
    privacy.register(ImportJob, owner_fields=("created_by",), erase=privacy.DELETE)
    try:
        archive = read_zip(
            client_for("admin").get(f"/nguoi-dung/cua-toi/du-lieu/{personas.admin.pk}/tai-ve/")
        )
    finally:
        privacy._REGISTRY[original.label] = original
    names = set(archive.namelist())
    for entry in privacy.entries():
        assert entry.file_name in names, entry.label
    index = json.loads(archive.read("index.json"))
    assert {item["model"] for item in index["contents"]} == {e.label for e in privacy.entries()}
    profile = json.loads(archive.read("accounts/user.json"))
    assert profile[0]["full_name"] == "Nguyễn Văn Quản" and "password" not in profile[0]
    stored_name = job.file.name.rsplit("/", 1)[-1]
    assert (
        archive.read(f"uploads/accounts/importjob/{job.pk}-{stored_name}") == b"HS1,Nguyen Van An"
    )


def test_an_uploaded_class_list_never_leaves_in_the_uploaders_export(
    personas, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    job = ImportJob.objects.create(created_by=personas.admin, original_name="lop.csv")
    job.file.save("lop.csv", ContentFile(b"HS1,Nguyen Van An"), save=True)
    archive = read_zip(
        client_for("admin").get(f"/nguoi-dung/cua-toi/du-lieu/{personas.admin.pk}/tai-ve/")
    )
    assert not any(name.startswith("uploads/") for name in archive.namelist())
    assert b"Nguyen Van An" not in archive.read("accounts/importjob.json")


def test_a_guardian_downloads_their_childs_data_but_not_a_strangers(personas, client_for):
    parent = client_for("parent_an")
    archive = read_zip(parent.get(f"/nguoi-dung/cua-toi/du-lieu/{personas.pupil_an.pk}/tai-ve/"))
    profile = json.loads(archive.read("accounts/user.json"))
    assert profile[0]["pupil_code"] == "HS0001"
    enrolments = json.loads(archive.read("accounts/enrolment.json"))
    assert enrolments[0]["school_class__name"] == "5A"
    guardians = json.loads(archive.read("accounts/guardianship.json"))
    assert len(guardians) == 1
    assert (
        parent.get(f"/nguoi-dung/cua-toi/du-lieu/{personas.pupil_binh.pk}/tai-ve/").status_code
        == 404
    )
    assert (
        client_for("pupil_an")
        .get(f"/nguoi-dung/cua-toi/du-lieu/{personas.parent_an.pk}/tai-ve/")
        .status_code
        == 404
    )
    assert AuditEntry.objects.filter(action="privacy.export", actor=personas.parent_an).count() == 1


def test_secrets_never_leave_in_an_export(personas, client_for):
    from accounts.services import issue_initial_password

    issue_initial_password(user=personas.pupil_an, by=personas.admin)
    archive = read_zip(
        client_for("parent_an").get(f"/nguoi-dung/cua-toi/du-lieu/{personas.pupil_an.pk}/tai-ve/")
    )
    credential = json.loads(archive.read("accounts/initialcredential.json"))
    assert credential and "secret" not in credential[0]
    assert b"pbkdf2" not in b"".join(archive.read(n) for n in archive.namelist())


def test_deletion_request_goes_to_admins_and_completing_it_leaves_no_personal_data(
    personas, client_for
):
    record_consent(
        guardianship=Guardianship.objects.get(pupil=personas.pupil_an), by=personas.parent_an
    )
    response = client_for("parent_an").post(
        "/nguoi-dung/cua-toi/yeu-cau-xoa/",
        {"subject": personas.pupil_an.pk, "reason": "Con chuyển trường", "confirm": "on"},
    )
    assert response.status_code == 302
    request = DeletionRequest.objects.get()
    admin = client_for("admin")
    assert "Nguyễn Văn An" in admin.get("/nguoi-dung/yeu-cau-xoa/").content.decode()
    from notifications.models import Notification

    assert Notification.objects.filter(
        recipient=personas.admin, kind="accounts.deletion_request"
    ).exists()
    an = personas.pupil_an
    traces = [an.full_name, an.username, an.pupil_code]
    response = admin.post(
        f"/nguoi-dung/yeu-cau-xoa/{request.pk}/", {"decision": "complete", "note": "Đã xác minh"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == DeletionStatus.COMPLETED and request.reason == ""
    tombstone = User.objects.get(pk=an.pk)
    assert tombstone.full_name == DELETED_USER_NAME and not tombstone.is_active
    assert not tombstone.has_usable_password()
    for entry in privacy.entries():
        if entry.erase == privacy.DELETE:
            assert not entry.owned(tombstone).exists(), entry.label
    # Nothing in the whole database still names the child.
    dump = serializers.serialize(
        "json", [obj for model in apps.get_models() for obj in model._default_manager.all()]
    )
    for trace in traces:
        assert trace not in dump, trace
    assert not Enrolment.objects.filter(pupil=tombstone).exists()


def test_a_second_pending_request_is_refused_with_a_message(personas, client_for):
    client = client_for("pupil_an")
    data = {"subject": personas.pupil_an.pk, "confirm": "on"}
    client.post("/nguoi-dung/cua-toi/yeu-cau-xoa/", data)
    page = client.post("/nguoi-dung/cua-toi/yeu-cau-xoa/", data, follow=True).content.decode()
    assert "đang chờ nhà trường xử lý" in page
    assert DeletionRequest.objects.count() == 1


def test_nobody_may_ask_to_delete_someone_else(personas, client_for):
    response = client_for("parent_an").post(
        "/nguoi-dung/cua-toi/yeu-cau-xoa/", {"subject": personas.pupil_binh.pk, "confirm": "on"}
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not DeletionRequest.objects.exists()


def test_rejecting_keeps_the_account(personas, client_for):
    request = DeletionRequest.objects.create(
        subject=personas.pupil_an, requested_by=personas.parent_an
    )
    client_for("admin").post(
        f"/nguoi-dung/yeu-cau-xoa/{request.pk}/", {"decision": "reject", "note": "Thiếu xác minh"}
    )
    assert User.objects.get(pk=personas.pupil_an.pk).full_name == "Nguyễn Văn An"
    assert DeletionRequest.objects.get().status == DeletionStatus.REJECTED


def test_consent_is_recorded_with_who_when_what_and_shown_to_admins(personas, client_for):
    guardianship = Guardianship.objects.get(pupil=personas.pupil_an)
    client_for("parent_an").post(f"/nguoi-dung/cua-toi/dong-y/{guardianship.pk}/", {"give": "1"})
    guardianship.refresh_from_db()
    assert guardianship.consent_given_at and guardianship.consent_recorded_by == personas.parent_an
    assert "diễn đàn" in guardianship.consent_text
    page = client_for("admin").get(f"/nguoi-dung/{personas.pupil_an.pk}/").content.decode()
    assert "Đồng ý lúc" in page and "Nguyễn Thị Bích" in page
    # Another parent cannot touch it.
    response = client_for("other_parent").post(
        f"/nguoi-dung/cua-toi/dong-y/{guardianship.pk}/", {"give": "0"}
    )
    assert response.status_code == 404


def test_pupils_without_consent_cannot_post_when_the_school_says_so(personas):
    from accounts.models import SchoolSettings

    assert may_post_in_forum(personas.pupil_an)
    school = SchoolSettings.load()
    school.pupils_need_consent_to_post = True
    school.save()
    assert not may_post_in_forum(personas.pupil_an)
    assert may_post_in_forum(personas.teacher_5a) and may_post_in_forum(personas.parent_an)
    record_consent(
        guardianship=Guardianship.objects.get(pupil=personas.pupil_an), by=personas.admin
    )
    assert may_post_in_forum(personas.pupil_an)
    personas.pupil_an.is_active = False
    assert not may_post_in_forum(personas.pupil_an)


def test_admin_records_a_paper_consent(personas, client_for):
    guardianship = Guardianship.objects.get(pupil=personas.pupil_binh)
    client_for("admin").post(f"/nguoi-dung/dong-y/{guardianship.pk}/ghi-nhan/")
    guardianship.refresh_from_db()
    assert guardianship.consent_recorded_by == personas.admin
    assert guardianship.consent_text.startswith("Phiếu đồng ý trên giấy")


def test_add_guardian_still_works_for_other_apps(personas):
    add_guardian(parent=personas.other_parent, pupil=personas.pupil_an, by=personas.admin)
    assert Guardianship.objects.filter(pupil=personas.pupil_an).count() == 2


def test_a_guardian_still_reaches_the_data_of_a_child_who_has_left(personas, client_for):
    from accounts.services import set_active

    set_active(user=personas.pupil_an, active=False, by=personas.admin)
    response = client_for("parent_an").get(
        f"/nguoi-dung/cua-toi/du-lieu/{personas.pupil_an.pk}/tai-ve/"
    )
    assert response.status_code == 200


def test_admin_records_a_paper_deletion_request_then_completes_it(personas, client_for):
    admin = client_for("admin")
    response = admin.post(
        f"/nguoi-dung/{personas.pupil_binh.pk}/yeu-cau-xoa/", {"reason": "Đơn ngày 20/11"}
    )
    request = DeletionRequest.objects.get()
    assert response.url == f"/nguoi-dung/yeu-cau-xoa/{request.pk}/"
    assert request.requested_by == personas.admin and request.subject == personas.pupil_binh
    admin.post(response.url, {"decision": "complete"})
    assert User.objects.get(pk=personas.pupil_binh.pk).is_deleted
    again = admin.post(f"/nguoi-dung/{personas.pupil_binh.pk}/yeu-cau-xoa/", follow=True)
    assert "Tài khoản này đã được xoá." in again.content.decode()


def test_the_export_opens_with_a_readable_vietnamese_page(personas, client_for):
    archive = read_zip(
        client_for("parent_an").get(f"/nguoi-dung/cua-toi/du-lieu/{personas.parent_an.pk}/tai-ve/")
    )
    page = archive.read("index.html").decode()
    assert f"Dữ liệu của {personas.parent_an.full_name}" in page
    assert "Mục lục" in page and "Những phần không có dữ liệu" in page
    # The person's own profile as a table with Vietnamese column names, beside its JSON.
    assert '<th scope="col">Họ và tên</th>' in page and personas.parent_an.full_name in page
    assert 'href="accounts/user.json"' in page
    assert "http://" not in page and "https://" not in page  # opens offline, loads nothing
