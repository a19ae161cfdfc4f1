"""The administrator manages people and classes in the Django admin, in Vietnamese."""

from accounts.models import AuditEntry, Enrolment, Guardianship


def test_admin_pages_are_in_vietnamese(personas, client_for):
    admin = client_for("admin")
    html = admin.get("/quan-tri/accounts/user/").content.decode()
    assert "người dùng" in html.lower()
    assert "Nguyễn Văn An" in html
    assert admin.get(f"/quan-tri/accounts/user/{personas.pupil_an.pk}/change/").status_code == 200
    assert admin.get("/quan-tri/accounts/schoolclass/").status_code == 200


def test_admin_makes_a_parent_the_guardian_of_a_pupil(personas, client_for):
    response = client_for("admin").post(
        "/quan-tri/accounts/guardianship/add/",
        {"parent": personas.other_parent.pk, "pupil": personas.pupil_an.pk, "relation": "father"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Guardianship.objects.filter(
        parent=personas.other_parent, pupil=personas.pupil_an
    ).exists()
    assert AuditEntry.objects.filter(action="admin.add.guardianship", actor=personas.admin).exists()


def test_admin_refuses_a_teacher_as_guardian_with_a_vietnamese_message(personas, client_for):
    response = client_for("admin").post(
        "/quan-tri/accounts/guardianship/add/",
        {"parent": personas.teacher_5a.pk, "pupil": personas.pupil_an.pk, "relation": "father"},
    )
    assert response.status_code == 200
    assert not Guardianship.objects.filter(parent=personas.teacher_5a).exists()


def test_admin_moves_a_pupil_to_another_class(personas, client_for):
    enrolment = Enrolment.objects.get(pupil=personas.pupil_an)
    response = client_for("admin").post(
        f"/quan-tri/accounts/enrolment/{enrolment.pk}/change/",
        {
            "pupil": personas.pupil_an.pk,
            "school_class": personas.class_4b.pk,
            "enrolled_on": "05/09/2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    enrolment.refresh_from_db()
    assert enrolment.school_class == personas.class_4b and enrolment.year == personas.year
    assert AuditEntry.objects.filter(action="admin.change.enrolment").exists()


def test_teachers_and_parents_cannot_open_the_admin(personas, client_for):
    for name in ("teacher_5a", "parent_an", "pupil_an", "collaborator"):
        response = client_for(name).get("/quan-tri/accounts/user/")
        assert response.status_code == 302, name


def test_admin_cannot_type_in_a_guardians_consent(personas, client_for):
    from accounts.models import Guardianship

    guardianship = Guardianship.objects.get(parent=personas.parent_an, pupil=personas.pupil_an)
    client_for("admin").post(
        f"/quan-tri/accounts/guardianship/{guardianship.pk}/change/",
        {
            "parent": personas.parent_an.pk, "pupil": personas.pupil_an.pk, "relation": "mother",
            "consent_given_at_0": "01/09/2026", "consent_given_at_1": "08:00:00",
        },
    )  # fmt: skip
    guardianship.refresh_from_db()
    assert guardianship.consent_given_at is None


def test_the_admin_edit_page_of_a_private_document_opens(personas, client_for):
    from news.models import Document

    from ..news import factories

    document = factories.document(by=personas.editor, number="1/KH", summary="Kế hoạch")
    assert isinstance(document, Document)
    assert (
        client_for("admin").get(f"/quan-tri/news/document/{document.pk}/change/").status_code == 200
    )
