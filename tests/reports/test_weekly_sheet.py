"""The weekly class sheet: the class's announcements, the calendar's family events,
the grade's new lessons and a slip to sign; no pupil names; a page per class."""

from datetime import date

from announcements.models import Announcement, AnnouncementAudience
from lessons.models import Lesson
from portal.models import Event

from .world import at

WEEK = "?tuan=2026-12-02"  # a Wednesday: the sheet covers Monday 30/11 to Sunday 06/12
MONDAY = date(2026, 11, 30)


def announce(personas, title: str, key: str, day: date = MONDAY):
    announcement = Announcement.objects.create(
        title=title, body="<p>Họp phụ huynh lúc 8 giờ.</p><p>Mang theo sổ liên lạc.</p>",
        author=personas.admin, publish_at=at(day),
    )  # fmt: skip
    AnnouncementAudience.objects.create(announcement=announcement, key=key)


def test_the_sheet_of_5a_has_its_news_the_family_events_and_the_grade_lessons(personas, client_for):
    announce(personas, "Họp phụ huynh lớp 5A", f"class:{personas.class_5a.pk}:parent")
    announce(personas, "Chỉ cho lớp 4B", f"class:{personas.class_4b.pk}")
    announce(personas, "Tuần trước", "school", day=date(2026, 11, 27))
    Event.objects.create(title="Chào cờ đầu tuần", starts_at=at(MONDAY, 7))
    Event.objects.create(title="Họp hội đồng", starts_at=at(MONDAY, 15), staff_only=True)
    Lesson.objects.create(
        title="Mật khẩu mạnh", slug="mk", min_grade=4, max_grade=5, author=personas.teacher_5a,
        status="published", published_at=at(date(2026, 12, 1)),
    )  # fmt: skip
    Lesson.objects.create(
        title="Cho lớp 1", slug="l1", min_grade=1, max_grade=1, author=personas.teacher_5a,
        status="published", published_at=at(date(2026, 12, 1)),
    )  # fmt: skip
    page = client_for("teacher_5a").get(f"/bao-cao/ban-tin-tuan/lop/{personas.class_5a.pk}/{WEEK}")
    text = page.content.decode()
    assert "Bản tin tuần lớp 5A" in text
    assert "Tuần từ 30/11/2026 đến 06/12/2026" in text
    assert "Họp phụ huynh lớp 5A" in text and "Mang theo sổ liên lạc." in text
    assert "Chỉ cho lớp 4B" not in text and "Tuần trước" not in text
    assert "Chào cờ đầu tuần" in text and "Họp hội đồng" not in text
    assert "Mật khẩu mạnh" in text and "Cho lớp 1" not in text
    assert "Chữ ký phụ huynh" in text
    assert personas.pupil_an.full_name not in text


def test_printing_every_class_gives_one_page_per_class(personas, client_for):
    page = client_for("admin").get(f"/bao-cao/ban-tin-tuan/tat-ca/{WEEK}").content.decode()
    assert page.count('data-testid="weekly-sheet"') == 2
    assert "Bản tin tuần lớp 4B" in page and "Bản tin tuần lớp 5A" in page
    assert personas.pupil_an.full_name not in page and personas.pupil_binh.full_name not in page


def test_a_teacher_sees_only_her_own_class_in_the_index(personas, client_for):
    page = client_for("teacher_5a").get("/bao-cao/ban-tin-tuan/").content.decode()
    assert "Bản tin tuần lớp 5A" in page and "Bản tin tuần lớp 4B" not in page
    assert "In cho tất cả các lớp" not in page


def test_a_bad_week_falls_back_to_this_week(personas, client_for):
    response = client_for("teacher_5a").get(
        f"/bao-cao/ban-tin-tuan/lop/{personas.class_5a.pk}/?tuan=hôm-qua"
    )
    assert response.status_code == 200
