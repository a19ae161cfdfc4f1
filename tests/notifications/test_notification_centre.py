"""The bell, the list, marking one (htmx, in place) or all read."""

from notifications.models import Notification
from notifications.services import notify


def test_bell_counts_unread_and_htmx_marks_one_read_in_place(personas, client_for):
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Trả lời 1")
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Trả lời 2")
    parent = client_for("parent_an")
    assert 'data-testid="notification-count">2<' in parent.get("/thong-bao-ca-nhan/").text

    first = Notification.objects.get(title="Trả lời 1")
    response = parent.post(f"/thong-bao-ca-nhan/{first.pk}/da-xem/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="notification-{first.pk}"' in response.text and "<html" not in response.text
    assert "Đã xem" in response.text
    assert 'data-testid="notification-count">1<' in parent.get("/thong-bao-ca-nhan/").text


def test_someone_elses_notification_cannot_be_marked(personas, client_for):
    notify(recipients=[personas.other_parent], kind="forum.reply", title="Của người khác")
    theirs = Notification.objects.get()
    client_for("parent_an").post(
        f"/thong-bao-ca-nhan/{theirs.pk}/da-xem/", headers={"HX-Request": "true"}
    )
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_clears_the_bell(personas, client_for):
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Trả lời")
    parent = client_for("parent_an")
    parent.post("/thong-bao-ca-nhan/da-xem-het/")
    assert 'data-testid="notification-count"' not in parent.get("/thong-bao-ca-nhan/").text


def test_marking_someone_elses_notification_with_htmx_reloads_the_page_instead_of_swapping_it(
    personas, client_for
):
    from notifications.services import notify

    notify(recipients=[personas.parent_an], kind="forum.reply", title="Có trả lời mới")
    from notifications.models import Notification

    theirs = Notification.objects.get(recipient=personas.parent_an)
    response = client_for("other_parent").post(
        f"/thong-bao-ca-nhan/{theirs.pk}/da-xem/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/thong-bao-ca-nhan/"
    theirs.refresh_from_db()
    assert theirs.read_at is None
