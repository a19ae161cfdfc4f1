"""The period a report covers: a month, semester I or II, the school year, or any dates.

A period is a pair of local dates, both included; queries use the aware datetimes
[start 00:00, day after end 00:00) in the school's time zone.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SchoolYear

MONTH, SEMESTER_1, SEMESTER_2, YEAR, CUSTOM = "month", "hk1", "hk2", "year", "custom"


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # included
    label: str
    year_name: str = ""

    @property
    def start_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_at(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "label": self.label,
            "year_name": self.year_name,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Period":
        return cls(
            kind=data["kind"],
            start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]),
            label=data["label"],
            year_name=data.get("year_name", ""),
        )


def second_semester_start(year: SchoolYear) -> date:
    """Semester II begins on the school's chosen day, or on 15 January by default."""
    return year.second_semester_starts_on or date(year.starts_on.year + 1, 1, 15)


def month_of_year(year: SchoolYear, month: int) -> tuple[date, date]:
    """The month `month` inside the school year (September belongs to its first calendar
    year, January to the second)."""
    calendar_year = year.starts_on.year if month >= year.starts_on.month else year.ends_on.year
    first = date(calendar_year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def build(
    kind: str,
    *,
    year: SchoolYear | None,
    month: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Period:
    if kind == CUSTOM:
        assert start and end
        label = _("từ %(start)s đến %(end)s") % {
            "start": f"{start:%d/%m/%Y}",
            "end": f"{end:%d/%m/%Y}",
        }
        return Period(CUSTOM, start, end, label, year.name if year else "")
    assert year is not None
    if kind == MONTH:
        assert month
        first, last = month_of_year(year, month)
        label = _("tháng %(month)s năm học %(year)s") % {"month": f"{first:%m/%Y}", "year": year}
        return Period(MONTH, first, last, label, year.name)
    semester_two = second_semester_start(year)
    if kind == SEMESTER_1:
        label = _("học kỳ I năm học %(year)s") % {"year": year}
        return Period(
            SEMESTER_1, year.starts_on, semester_two - timedelta(days=1), label, year.name
        )
    if kind == SEMESTER_2:
        label = _("học kỳ II năm học %(year)s") % {"year": year}
        return Period(SEMESTER_2, semester_two, year.ends_on, label, year.name)
    label = _("năm học %(year)s") % {"year": year}
    return Period(YEAR, year.starts_on, year.ends_on, label, year.name)
