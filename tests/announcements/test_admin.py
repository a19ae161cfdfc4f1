"""The Django admin only lists announcements: writing them goes through the site,
where the audience rules, the audit row and the e-mail fan-out live."""

from announcements.models import Announcement


def test_the_admin_cannot_add_change_or_delete_announcements(personas, client_for):
    admin = client_for("admin")
    assert admin.get("/quan-tri/announcements/announcement/").status_code == 200
    assert admin.get("/quan-tri/announcements/announcement/add/").status_code == 403
    response = admin.post(
        "/quan-tri/announcements/announcement/add/",
        {"title": "Lịch nghỉ Tết", "body": "<script>alert(1)</script>", "priority": "urgent"},
    )
    assert response.status_code == 403
    assert not Announcement.objects.exists()
