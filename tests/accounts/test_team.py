"""The collaborator team: staff members, pupil contributors, and the public regulation."""

from accounts.models import AuditEntry, SchoolSettings, User


def test_admin_adds_a_teacher_to_the_team_who_may_then_moderate(personas, client_for):
    admin = client_for("admin")
    admin.post(
        "/nguoi-dung/to-cong-tac-vien/thay-doi/", {"kind": "staff", "staff-username": "gv_tuan"}
    )
    assert User.objects.get(pk=personas.other_teacher.pk).can_moderate
    assert "Phạm Văn Tuấn" in admin.get("/nguoi-dung/to-cong-tac-vien/").content.decode()
    assert AuditEntry.objects.filter(
        action="account.grant", target_id=str(personas.other_teacher.pk)
    ).exists()


def test_a_pupil_cannot_join_the_moderation_team(personas, client_for):
    page = client_for("admin").post(
        "/nguoi-dung/to-cong-tac-vien/thay-doi/",
        {"kind": "staff", "staff-username": "hs_an"},
        follow=True,
    )
    assert "Không có tài khoản đang hoạt động “hs_an” phù hợp." in page.content.decode()
    assert not User.objects.get(pk=personas.pupil_an.pk).can_moderate


def test_a_pupil_contributor_may_propose_but_not_moderate_or_administer(personas, client_for):
    client_for("admin").post(
        "/nguoi-dung/to-cong-tac-vien/thay-doi/", {"kind": "pupil", "pupil-username": "hs_an"}
    )
    an = User.objects.get(pk=personas.pupil_an.pk)
    assert an.can_contribute
    assert not (an.can_moderate or an.can_publish or an.can_administer)
    # No report, private data or admin page opens for a contributor.
    pupil = client_for("pupil_an")
    for path in ("/nguoi-dung/danh-sach/", "/nguoi-dung/lop/", "/nguoi-dung/yeu-cau-xoa/"):
        assert pupil.get(path).status_code == 404
    client_for("admin").post(
        "/nguoi-dung/to-cong-tac-vien/thay-doi/", {"kind": "pupil", "remove": an.pk}
    )
    assert not User.objects.get(pk=an.pk).can_contribute


def test_parents_never_hold_a_capability(personas):
    from django.contrib.auth.models import Group

    Group.objects.get(name="Cộng tác viên viết bài").user_set.add(personas.parent_an)
    assert not User.objects.get(pk=personas.parent_an.pk).can_contribute


def test_regulation_page_is_public_once_published_and_names_no_pupil(personas, client_for, client):
    assert client.get("/nguoi-dung/to-cong-tac-vien/quy-che/").status_code == 404
    admin = client_for("admin")
    admin.post(
        "/nguoi-dung/to-cong-tac-vien/thay-doi/", {"kind": "pupil", "pupil-username": "hs_an"}
    )
    admin.post(
        "/nguoi-dung/cai-dat/",
        {
            "team_regulation": "Điều 1. Nhiệm vụ.\n\nĐiều 2. Quyền hạn.",
            "team_regulation_published": "on",
        },
    )
    school = SchoolSettings.load()
    assert school.team_regulation_published
    page = client.get("/nguoi-dung/to-cong-tac-vien/quy-che/").content.decode()
    assert "Điều 2. Quyền hạn." in page
    assert "Lê Minh Tâm" in page  # the staff collaborator
    assert "Nguyễn Văn An" not in page
