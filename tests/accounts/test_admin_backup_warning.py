"""The admin overview warns when the nightly backup has stopped, as the doctor does."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

WARNING = "Sao lưu hằng đêm có thể đã dừng"


def archive_made(settings, hours_ago: float) -> None:
    when = timezone.localtime(timezone.now() - timedelta(hours=hours_ago))
    (settings.BACKUP_DIR / f"congtruong-{when:%Y%m%d-%H%M%S}.tar.gz.enc").write_bytes(b"x")


@pytest.fixture
def backups(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_DIR.mkdir()
    return settings


def overview(client_for) -> str:
    response = client_for("admin").get(reverse("accounts:admin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_no_warning_after_last_nights_backup(backups, client_for):
    archive_made(backups, hours_ago=20)

    assert WARNING not in overview(client_for)


def test_a_backup_older_than_26_hours_is_flagged_with_its_age(backups, client_for):
    archive_made(backups, hours_ago=20 + 24 * 3)
    archive_made(backups, hours_ago=20 + 24 * 9)

    html = overview(client_for)

    assert WARNING in html
    assert "cũ hơn 3 ngày" in html


def test_a_site_that_never_made_a_backup_is_flagged(backups, client_for):
    html = overview(client_for)

    assert "Chưa có bản sao lưu nào" in html
