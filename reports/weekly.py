"""The weekly class sheet (Bản tin tuần) for families without a phone: this week's
announcements for the class, the work calendar's events for families and the lessons
published for the grade, one A4 page per class. No pupil names.

A fixed number of queries however many classes are printed: the week's announcements
with their audiences (2), events (1), lessons (1).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts.models import SchoolClass
from announcements.models import Announcement, AnnouncementAudience
from lessons.models import Lesson
from lib.html import html_to_text
from portal.models import Event

KEY_LINES = 3
KEY_LINE_LENGTH = 160


@dataclass
class Notice:
    title: str
    published: datetime
    key_lines: list[str]
    priority: str


@dataclass
class ClassSheet:
    school_class: SchoolClass
    monday: date
    notices: list[Notice] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def family_keys(school_class: SchoolClass) -> set[str]:
    """Audience keys that reach a class's pupils or their parents."""
    grade, pk = school_class.grade, school_class.pk
    return {
        "public", "school", "school:parent", "school:pupil",
        f"grade:{grade}", f"grade:{grade}:parent", f"grade:{grade}:pupil",
        f"class:{pk}", f"class:{pk}:parent", f"class:{pk}:pupil",
    }  # fmt: skip


def key_lines(html: str) -> list[str]:
    """The first few lines of an announcement, shortened: what a parent must not miss."""
    lines = [line.strip() for line in html_to_text(html).splitlines() if line.strip()]
    return [
        line if len(line) <= KEY_LINE_LENGTH else line[: KEY_LINE_LENGTH - 1].rstrip() + "…"
        for line in lines[:KEY_LINES]
    ]


def sheets(
    classes: list[SchoolClass], monday: date, *, now: datetime | None = None
) -> list[ClassSheet]:
    now = now or timezone.now()
    start = timezone.make_aware(datetime.combine(monday, time.min))
    end = start + timedelta(days=7)
    announcements = list(
        Announcement.objects.filter(publish_at__gte=start, publish_at__lt=min(end, now))
        .order_by("publish_at", "pk")
        .prefetch_related(Prefetch("audiences", queryset=AnnouncementAudience.objects.only("announcement_id", "key")))
    )  # fmt: skip
    events = list(
        Event.objects.filter(staff_only=False).between(start, end).order_by("starts_at", "pk")
    )
    lessons = list(
        Lesson.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .filter(Q(published_at__lte=now))
        .order_by("min_grade", "title", "pk")
    )
    notices = [
        (set(a.audience_keys), Notice(a.title, a.publish_at, key_lines(a.body), a.priority))
        for a in announcements
    ]
    result = []
    for school_class in classes:
        keys = family_keys(school_class)
        result.append(
            ClassSheet(
                school_class=school_class,
                monday=monday,
                notices=[notice for audience, notice in notices if audience & keys],
                events=events,
                lessons=[
                    lesson for lesson in lessons
                    if lesson.min_grade <= school_class.grade <= lesson.max_grade
                ],
            )
        )  # fmt: skip
    return result
