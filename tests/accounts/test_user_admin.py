"""Finding people, and the navigation the accounts app adds."""

from accounts.models import DeletionRequest


def test_admin_finds_people_by_code_username_or_phone(personas, client_for):
    client = client_for("admin")
    page = client.get("/nguoi-dung/danh-sach/", {"q": "HS0002"}).content.decode()
    assert "Lê Thị Bình" in page and "Nguyễn Văn An" not in page
    page = client.get("/nguoi-dung/danh-sach/", {"q": "0912345678"}).content.decode()
    assert "Nguyễn Thị Bích" in page and "Lê Văn Cường" not in page
    page = client.get("/nguoi-dung/danh-sach/", {"role": "parent"}).content.decode()
    assert page.count('data-testid="user-row"') == 2


def test_admin_sees_the_school_admin_menu_with_pending_deletions(personas, client_for):
    DeletionRequest.objects.create(subject=personas.pupil_an, requested_by=personas.parent_an)
    page = client_for("admin").get("/nguoi-dung/cua-toi/du-lieu/").content.decode()
    assert 'data-testid="school-admin-menu"' in page
    assert "Yêu cầu xoá tài khoản" in page and 'badge text-bg-danger">1<' in page


def test_teacher_gets_a_class_link_and_families_get_only_their_own_menu(personas, client_for):
    teacher = client_for("teacher_5a").get("/nguoi-dung/cua-toi/du-lieu/").content.decode()
    assert 'data-testid="school-admin-menu"' not in teacher and "Lớp chủ nhiệm" in teacher
    parent = client_for("parent_an").get("/nguoi-dung/cua-toi/du-lieu/").content.decode()
    assert "Lớp chủ nhiệm" not in parent and "Đồng ý của phụ huynh" in parent
    assert "Tải dữ liệu của tôi" in parent and "Phiên đăng nhập" in parent
