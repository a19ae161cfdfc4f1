"""The report's and the overview's figures about assigned lessons and staff training,
against data built to give a known answer: lessons assigned and completed per class,
overdue lessons per class, training modules completed by a known number of staff."""

from datetime import date, datetime

import pytest

from accounts import audiences
from accounts.models import Role, User
from lessons.models import (
    Assignment,
    Attempt,
    Choice,
    Lesson,
    LessonProgress,
    Question,
    TrainingConfirmation,
)
from reports import figures, overview, periods
from reports.small_numbers import SMALL

from .world import TZ, at, build_school

NOW = datetime(2026, 12, 2, 10, tzinfo=TZ)
SCHOOL = audiences.Audience(audiences.SCHOOL, None, Role.PUPIL).key


def _lesson(slug: str, low: int, high: int, author, **extra) -> Lesson:
    return Lesson.objects.create(
        title=extra.pop("title", slug), slug=slug, min_grade=low, max_grade=high, author=author,
        status=extra.pop("status", "published"), published_at=at(date(2026, 9, 10)), **extra,
    )  # fmt: skip


def _complete(pupils, lesson, day=date(2026, 11, 1)):
    LessonProgress.objects.bulk_create(
        LessonProgress(pupil=p, lesson=lesson, completed_at=at(day)) for p in pupils
    )


def _assign(lesson, key, opens: date, due: date | None = None):
    return Assignment.objects.create(
        lesson=lesson, audience=key, opens_at=at(opens), due_at=at(due) if due else None
    )


@pytest.fixture
def assigned(personas):
    """h1A (grade 1, 6 pupils), h2A (grade 2, 6 pupils), 5A (1 pupil), 4B (1 pupil)."""
    world = build_school(personas, n_classes=2, per_class=6, tag="h")
    # This test's own assignments only (the world gives each class one).
    Assignment.objects.all().delete()
    LessonProgress.objects.all().delete()
    h1a, h2a = world["classes"]
    p1, p2 = world["pupils"][:6], world["pupils"][6:]
    teacher = personas.teacher_5a
    first = _lesson("giao-1", 1, 1, teacher)
    both = _lesson("giao-1-2", 1, 2, teacher)
    fifth = _lesson("giao-5", 5, 5, teacher)
    second = _lesson("giao-2", 2, 2, teacher)
    old = _lesson("giao-cu", 1, 5, teacher)
    # h1A: its own lesson (due 20/10, 4 of 6 completed) and the school's (due 10/11, all 6).
    _assign(first, audiences.class_key(h1a.pk, Role.PUPIL), date(2026, 10, 1), date(2026, 10, 20))
    _assign(both, SCHOOL, date(2026, 11, 1), date(2026, 11, 10))
    _complete(p1[:4], first)
    _complete(p1, both)
    # h2A: the school's lesson, 3 of 6 completed in the period, one more after it.
    _complete(p2[:3], both)
    _complete(p2[3:4], both, day=date(2027, 1, 20))
    # h2A: a grade assignment due 15/11 merged with a class one without deadline: never
    # overdue; nobody completed it (2 lessons for h2A in the report).
    _assign(second, audiences.grade_key(2, Role.PUPIL), date(2026, 10, 1), date(2026, 11, 15))
    _assign(second, audiences.class_key(h2a.pk, Role.PUPIL), date(2026, 10, 1))
    # 5A: one lesson without deadline, completed by its only pupil.
    _assign(fifth, audiences.class_key(personas.class_5a.pk, Role.PUPIL), date(2026, 10, 1))
    _complete([personas.pupil_an], fifth)
    # Given and due before the school year began: neither in the report nor overdue.
    _assign(old, SCHOOL, date(2026, 8, 1), date(2026, 8, 20))
    return world


def _report(personas):
    period = periods.build(periods.SEMESTER_1, year=personas.year)
    return figures.build_report(period, now=NOW)


def _tables(built):
    return {t["key"]: t for s in built["sections"] for t in s["tables"]}


def test_lessons_assigned_and_completed_per_class(assigned, personas):
    built = _report(personas)
    table = _tables(built)["lessons_assigned_by_class"]
    rows = {row[0]: row[1:] for row in table["rows"]}
    # Lessons, completions (pupil × lesson), pupils who completed all, rate of completions.
    assert rows["h1A"] == [2, 10, SMALL, 83.3]  # 4 + 6 of 12; 4 pupils did both
    assert rows["h2A"] == [2, SMALL, 0, 25.0]  # 3 of 12 (the January one is after the period)
    assert rows["5A"] == [1, SMALL, SMALL, SMALL]  # a class of one pupil
    assert rows["4B"] == [0, 0, 0, None]
    lessons = next(s for s in built["sections"] if s["key"] == "lessons")
    assert not any("chưa có dữ liệu" in line for line in lessons["prose"])
    # 3 classes; (10 + 3 + 1) of (12 + 12 + 1) = 56 %.
    assert "3 lớp được giao bài" in lessons["prose"][1] and "56,0%" in lessons["prose"][1]


