"""An administrator who is not a superuser cannot take over or lock out a superuser."""

import pytest
from django.test import Client

from accounts.models import Capability, InitialCredential, Role, User
from accounts.services import capability_group
from tests.personas import make_user


@pytest.fixture
def deputy(personas) -> Client:
    """The deputy head: administers accounts, but is not a superuser."""
    deputy = make_user("qt_pho", "Vũ Thị Phó", Role.STAFF, email="pho@example.com", is_staff=True)
    capability_group(Capability.ADMINISTER).user_set.add(deputy)
    client = Client()
    client.force_login(deputy)
    return client


def test_deputy_cannot_reissue_a_superusers_password(personas, deputy):
    admin = personas.admin
    old_password = User.objects.get(pk=admin.pk).password

    response = deputy.post(f"/nguoi-dung/{admin.pk}/cap-lai/", follow=True)

    assert "Chỉ quản trị viên cấp cao nhất mới được khoá hoặc cấp mật khẩu mới" in response.text
    assert User.objects.get(pk=admin.pk).password == old_password
    assert not InitialCredential.objects.filter(user=admin).exists()
    assert deputy.get(f"/nguoi-dung/{admin.pk}/phieu/").status_code == 200  # nothing to print


def test_deputy_cannot_lock_a_superuser(personas, deputy):
    response = deputy.post(
        f"/nguoi-dung/{personas.admin.pk}/trang-thai/", {"active": "0"}, follow=True
    )
    assert "Chỉ quản trị viên cấp cao nhất mới được khoá" in response.text
    assert User.objects.get(pk=personas.admin.pk).is_active


def test_deputy_still_manages_ordinary_accounts(personas, deputy):
    deputy.post(f"/nguoi-dung/{personas.teacher_5a.pk}/cap-lai/")
    assert InitialCredential.objects.filter(user=personas.teacher_5a).exists()
    deputy.post(f"/nguoi-dung/{personas.teacher_5a.pk}/trang-thai/", {"active": "0"})
    assert not User.objects.get(pk=personas.teacher_5a.pk).is_active


def test_a_superuser_may_manage_another_superuser(personas, client_for):
    other = make_user("qt_hai", "Đinh Văn Hải", Role.STAFF, is_staff=True, is_superuser=True)
    admin = client_for("admin")
    admin.post(f"/nguoi-dung/{other.pk}/cap-lai/")
    assert InitialCredential.objects.filter(user=other).exists()
    admin.post(f"/nguoi-dung/{other.pk}/trang-thai/", {"active": "0"})
    assert not User.objects.get(pk=other.pk).is_active


def test_a_list_with_a_superuser_changes_nobodys_password(personas, deputy):
    from django.core.exceptions import PermissionDenied

    from accounts.services import reissue_passwords

    deputy_user = User.objects.get(username="qt_pho")
    with pytest.raises(PermissionDenied):
        reissue_passwords(users=[personas.teacher_5a, personas.admin], by=deputy_user)
    assert not InitialCredential.objects.exists()
