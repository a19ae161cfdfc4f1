"""Absence notes: the guardian reports, the teacher is told at once and acknowledges."""

from datetime import date, timedelta

from django.utils import timezone

from conversations import selectors, services
from conversations.models import AbsenceNote
from notifications.models import Notification

from . import factories


def test_a_parent_reports_an_absence_and_sees_it_acknowledged(personas, client_for):
    parent = client_for("parent_an")
    today = timezone.localdate()
    response = parent.post(
        f"/tin-nhan/nghi-hoc/moi/{personas.pupil_an.pk}/",
        {"starts_on": today.isoformat(), "part": "morning", "reason": "ill", "details": "Sốt"},
    )
    assert response.status_code == 302
    note = AbsenceNote.objects.get()
    assert note.school_class == personas.class_5a and note.ends_on == today
    bell = Notification.objects.get(recipient=personas.teacher_5a)
    assert bell.kind == "conversations.absence" and "Nguyễn Văn An" in bell.title
    assert "Chờ giáo viên xác nhận" in parent.get("/tin-nhan/nghi-hoc/").text

    teacher = client_for("teacher_5a")
    class_page = teacher.get(f"/tin-nhan/lop/{personas.class_5a.pk}/").text
    top = class_page.index('data-testid="absent-today"')
    assert "Nguyễn Văn An" in class_page[top : top + 2000] and "Buổi sáng" in class_page
    teacher.post(f"/tin-nhan/nghi-hoc/{note.pk}/da-nhan/")
    note.refresh_from_db()
    assert note.acknowledged_by == personas.teacher_5a
    assert (
        Notification.objects.get(recipient=personas.parent_an).kind == "conversations.absence_ack"
    )
    page = parent.get("/tin-nhan/nghi-hoc/").text
    assert 'data-testid="acknowledged"' in page and "Đã nhận" in page
    assert "Đã nhận" in parent.get("/thong-bao/gia-dinh/").text


def test_another_teacher_cannot_acknowledge(personas, client_for):
    note = factories.absence(personas)
    assert (
        client_for("other_teacher").post(f"/tin-nhan/nghi-hoc/{note.pk}/da-nhan/").status_code
        == 404
    )
    note.refresh_from_db()
    assert note.acknowledged_at is None


def test_a_range_counts_on_each_day_and_prints_per_day_and_month(personas, client_for):
    today = timezone.localdate()
    factories.absence(personas, starts_on=today, ends_on=today + timedelta(days=2))
    services.submit_absence(
        by=personas.other_parent, pupil=personas.pupil_binh, starts_on=today, reason="family"
    )
    counts = dict(selectors.school_counts(today - timedelta(days=1), today + timedelta(days=3)))
    assert counts[today] == 2 and counts[today + timedelta(days=1)] == 1
    assert counts[today - timedelta(days=1)] == 0 and counts[today + timedelta(days=3)] == 0
    teacher = client_for("teacher_5a")
    day_sheet = teacher.get(
        f"/tin-nhan/lop/{personas.class_5a.pk}/nghi-hoc/ngay/?ngay={today + timedelta(days=1)}"
    ).text
    assert day_sheet.count('data-testid="absent-row"') == 1 and "Lê Thị Bình" not in day_sheet
    month = teacher.get(
        f"/tin-nhan/lop/{personas.class_5a.pk}/nghi-hoc/thang/?thang={today:%Y-%m}"
    ).text
    assert month.count('data-testid="month-row"') == 1 and "Nguyễn Văn An" in month
    school = client_for("admin").get(f"/tin-nhan/nghi-hoc/toan-truong/?thang={today:%Y-%m}").text
    assert f"{today:%d/%m/%Y}</td><td>2<" in school


def test_month_grid_marks_the_part_of_the_day(personas):
    note = AbsenceNote(
        pupil=personas.pupil_an, starts_on=date(2026, 12, 30), ends_on=date(2027, 1, 2), part="day"
    )
    days = selectors.month_days(date(2026, 12, 1))
    assert len(days) == 31
    [row] = selectors.class_month_grid([note], days)
    assert row["cells"][-2:] == ["P", "P"] and row["count"] == 2