def test_the_assigned_table_has_its_csv(assigned, personas, client_for):
    client = client_for("admin")
    csv = b"".join(
        client.get("/bao-cao/bang/lessons_assigned_by_class.csv?kind=hk1").streaming_content
    ).decode("utf-8-sig")
    assert "h1A" in csv and "83" in csv


def test_lessons_overdue_per_class_counts_lessons_not_completed_by_everyone(assigned, personas):
    # h1A: its own lesson is overdue (2 pupils missing); the school's one was done by all.
    # h2A: the school's lesson is overdue (3 missing); the merged one has no deadline.
    # 5A: no deadline. The lesson due in August is before the school year.
    assert overview.lessons_overdue_per_class(NOW) == [("h1A", 1), ("h2A", 1)]
    item = next(i for i in overview.overview(NOW) if i.key == "lessons")
    assert item.value == 2 and item.needs_action and item.url == "/bai-hoc/lop/"
    assert "h1A: 1" in item.detail


def test_no_lesson_overdue_once_everyone_completed(assigned, personas):
    LessonProgress.objects.filter(completed_at__isnull=True).delete()
    rest = (
        User.objects.filter(role=Role.PUPIL)
        .exclude(lesson_progress__lesson__slug="giao-1")
        .filter(enrolments__school_class__name="h1A")
    )
    _complete(rest, Lesson.objects.get(slug="giao-1"))
    assert overview.lessons_overdue_per_class(NOW) == [("h2A", 1)]


@pytest.fixture
def training(personas):
    """5 active staff (the personas); module A (no quiz) completed by 3, module B (quiz)
    confirmed by 2 of them but passed by one; a parent and a locked teacher not counted."""
    admin = personas.admin
    staff = [personas.teacher_5a, personas.other_teacher, personas.editor]
    a = _lesson("mo-dun-a", 1, 5, admin, title="Mô-đun A", audience="staff")
    b = _lesson("mo-dun-b", 1, 5, admin, title="Mô-đun B", audience="staff_families")
    _lesson("mo-dun-nhap", 1, 5, admin, title="Mô-đun nháp", audience="staff", status="draft")
    question = Question.objects.create(lesson=b, position=0, kind="one", text="?", explanation="-")
    Choice.objects.create(question=question, position=0, text="Đúng", is_correct=True)
    locked = User.objects.create(username="gv_cu", full_name="Cũ", role=Role.STAFF, is_active=False)
    parent = User.objects.get(username="ph_an")
    for person in [*staff, locked]:
        TrainingConfirmation.objects.create(
            lesson=a, person=person, confirmed_at=at(date(2026, 10, 2))
        )
    for person, score in ((staff[0], 1), (staff[1], 0), (parent, 1)):
        Attempt.objects.create(
            pupil=person, lesson=b, score=score, total=1, finished_at=at(date(2026, 10, 3))
        )
        TrainingConfirmation.objects.create(
            lesson=b, person=person, confirmed_at=at(date(2026, 10, 3))
        )
    return staff


def test_staff_training_per_module_counts_staff_only_and_no_names(training, personas):
    built = _report(personas)
    table = _tables(built)["training_by_module"]
    assert table["rows"] == [["Mô-đun A", 3, 2, 60.0], ["Mô-đun B", 1, 4, 20.0]]
    section = next(s for s in built["sections"] if s["key"] == "training")
    assert "2 mô-đun" in section["prose"][0] and "20,0%" in section["prose"][0]
    text = repr(section)
    assert "Trần Thị Hồng" not in text and "gv_hong" not in text


def test_the_report_page_links_the_named_grid_for_administrators(training, client_for):
    url = "/bao-cao/?kind=hk1"
    assert "/bai-hoc/boi-duong/quan-ly/" in client_for("admin").get(url).content.decode()


def test_staff_who_have_not_completed_every_module(training, personas):
    # Only the first teacher completed A and B: 4 of the 5 active staff have not.
    assert overview.staff_training_not_completed() == 4
    item = next(i for i in overview.overview(NOW) if i.key == "training")
    assert item.value == 4 and item.needs_action and item.url == "/bai-hoc/boi-duong/quan-ly/"


def test_without_modules_nobody_is_missing_and_the_report_says_so(personas):
    assert overview.staff_training_not_completed() == 0
    section = next(s for s in _report(personas)["sections"] if s["key"] == "training")
    assert section["tables"] == [] and "chưa có mô-đun" in section["prose"][0]
