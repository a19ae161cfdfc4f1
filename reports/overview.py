"""The admin overview: the few numbers that need someone to act, each with where to act
and how it went over the last 8 weeks. A fixed number of queries (about 14)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEntry, Enrolment, Role, SchoolClass, SchoolYear, User
from announcements.models import Announcement, AnnouncementAudience, ReadReceipt
from forum.models import OPEN_CASE_STATUSES, Case, Post, PostStatus
from lessons.assignments import merge, scope_for_class
from lessons.models import (
    Assignment,
    Lesson,
    LessonProgress,
    Question,
    Status,
    TrainingConfirmation,
)
from lessons.training_selectors import passing_attempts
from lib.backup_archives import archive_time
from notifications.models import Delivery
from portal import backups

from .population import Population

WEEKS = 8
READ_DAYS = 3
READ_THRESHOLD = 0.5


@dataclass
class Item:
    key: str
    label: str
    value: int | str | None
    url: str = ""
    detail: str = ""
    trend: list[int] = field(default_factory=list)
    trend_label: str = ""
    needs_action: bool = False

    @property
    def sparkline_points(self) -> str:
        """The trend as SVG polyline points in a 80×20 box (drawn by the template)."""
        if not self.trend:
            return ""
        top = max(self.trend) or 1
        step = 80 / max(len(self.trend) - 1, 1)
        return " ".join(
            f"{i * step:.1f},{18 - 16 * value / top:.1f}" for i, value in enumerate(self.trend)
        )


def week_starts(now: datetime) -> list[datetime]:
    """The starts of the last 8 weeks (Monday 00:00 local), oldest first, and the end."""
    today = timezone.localdate(now)
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=WEEKS - 1 - n) for n in range(WEEKS)]
    aware = [timezone.make_aware(datetime.combine(day, datetime.min.time())) for day in starts]
    return [*aware, aware[-1] + timedelta(weeks=1)]


def _weekly(field_name: str, bounds: list[datetime]) -> dict:
    """Aggregates counting rows whose `field_name` falls in each week: w0 … w7."""
    return {
        f"w{n}": Count("pk", filter=Q(**{f"{field_name}__gte": bounds[n], f"{field_name}__lt": bounds[n + 1]}))
        for n in range(WEEKS)
    }  # fmt: skip


def _trend(row: dict) -> list[int]:
    return [row[f"w{n}"] for n in range(WEEKS)]


def _age(since: datetime | None, now: datetime) -> str:
    if since is None:
        return ""
    hours = int((now - since).total_seconds() // 3600)
    if hours < 48:
        return _("%(n)s giờ") % {"n": hours}
    return _("%(n)s ngày") % {"n": hours // 24}


def overview(now: datetime | None = None) -> list[Item]:
    now = now or timezone.now()
    bounds = week_starts(now)
    return [
        _review_queue(now, bounds),
        _overdue_cases(now, bounds),
        _unread_announcements(now, bounds),
        _failed_deliveries(now, bounds),
        _backup_age(now, bounds),
        *_accounts(now, bounds),
        *_lessons_overdue_items(now),
        *_staff_training_items(),
    ]


def _review_queue(now: datetime, bounds: list[datetime]) -> Item:
    row = Post.objects.aggregate(
        waiting=Count("pk", filter=Q(status=PostStatus.HELD)),
        **_weekly("queued_at", bounds),
    )
    oldest = (
        Post.objects.filter(status=PostStatus.HELD)
        .order_by(F("queued_at").asc(nulls_last=True), "created_at")
        .values_list("queued_at", "created_at")
        .first()
    )
    since = (oldest[0] or oldest[1]) if oldest else None
    return Item(
        "review", _("Bài đang chờ duyệt"), row["waiting"], reverse("forum:queue"),
        _("bài cũ nhất chờ %(age)s") % {"age": _age(since, now)} if since else "",
        _trend(row), _("bài vào hàng đợi mỗi tuần"), row["waiting"] > 0,
    )  # fmt: skip


def _overdue_cases(now: datetime, bounds: list[datetime]) -> Item:
    today = timezone.localdate(now)
    late = Q(status__in=OPEN_CASE_STATUSES) | Q(first_answered_at__date__gt=F("due_on"))
    weekly = {
        f"w{n}": Count("pk", filter=late & Q(due_on__gte=bounds[n].date(), due_on__lt=bounds[n + 1].date()))
        for n in range(WEEKS)
    }  # fmt: skip
    row = Case.objects.aggregate(
        overdue=Count("pk", filter=Q(status__in=OPEN_CASE_STATUSES, due_on__lt=today)), **weekly
    )
    return Item(
        "cases", _("Hỏi đáp, phản ánh quá hạn"), row["overdue"], reverse("forum:case_list"), "",
        _trend(row), _("việc đến hạn mà chưa trả lời đúng hạn, mỗi tuần"), row["overdue"] > 0,
    )  # fmt: skip


def _unread_announcements(now: datetime, bounds: list[datetime]) -> Item:
    """Announcements published at least 3 days ago (in the 8 weeks shown) that fewer than
    half of the people they are for have opened. Receipts are counted per announcement
    in one query; the audiences are resolved in memory (reports.population)."""
    cutoff = now - timedelta(days=READ_DAYS)
    window = Announcement.objects.filter(publish_at__gte=bounds[0], publish_at__lte=cutoff).filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=cutoff)
    )
    published = dict(window.values_list("pk", "publish_at"))
    keys: dict[int, set[str]] = {}
    for announcement_id, key in AnnouncementAudience.objects.filter(
        announcement__in=window
    ).values_list("announcement_id", "key"):
        keys.setdefault(announcement_id, set()).add(key)
    reads = dict(
        ReadReceipt.objects.filter(announcement__in=window)
        .exclude(user=F("announcement__author"))
        .values_list("announcement_id")
        .annotate(n=Count("pk"))
    )
    population = Population.load(SchoolYear.objects.current())
    low = []
    for pk, publish_at in published.items():
        expected = len(population.recipients(keys.get(pk, set())))
        if expected and reads.get(pk, 0) < READ_THRESHOLD * expected:
            low.append(publish_at)
    trend = [sum(1 for at in low if bounds[n] <= at < bounds[n + 1]) for n in range(WEEKS)]
    return Item(
        "unread", _("Thông báo dưới 50% người nhận đã xem sau 3 ngày"), len(low),
        reverse("announcements:sent"), "", trend, _("theo tuần đăng"), bool(low),
    )  # fmt: skip


def _failed_deliveries(now: datetime, bounds: list[datetime]) -> Item:
    row = Delivery.objects.filter(status=Delivery.Status.FAILED).aggregate(
        recent=Count("pk", filter=Q(claimed_at__gte=now - timedelta(days=7))),
        **_weekly("claimed_at", bounds),
    )
    return Item(
        "deliveries", _("E-mail gửi lỗi trong 7 ngày"), row["recent"],
        reverse("admin:notifications_delivery_changelist") + "?status__exact=failed", "",
        _trend(row), _("lượt gửi lỗi mỗi tuần"), row["recent"] > 0,
    )  # fmt: skip


def backup_times(directory) -> list[datetime]:
    """When each kept archive was made (plain or encrypted), from its name."""
    return sorted(made for path in backups.list_backups(directory) if (made := archive_time(path)))


def _backup_age(now: datetime, bounds: list[datetime]) -> Item:
    try:
        made = backup_times(Path(settings.BACKUP_DIR))
    except OSError:
        made = []
    latest = made[-1] if made else None
    too_old = latest is None or now - latest > timedelta(hours=settings.DOCTOR_BACKUP_MAX_AGE_HOURS)
    trend = [sum(1 for at in made if bounds[n] <= at < bounds[n + 1]) for n in range(WEEKS)]
    return Item(
        "backup", _("Bản sao lưu gần nhất"), _age(latest, now) if latest else _("chưa có"), "",
        _("manage.py backup tạo bản sao lưu; xem docs/") if too_old else "", trend,
        _("bản sao lưu mỗi tuần"), too_old,
    )  # fmt: skip


def _accounts(now: datetime, bounds: list[datetime]) -> list[Item]:
    row = User.objects.aggregate(
        locked=Count("pk", filter=Q(is_active=False)),
        never=Count("pk", filter=Q(is_active=True, last_login__isnull=True)),
        **{
            f"n{n}": Count("pk", filter=Q(is_active=True, last_login__isnull=True, date_joined__gte=bounds[n], date_joined__lt=bounds[n + 1]))
            for n in range(WEEKS)
        },
    )  # fmt: skip
    locks = AuditEntry.objects.filter(action="account.deactivate").aggregate(
        **_weekly("created_at", bounds)
    )
    user_list = reverse("accounts:user_list")
    return [
        Item(
            "locked", _("Tài khoản đang khoá"), row["locked"], f"{user_list}?active=0", "",
            _trend(locks), _("tài khoản bị khoá mỗi tuần"), False,
        ),
        Item(
            "never", _("Tài khoản chưa đăng nhập lần nào"), row["never"], f"{user_list}?active=1", "",
            [row[f"n{n}"] for n in range(WEEKS)], _("tài khoản mới chưa dùng, theo tuần tạo"),
            row["never"] > 0,
        ),
    ]  # fmt: skip


def lessons_overdue_per_class(now: datetime | None = None) -> list[tuple[str, int]] | None:
    """Per class of the current school year (grade, name order; classes with none left
    out): how many lessons given to the class are past their due date while at least
    one of its pupils has not completed them. A count of lessons (class × lesson), not
    of pupils: what a teacher acts on is a lesson (the class reminder), and no pupil
    count is shown. Assignments merge as the pupils see them (lessons.assignments.merge:
    the latest deadline of those opened; one without a deadline wins). Only deadlines
    since the school year's first day count. Three queries."""
    now = now or timezone.now()
    pupils: dict[int, set[int]] = defaultdict(set)
    classes: dict[int, tuple[str, int]] = {}
    year_start = None
    for class_id, name, grade, pupil_id, starts_on in Enrolment.objects.filter(
        year__is_current=True, pupil__is_active=True, pupil__role=Role.PUPIL
    ).values_list(
        "school_class_id",
        "school_class__name",
        "school_class__grade",
        "pupil_id",
        "year__starts_on",
    ):
        pupils[class_id].add(pupil_id)
        classes[class_id] = (name, grade)
        year_start = starts_on
    if year_start is None:
        return []
    since = timezone.make_aware(datetime.combine(year_start, datetime.min.time()))
    due_lessons = Assignment.objects.filter(due_at__lte=now, due_at__gte=since).values("lesson_id")
    assignments = list(
        Assignment.objects.filter(lesson_id__in=due_lessons, lesson__status=Status.PUBLISHED)
        .select_related("lesson")
        .only("lesson_id", "audience", "opens_at", "due_at", "created_at", "lesson__min_grade",
              "lesson__max_grade", "lesson__status")
    )  # fmt: skip
    overdue_by_class: dict[int, set[int]] = {}
    for class_id, (_name, grade) in classes.items():
        scope = scope_for_class(SchoolClass(pk=class_id, grade=grade))
        mine = [
            a
            for a in assignments
            if a.audience in scope.keys and a.lesson.min_grade <= grade <= a.lesson.max_grade
        ]
        overdue_by_class[class_id] = {
            lesson_id
            for lesson_id, given in merge(mine, now).items()
            if given.due_at is not None and since <= given.due_at <= now
        }
    completed: dict[int, set[int]] = defaultdict(set)
    for pupil_id, lesson_id in LessonProgress.objects.filter(
        lesson_id__in={pk for lessons in overdue_by_class.values() for pk in lessons},
        completed_at__isnull=False,
        pupil__enrolments__year__is_current=True,
    ).values_list("pupil_id", "lesson_id"):
        completed[lesson_id].add(pupil_id)
    found = []
    for class_id, (name, _grade) in sorted(
        classes.items(), key=lambda item: (item[1][1], item[1][0])
    ):
        late = sum(
            1 for lesson in overdue_by_class[class_id] if not pupils[class_id] <= completed[lesson]
        )
        if late:
            found.append((name, late))
    return found


