"""Who receives an announcement, and who may address whom."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from announcements.access import addressable_choices
from announcements.models import Announcement
from notifications.models import Notification


def test_parent_of_the_class_sees_it_and_another_familys_parent_gets_404(
    personas, publish, client_for
):
    notice = publish(keys=[f"class:{personas.class_5a.pk}:parent"], title="Họp phụ huynh 5A")

    assert client_for("parent_an").get(notice.get_absolute_url()).status_code == 200
    assert client_for("other_parent").get(notice.get_absolute_url()).status_code == 404
    assert "Họp phụ huynh 5A" in client_for("parent_an").get("/thong-bao/").text
    assert "Họp phụ huynh 5A" not in client_for("other_parent").get("/thong-bao/").text


def test_a_notice_for_parents_is_not_shown_to_the_pupils(personas, publish, client_for):
    notice = publish(keys=[f"class:{personas.class_5a.pk}:parent"])

    assert client_for("pupil_an").get(notice.get_absolute_url()).status_code == 404


def test_grade_and_school_keys_reach_the_right_people(personas, publish):
    grade_5 = publish(keys=["grade:5"], author=personas.editor)
    parents = publish(keys=["school:parent"], author=personas.editor)

    for user, expected in [
        (personas.pupil_an, {grade_5.pk}),
        (personas.parent_an, {grade_5.pk, parents.pk}),
        (personas.other_parent, {parents.pk}),
        (personas.pupil_binh, set()),
        (personas.teacher_5a, {grade_5.pk}),  # homeroom teacher of a grade-5 class
    ]:
        seen = set(Announcement.objects.visible_to(user).values_list("pk", flat=True))
        assert seen == expected, user


def test_each_recipient_gets_one_in_app_notification_and_the_author_none(personas, publish):
    class_5a = personas.class_5a.pk
    # Two keys that both contain An's parent: still one notification for her.
    publish(keys=[f"class:{class_5a}", f"class:{class_5a}:parent"])
    publish(keys=["grade:5"], author=personas.editor)

    notified = list(Notification.objects.values_list("recipient__username", flat=True))
    # The teacher wrote the first (no notification) and is staff of grade 5 for the second.
    assert sorted(notified) == ["gv_hong", "hs_an", "hs_an", "ph_an", "ph_an"]


def test_scheduled_announcement_appears_at_its_time_without_any_job(personas, publish, client_for):
    later = publish(
        keys=[f"class:{personas.class_5a.pk}:parent"],
        publish_at=timezone.now() + timedelta(hours=2),
    )
    parent = client_for("parent_an")
    assert parent.get(later.get_absolute_url()).status_code == 404
    assert not Notification.objects.exists()  # nobody told about it yet

    Announcement.objects.filter(pk=later.pk).update(
        publish_at=timezone.now() - timedelta(minutes=1)
    )
    assert parent.get(later.get_absolute_url()).status_code == 200


def test_expired_announcement_disappears_for_readers_but_not_for_its_author(
    personas, publish, client_for
):
    notice = publish(keys=[f"class:{personas.class_5a.pk}:parent"])
    Announcement.objects.filter(pk=notice.pk).update(
        expire_at=timezone.now() - timedelta(seconds=1),
        publish_at=timezone.now() - timedelta(days=1),
    )
    assert client_for("parent_an").get(notice.get_absolute_url()).status_code == 404
    assert client_for("teacher_5a").get(notice.get_absolute_url()).status_code == 200


def test_homeroom_teacher_may_address_only_their_own_class(personas, publish):
    keys = {key for key, _label in addressable_choices(personas.teacher_5a)}
    class_5a, class_4b = personas.class_5a.pk, personas.class_4b.pk
    assert keys == {f"class:{class_5a}", f"class:{class_5a}:pupil", f"class:{class_5a}:parent"}

    with pytest.raises(PermissionDenied):
        publish(keys=[f"class:{class_4b}:parent"])
    with pytest.raises(PermissionDenied):
        publish(keys=["school"])
    assert not Announcement.objects.exists()


def test_editor_and_admin_may_address_anyone_and_others_nobody(personas):
    for name in ("editor", "admin"):
        keys = {key for key, _label in addressable_choices(personas.get(name))}
        assert {"school", "school:parent", f"class:{personas.class_4b.pk}:parent"} <= keys
        assert "public" not in keys
    for name in ("collaborator", "parent_an", "pupil_an"):
        assert addressable_choices(personas.get(name)) == []


def test_teacher_posting_to_another_class_gets_a_message_and_keeps_the_text(personas, client_for):
    response = client_for("teacher_5a").post(
        "/thong-bao/viet/",
        {
            "title": "Tiêu đề giữ lại",
            "body": "<p>Nội dung giữ lại</p>",
            "audiences": [f"class:{personas.class_4b.pk}:parent"],
            "priority": "normal",
        },
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.text
    assert "Tiêu đề giữ lại" in response.text
    assert not Announcement.objects.exists()


def test_homeroom_teacher_publishes_to_own_class_from_the_form(personas, client_for):
    response = client_for("teacher_5a").post(
        "/thong-bao/viet/",
        {
            "title": "Nộp tiền quỹ lớp",
            "body": "<p>Hạn nộp <script>alert(1)</script>thứ Sáu</p>",
            "audiences": [f"class:{personas.class_5a.pk}:parent"],
            "priority": "important",
            "requires_confirmation": "on",
        },
    )
    notice = Announcement.objects.get()
    assert response.status_code == 302
    assert response.url == f"/thong-bao/{notice.pk}/tinh-trang/"
    assert "<script>" not in notice.body and "thứ Sáu" in notice.body
    assert notice.requires_confirmation and notice.audience_keys == [
        f"class:{personas.class_5a.pk}:parent"
    ]


def test_collaborator_without_a_class_cannot_open_the_form(client_for):
    assert client_for("collaborator").get("/thong-bao/viet/").status_code == 404


def test_expiry_before_publication_is_refused_with_a_message(personas, client_for):
    response = client_for("teacher_5a").post(
        "/thong-bao/viet/",
        {
            "title": "Sai giờ",
            "body": "<p>x</p>",
            "audiences": [f"class:{personas.class_5a.pk}"],
            "priority": "normal",
            "publish_at": "2026-12-10T08:00",
            "expire_at": "2026-12-09T08:00",
        },
    )
    assert "Thời điểm hết hạn phải sau thời điểm đăng." in response.text
    assert not Announcement.objects.exists()


def test_write_link_only_for_those_who_may_write(client_for):
    assert "Viết thông báo" in client_for("teacher_5a").get("/thong-bao/").text
    assert "Viết thông báo" in client_for("editor").get("/thong-bao/").text
    assert "Viết thông báo" not in client_for("collaborator").get("/thong-bao/").text
    assert "Viết thông báo" not in client_for("parent_an").get("/thong-bao/").text


def test_write_in_the_menu_opens_the_form_and_the_form_links_the_sent_list(client_for):
    teacher = client_for("teacher_5a")
    menu = teacher.get("/thong-bao/").text
    assert 'class="dropdown-item" href="/thong-bao/viet/"' in menu
    assert 'href="/thong-bao/da-gui/"><i class="bi bi-pencil-square"' not in menu
    assert "/thong-bao/da-gui/" in teacher.get("/thong-bao/viet/").text
