"""Every figure of the periodic report against data built to give a known answer."""

from datetime import date, datetime

import pytest

from forum.models import Case
from reports import figures, periods
from reports.small_numbers import SMALL

from .world import TZ, at, build_school

NOW = datetime(2026, 12, 2, 10, tzinfo=TZ)


@pytest.fixture
def report(personas):
    world = build_school(personas, n_classes=10, per_class=10)
    # One case answered late: due on 3 October, first answer on 5 October.
    Case.objects.create(
        author=world["parents"][1], kind="complaint", category="safety", title="Muộn",
        created_at=at(date(2026, 10, 1)), due_on=date(2026, 10, 3), status="answered",
        first_answered_at=at(date(2026, 10, 5)),
    )  # fmt: skip
    period = periods.build(periods.SEMESTER_1, year=personas.year)
    built = figures.build_report(period, now=NOW)
    return {t["key"]: t for s in built["sections"] for t in s["tables"]} | {
        "_sections": built["sections"]
    }


def rows(table):
    return {row[0]: row[1:] for row in table["rows"]}


def test_semester_one_runs_from_the_first_day_to_the_day_before_15_january(personas):
    period = periods.build(periods.SEMESTER_1, year=personas.year)
    assert (period.start, period.end) == (date(2026, 9, 5), date(2027, 1, 14))
    assert periods.build(periods.SEMESTER_2, year=personas.year).start == date(2027, 1, 15)
    october = periods.build(periods.MONTH, year=personas.year, month=10)
    assert (october.start, october.end) == (date(2026, 10, 1), date(2026, 10, 31))
    february = periods.build(periods.MONTH, year=personas.year, month=2)
    assert (february.start, february.end) == (date(2027, 2, 1), date(2027, 2, 28))


def test_lessons_per_grade_and_class(report):
    grades = rows(report["lessons_by_grade"])
    # Two classes of 10 per grade; each pupil tried once and got 1 or 2 of 3 right.
    assert grades["Khối 1"] == [1, 1, 20, 20, 50.0]
    classes = rows(report["lessons_by_class"])
    assert classes["w1A"] == [10, 10, 10, 100.0, 50.0]
    # Personas' 5A: An has no attempt, and one pupil is a small number.
    assert classes["5A"] == [SMALL, 0, 0, SMALL, None]


def test_most_missed_questions_come_first_with_their_rate(report):
    missed = report["most_missed"]["rows"]
    assert [row[0] for row in missed[:5]] == ["Câu 1"] * 5
    assert missed[0][2:] == [20, 20, 100.0]
    assert missed[5][0] == "Câu 2" and missed[5][4] == 50.0
    assert all(row[0] != "Câu 0" for row in missed)  # always answered right


def test_forum_activity_reports_and_sanctions(report):
    assert rows(report["forum_activity"]) == {
        "Chủ đề mới": [10], "Bài viết": [100], "Bài phải duyệt": [20],
        "Bài đang chờ duyệt": [10], "Bài bị từ chối": [10], "Bài bị ẩn": [0],
    }  # fmt: skip
    reasons = rows(report["forum_reports"])
    assert reasons["Bắt nạt"] == [5] and reasons["Spam"] == [0]
    # Decisions after 2, 6, 4, 2 and 6 hours: the median is 4.
    assert "4,0 giờ" in report["forum_reports"]["note"]
    assert rows(report["forum_sanctions"])["Nhắc nhở"] == [2]


def test_cases_opened_answered_late_overdue_and_median(report):
    kinds = rows(report["cases_by_kind"])
    assert kinds["Câu hỏi"] == [10, 5, 0, 5, 24.0]
    assert kinds["Phản ánh"] == [1, 1, 1, 0, 96.0]
    assert kinds["Tổng cộng"] == [11, 6, 1, 5, 24.0]
    assert rows(report["cases_by_category"])["An toàn, bắt nạt"] == [1, 1, 0]


def test_announcements_read_and_confirmed_per_class(report):
    classes = rows(report["announcements_by_class"])
    # Ten families; the parents with an even index read every one after 4 hours.
    assert classes["w1A"] == [10, 5, 50.0, 50.0, 4.0, 5]
    summary = rows(report["announcements_summary"])
    assert summary["Thông báo đã gửi"] == [5]
    assert summary["Thông báo yêu cầu xác nhận"] == [1]
    assert summary["Trung vị thời gian đến khi xem (giờ)"] == [4.0]


def test_accounts_and_visits(report):
    roles = rows(report["accounts_by_role"])
    assert roles["Phụ huynh"] == [102, 50, 50, 0]
    assert roles["Cán bộ, giáo viên"][0] == 5
    visits = rows(report["visits_by_month"])
    # Every third day from 5 September, 100 visits each: 9 days in September.
    assert visits["2026-09-01"] == [900]
    assert visits["2026-10-01"] == [1000]


def test_no_pupil_name_anywhere_in_the_report(report, personas):
    text = repr(report)
    assert "Nguyễn Văn An" not in text and "Người whs" not in text


def test_no_section_says_it_has_no_data(report):
    prose = [line for s in report["_sections"] for line in s["prose"]]
    assert not any("chưa có dữ liệu" in line for line in prose)


def test_a_month_counts_only_its_own_activity(personas):
    build_school(personas, n_classes=5, per_class=5)
    november = periods.build(periods.MONTH, year=personas.year, month=11)
    built = figures.build_report(november, now=NOW)
    tables = {t["key"]: t for s in built["sections"] for t in s["tables"]}
    assert rows(tables["forum_activity"])["Bài viết"] == [0]
    assert rows(tables["announcements_summary"])["Thông báo đã gửi"] == [0]


def test_assigned_lessons_per_class_in_the_built_school(report):
    # Each class of 10 was given its grade's lesson; the 5 even pupils completed it.
    assigned = rows(report["lessons_assigned_by_class"])
    assert len(assigned) == 12  # 10 built classes, 5A and 4B of the personas
    assert all(assigned[name] == [1, 5, 5, 50.0] for name in assigned if name not in ("5A", "4B"))
    assert assigned["5A"] == [0, 0, 0, None]