def staff_training_not_completed() -> int | None:
    """Active staff who have not completed every published training module (confirmed
    and, for a module with a quiz, passed: lessons.training_selectors). Two queries."""
    modules = list(Lesson.objects.training().published().values_list("pk", flat=True))
    staff = User.objects.filter(is_active=True, role=Role.STAFF)
    completed_all = (
        TrainingConfirmation.objects.filter(lesson_id__in=modules, person__in=staff)
        .filter(
            ~Exists(Question.objects.filter(lesson=OuterRef("lesson")))
            | Exists(passing_attempts().filter(pupil=OuterRef("person"), lesson=OuterRef("lesson")))
        )
        .values("person")
        .annotate(n=Count("lesson", distinct=True))
        .filter(n=len(modules))
        .values("person")
    )
    return staff.exclude(pk__in=completed_all).count() if modules else 0


def _lessons_overdue_items(now: datetime) -> list[Item]:
    overdue = lessons_overdue_per_class(now)
    if overdue is None:
        return []
    worst = sorted(overdue, key=lambda item: -item[1])[:3]
    detail = ", ".join(f"{name}: {n}" for name, n in worst)
    return [
        Item(
            "lessons", _("Bài học quá hạn chưa hoàn thành"), sum(n for _name, n in overdue),
            reverse("lessons:class_list"),
            _("ở %(classes)s lớp; nhiều nhất %(worst)s") % {"classes": len(overdue), "worst": detail}
            if overdue else "",
            needs_action=bool(overdue),
        )
    ]  # fmt: skip


def _staff_training_items() -> list[Item]:
    missing = staff_training_not_completed()
    if missing is None:
        return []
    return [
        Item(
            "training", _("Cán bộ chưa hoàn thành bồi dưỡng"), missing,
            reverse("lessons:training_grid"), _("chưa hoàn thành đủ các mô-đun đã xuất bản"),
            needs_action=missing > 0,
        )
    ]  # fmt: skip
