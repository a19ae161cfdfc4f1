"""The small-number rule: no figure singles out fewer than 5 pupils or families."""

from datetime import date

from accounts.models import Enrolment, Guardianship, Role, SchoolClass
from reports import figures, periods
from reports.small_numbers import SMALL, shown_count, shown_rate

from ..personas import make_user


def test_counts_from_one_to_four_are_hidden_and_zero_and_five_are_shown():
    assert [shown_count(n) for n in (0, 1, 2, 3, 4, 5, 6)] == [0, SMALL, SMALL, SMALL, SMALL, 5, 6]
    assert shown_count(None) is None


def test_a_rate_over_fewer_than_five_people_is_hidden():
    assert shown_rate(1, 4) == SMALL
    assert shown_rate(2, 5) == 40.0
    assert shown_rate(0, 0) is None


def test_a_class_of_three_shows_less_than_five_in_every_people_cell(personas):
    tiny = SchoolClass.objects.create(year=personas.year, grade=2, name="2C")
    for n in range(3):
        pupil = make_user(f"tiny{n}", f"Bé {n}", Role.PUPIL)
        parent = make_user(f"tinyp{n}", f"Mẹ bé {n}", Role.PARENT)
        Enrolment.objects.create(pupil=pupil, school_class=tiny)
        Guardianship.objects.create(parent=parent, pupil=pupil)
    period = periods.build(
        periods.CUSTOM, year=personas.year, start=date(2026, 9, 5), end=date(2026, 12, 31)
    )
    report = figures.build_report(period)
    by_class = next(
        t for s in report["sections"] for t in s["tables"] if t["key"] == "announcements_by_class"
    )
    row = next(r for r in by_class["rows"] if r[0] == "2C")
    kinds = [c["kind"] for c in by_class["columns"]]
    assert row[kinds.index("people")] == SMALL  # families with an account
    assert row[-1] == SMALL  # families who never logged in
    lessons = next(
        t for s in report["sections"] for t in s["tables"] if t["key"] == "lessons_by_class"
    )
    assert next(r for r in lessons["rows"] if r[0] == "2C")[1] == SMALL
