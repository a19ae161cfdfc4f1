"""The admin overview: each number against data built for it, with its trend and link."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from announcements.models import Announcement, AnnouncementAudience, ReadReceipt
from forum.models import Board, Case, Post, Topic
from notifications.models import Delivery
from reports import overview

from .world import build_school


def items(now=None) -> dict:
    return {item.key: item for item in overview.overview(now)}


def test_held_posts_with_the_oldest_ones_age_and_a_weekly_trend(personas):
    now = timezone.now()
    board = Board.objects.create(name="B", slug="b", audience="school")
    topic = Topic.objects.create(board=board, title="T", author=personas.pupil_an)
    for n, days in enumerate((10, 2, 1)):
        Post.objects.create(
            topic=topic, position=n + 1, author=personas.pupil_an, body="x", body_html="x",
            status="held", queued_at=now - timedelta(days=days),
        )  # fmt: skip
    review = items(now)["review"]
    assert review.value == 3
    assert review.detail == "bài cũ nhất chờ 10 ngày"
    assert review.url == "/dien-dan/hang-doi/"
    assert sum(review.trend) == 3 and len(review.trend) == 8
    assert review.sparkline_points.count(",") == 8


def test_overdue_cases_failed_deliveries_and_accounts(personas):
    today = timezone.localdate()
    Case.objects.create(author=personas.parent_an, kind="question", category="study", title="Quá hạn", due_on=today - timedelta(days=2))  # fmt: skip
    Case.objects.create(author=personas.parent_an, kind="question", category="study", title="Còn hạn", due_on=today + timedelta(days=2))  # fmt: skip
    Delivery.objects.create(key="n1:email", recipient=personas.parent_an, channel="email", address="a@b.c", status="failed")  # fmt: skip
    Delivery.objects.create(key="n2:email", recipient=personas.parent_an, channel="email", address="a@b.c", status="sent")  # fmt: skip
    User.objects.filter(pk=personas.other_parent.pk).update(is_active=False)
    found = items()
    assert found["cases"].value == 1
    assert found["deliveries"].value == 1
    assert "status__exact=failed" in found["deliveries"].url
    assert found["locked"].value == 1
    # Persona accounts are made with create_user and never logged in; the locked one aside.
    assert (
        found["never"].value == User.objects.filter(is_active=True, last_login__isnull=True).count()
    )


def test_announcements_under_half_read_after_three_days(personas):
    build_school(personas, n_classes=2, per_class=5)
    now = timezone.now()
    old_unread = Announcement.objects.create(title="Ít người đọc", author=personas.admin, publish_at=now - timedelta(days=4))  # fmt: skip
    old_read = Announcement.objects.create(title="Nhiều người đọc", author=personas.admin, publish_at=now - timedelta(days=5))  # fmt: skip
    fresh = Announcement.objects.create(title="Mới", author=personas.admin, publish_at=now - timedelta(days=1))  # fmt: skip
    for announcement in (old_unread, old_read, fresh):
        AnnouncementAudience.objects.create(announcement=announcement, key="school:parent")
    parents = list(User.objects.filter(role="parent"))
    ReadReceipt.objects.bulk_create(ReadReceipt(announcement=old_read, user=p) for p in parents[: len(parents) // 2 + 1])  # fmt: skip
    ReadReceipt.objects.bulk_create(
        ReadReceipt(announcement=old_unread, user=p) for p in parents[:2]
    )
    unread = items(now)["unread"]
    assert unread.value == 1
    assert unread.needs_action


@override_settings(BACKUP_DIR="/nonexistent/backups")
def test_no_backup_is_an_alert(personas):
    backup = items()["backup"]
    assert backup.value == "chưa có" and backup.needs_action


def test_backup_age_from_the_newest_archive(personas, tmp_path, settings):
    settings.BACKUP_DIR = tmp_path
    made = timezone.localtime() - timedelta(hours=5)
    (tmp_path / f"congtruong-{made:%Y%m%d-%H%M%S}.tar.gz").write_bytes(b"")
    backup = items()["backup"]
    assert backup.value == "5 giờ" and not backup.needs_action


def test_lessons_and_training_show_nothing_to_do_without_data(personas):
    assert overview.lessons_overdue_per_class() == []
    assert overview.staff_training_not_completed() == 0
    assert items()["lessons"].value == 0 and not items()["lessons"].needs_action
    assert items()["training"].value == 0 and not items()["training"].needs_action


def test_the_overview_page_links_each_number(client_for, personas):
    page = client_for("admin").get("/bao-cao/tong-quan/").content.decode()
    assert 'href="/dien-dan/hang-doi/"' in page and '<svg class="sparkline"' in page
