"""Credential slips per class, reissuing passwords, and the homeroom teacher's resets."""

from django.contrib.sessions.models import Session

from accounts.credentials import unseal
from accounts.models import AuditEntry, InitialCredential, User
from accounts.services import issue_initial_password, password_changed


def give_initial(personas):
    for person in (personas.pupil_an, personas.parent_an):
        issue_initial_password(user=person, by=personas.admin)


def test_admin_slips_show_pupils_and_parents_with_school_class_username_password_site(
    personas, client_for
):
    give_initial(personas)
    page = client_for("admin").get(f"/nguoi-dung/lop/{personas.class_5a.pk}/phieu/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('data-testid="slip"') == 2
    an = User.objects.get(pk=personas.pupil_an.pk)
    password = unseal(an.initial_credential.secret)
    assert an.check_password(password)
    for text in ("Trường Tiểu học Hoa Sen", "Nguyễn Văn An", "5A", "hs_an", password, "http://"):
        assert text in html
    assert "Tài khoản phụ huynh" in html and "Nguyễn Thị Bích" in html


def test_slip_password_disappears_once_the_person_chose_their_own(personas, client_for):
    give_initial(personas)
    password_changed(user=personas.pupil_an)
    assert not InitialCredential.objects.filter(user=personas.pupil_an).exists()
    html = (
        client_for("admin").get(f"/nguoi-dung/lop/{personas.class_5a.pk}/phieu/").content.decode()
    )
    assert html.count('data-testid="slip"') == 1  # the parent's only
    assert "đã đổi mật khẩu" in html


def test_reprint_issues_new_passwords_for_the_chosen_people_and_says_so(personas, client_for):
    give_initial(personas)
    old = unseal(InitialCredential.objects.get(user=personas.pupil_an).secret)
    parent_before = InitialCredential.objects.get(user=personas.parent_an).secret
    client = client_for("admin")
    response = client.post(
        f"/nguoi-dung/lop/{personas.class_5a.pk}/cap-lai/",
        {"people": [personas.pupil_an.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Đã cấp mật khẩu mới cho 1 người. Mật khẩu cũ không còn dùng được" in html
    assert "Mật khẩu cấp lại ngày" in html
    an = User.objects.get(pk=personas.pupil_an.pk)
    new = unseal(an.initial_credential.secret)
    assert new != old and an.check_password(new) and not an.check_password(old)
    assert html.count('data-testid="slip"') == 1  # only the reissued person's slip
    assert InitialCredential.objects.get(user=personas.parent_an).secret == parent_before


def test_homeroom_teacher_resets_own_pupil_and_it_is_audited(personas, client_for):
    client = client_for("teacher_5a")
    response = client.post(
        f"/nguoi-dung/lop/{personas.class_5a.pk}/cap-lai/", {"people": [personas.pupil_an.pk]}
    )
    assert response.status_code == 302
    an = User.objects.get(pk=personas.pupil_an.pk)
    assert an.must_change_password
    entry = AuditEntry.objects.get(action="account.password_reset")
    assert entry.actor == personas.teacher_5a and entry.target_id == str(an.pk)
    assert "5A" in entry.reason
    slips = client.get(response.url).content.decode()
    assert unseal(an.initial_credential.secret) in slips


def test_teacher_cannot_reset_parents_or_another_class(personas, client_for):
    client = client_for("teacher_5a")
    client.post(
        f"/nguoi-dung/lop/{personas.class_5a.pk}/cap-lai/",
        {"people": [personas.parent_an.pk, personas.pupil_binh.pk]},
    )
    assert not AuditEntry.objects.filter(action="account.password_reset").exists()
    response = client.post(
        f"/nguoi-dung/lop/{personas.class_4b.pk}/cap-lai/", {"people": [personas.pupil_binh.pk]}
    )
    assert response.status_code == 404
    html = client.get(f"/nguoi-dung/lop/{personas.class_5a.pk}/phieu/").content.decode()
    assert "Nguyễn Thị Bích" not in html  # teachers print pupils' slips only


def test_reset_ends_the_pupils_sessions(personas, client_for):
    pupil = client_for("pupil_an")
    assert pupil.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 200
    client_for("teacher_5a").post(
        f"/nguoi-dung/lop/{personas.class_5a.pk}/cap-lai/", {"people": [personas.pupil_an.pk]}
    )
    assert pupil.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 302
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(personas.pupil_an.pk)
        for s in Session.objects.all()
    )


def test_first_login_with_the_slip_password_must_change_it_and_upgrades_the_hash(personas, client):
    password = issue_initial_password(user=personas.pupil_an, by=personas.admin)
    assert User.objects.get(pk=personas.pupil_an.pk).password.startswith("pbkdf2_sha256_initial$")
    response = client.post("/tai-khoan/login/", {"login": "hs_an", "password": password})
    assert response.status_code == 302
    assert client.get("/nguoi-dung/cua-toi/du-lieu/").url == "/tai-khoan/password/change/"
    # A successful login re-hashes with the preferred hasher.
    assert not User.objects.get(pk=personas.pupil_an.pk).password.startswith(
        "pbkdf2_sha256_initial$"
    )


def test_admin_gives_a_staff_member_a_new_password_and_prints_one_slip(personas, client_for):
    response = client_for("admin").post(f"/nguoi-dung/{personas.editor.pk}/cap-lai/", follow=True)
    html = response.content.decode()
    editor = User.objects.get(pk=personas.editor.pk)
    password = unseal(editor.initial_credential.secret)
    assert editor.check_password(password) and editor.must_change_password
    assert password in html and "bt_lan" in html and "Mật khẩu cũ không còn dùng được" in html
    assert html.count('data-testid="slip"') == 1
    assert AuditEntry.objects.filter(action="account.password_reset", actor=personas.admin).exists()
