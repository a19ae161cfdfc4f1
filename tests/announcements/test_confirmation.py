"""Reading, confirming, the read-status page, the printable list and reminders."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Enrolment, Guardianship, Role
from announcements.models import ReadReceipt
from notifications.models import Notification
from tests.personas import make_user


@pytest.fixture
def meeting(personas, publish):
    class_5a = personas.class_5a.pk
    return publish(
        keys=[f"class:{class_5a}:parent", f"class:{class_5a}:pupil"],
        title="Họp phụ huynh",
        requires_confirmation=True,
    )


@pytest.fixture
def second_family(personas):
    """Chi (5A) and her father, who has not opened anything."""
    chi = make_user("hs_chi", "Trần Thị Chi", Role.PUPIL, pupil_code="HS0003")
    father = make_user("ph_chi", "Trần Văn Dũng", Role.PARENT, email="dung@example.com")
    Enrolment.objects.create(pupil=chi, school_class=personas.class_5a)
    Guardianship.objects.create(parent=father, pupil=chi)
    return father


def test_first_view_counts_as_read_and_the_button_confirms(personas, meeting, client_for):
    parent = client_for("parent_an")
    page = parent.get(meeting.get_absolute_url())
    assert "Xác nhận đã đọc" in page.text
    receipt = ReadReceipt.objects.get(user=personas.parent_an)
    assert receipt.read_at is not None and receipt.confirmed_at is None

    response = parent.post(f"/thong-bao/{meeting.pk}/xac-nhan/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Bạn đã xác nhận đã đọc lúc" in response.text
    assert "<html" not in response.text  # only the partial
    receipt.refresh_from_db()
    assert receipt.confirmed_at is not None
    assert "Xác nhận đã đọc" not in parent.get(meeting.get_absolute_url()).text.split("<article")[
        1
    ].split("</article>")[0].replace("Bạn đã xác nhận đã đọc", "")


def test_opening_the_announcement_marks_its_notification_read(personas, meeting, client_for):
    assert Notification.objects.filter(recipient=personas.parent_an, read_at=None).count() == 1
    client_for("parent_an").get(meeting.get_absolute_url())
    assert Notification.objects.filter(recipient=personas.parent_an, read_at=None).count() == 0


def test_unread_badge_counts_down_after_reading(personas, meeting, client_for):
    parent = client_for("parent_an")
    assert 'data-testid="announcements-unread">1' in parent.get("/thong-bao/").text
    parent.get(meeting.get_absolute_url())
    assert 'data-testid="announcements-unread"' not in parent.get("/thong-bao/").text


def test_no_confirm_button_when_not_asked(personas, publish, client_for):
    notice = publish(keys=[f"class:{personas.class_5a.pk}:parent"])
    parent = client_for("parent_an")
    assert "Xác nhận đã đọc" not in parent.get(notice.get_absolute_url()).text
    response = parent.post(f"/thong-bao/{notice.pk}/xac-nhan/", follow=True)
    assert "Thông báo này không yêu cầu xác nhận." in response.text


def test_read_status_shows_each_family_per_class(personas, meeting, second_family, client_for):
    client_for("parent_an").get(meeting.get_absolute_url())
    client_for("parent_an").post(f"/thong-bao/{meeting.pk}/xac-nhan/")
    client_for("pupil_an").get(meeting.get_absolute_url())

    page = client_for("teacher_5a").get(f"/thong-bao/{meeting.pk}/tinh-trang/").text
    assert "Lớp 5A" in page
    assert "2 gia đình · 1 đã xem · 1 đã xác nhận · <strong>1 chưa</strong>" in page
    assert "Trần Văn Dũng" in page and "Nguyễn Thị Bích" in page


def test_printable_list_names_only_families_who_have_not_confirmed(
    personas, meeting, second_family, client_for
):
    client_for("parent_an").post(f"/thong-bao/{meeting.pk}/xac-nhan/")
    page = client_for("teacher_5a").get(f"/thong-bao/{meeting.pk}/tinh-trang/in/").text
    assert "Danh sách gia đình chưa xác nhận đã đọc" in page
    assert page.count('data-testid="pending-family"') == 1
    assert "Trần Văn Dũng" in page and "Nguyễn Thị Bích" not in page


def test_reminder_reaches_only_those_who_have_not_confirmed(
    personas, meeting, second_family, client_for, settings
):
    client_for("parent_an").post(f"/thong-bao/{meeting.pk}/xac-nhan/")
    client_for("pupil_an").post(f"/thong-bao/{meeting.pk}/xac-nhan/")
    Notification.objects.all().delete()

    teacher = client_for("teacher_5a")
    response = teacher.post(f"/thong-bao/{meeting.pk}/nhac-lai/", follow=True)
    assert "Đã gửi nhắc lại" in response.text
    reminded = set(
        Notification.objects.filter(kind="announcement.reminder").values_list(
            "recipient__username", flat=True
        )
    )
    assert reminded == {"ph_chi", "hs_chi"}

    again = teacher.post(f"/thong-bao/{meeting.pk}/nhac-lai/", follow=True)
    assert "Vừa nhắc lại xong. Hãy đợi một giờ rồi nhắc tiếp." in again.text
    assert Notification.objects.filter(kind="announcement.reminder").count() == 2


def test_reminder_e_mail_follows_the_persons_preference(
    personas, meeting, second_family, client_for
):
    from notifications.services import set_preference

    set_preference(user=second_family, kind="announcement.reminder", mode="immediate")
    mail.outbox.clear()
    client_for("teacher_5a").post(f"/thong-bao/{meeting.pk}/nhac-lai/")
    assert [message.to for message in mail.outbox] == [["dung@example.com"]]
    assert "Nhắc lại: Họp phụ huynh" in mail.outbox[0].subject


def test_attachment_is_a_download_for_the_audience_only(personas, publish, client_for):
    notice = publish(
        keys=[f"class:{personas.class_5a.pk}:parent"],
        files=[SimpleUploadedFile("giay-moi.pdf", b"%PDF-1.4 giay moi", "application/pdf")],
    )
    url = notice.attachments.get().get_absolute_url()
    response = client_for("parent_an").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 giay moi"
    assert response["Content-Disposition"].startswith("attachment")
    assert client_for("other_parent").get(url).status_code == 404


def test_withdrawn_announcement_is_gone_for_readers(personas, meeting, client_for):
    client_for("teacher_5a").post(f"/thong-bao/{meeting.pk}/go/")
    assert client_for("parent_an").get(meeting.get_absolute_url()).status_code == 404


def test_printable_list_for_a_pupils_only_notice_lists_pupils(personas, publish, client_for):
    homework = publish(keys=[f"class:{personas.class_5a.pk}:pupil"], title="Nộp bài")
    page = client_for("teacher_5a").get(f"/thong-bao/{homework.pk}/tinh-trang/in/").text
    assert page.count('data-testid="pending-family"') == 1 and "Nguyễn Văn An" in page
    client_for("pupil_an").get(homework.get_absolute_url())
    page = client_for("teacher_5a").get(f"/thong-bao/{homework.pk}/tinh-trang/in/").text
    assert 'data-testid="pending-family"' not in page


def test_read_status_counts_staff_when_staff_are_addressed(personas, publish, client_for):
    notice = publish(keys=["school:staff"], author=personas.admin, title="Họp hội đồng")
    client_for("teacher_5a").get(notice.get_absolute_url())
    page = client_for("admin").get(f"/thong-bao/{notice.pk}/tinh-trang/").text
    # Hồng, Tuấn, Lan and Tâm; the admin wrote it.
    assert "Cán bộ, giáo viên: 1/4 đã xem" in page


def test_reminder_follows_each_classs_own_roles(personas, publish, client_for):
    """Pupils of 5A and parents of 4B are addressed: nobody else is reminded,
    and everyone reminded can open the link."""
    notice = publish(
        keys=[f"class:{personas.class_5a.pk}:pupil", f"class:{personas.class_4b.pk}:parent"],
        author=personas.editor,
    )
    Notification.objects.all().delete()

    client_for("editor").post(f"/thong-bao/{notice.pk}/nhac-lai/")

    reminded = set(
        Notification.objects.filter(kind="announcement.reminder").values_list(
            "recipient__username", flat=True
        )
    )
    assert reminded == {"hs_an", "ph_binh"}
    for name in ("pupil_an", "other_parent"):
        assert client_for(name).get(notice.get_absolute_url()).status_code == 200
