"""The figures of the periodic report, computed with aggregate queries.

`build_report(period)` returns plain data (JSON-serialisable): sections, each with a
few sentences of prose and tables. Charts, the HTML page, the XLSX, CSV and Word files
are all drawn from that data, and an issued report stores it as it was (frozen).
The number of queries is fixed: nothing here runs a query per row, class or lesson.

Cells are numbers, None (no data) or "< 5" (the small-number rule, small_numbers.py),
applied here so that a small count is never stored.
"""

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, SchoolClass, SchoolYear, User
from announcements.models import Announcement, AnnouncementAudience, ReadReceipt
from forum.models import (
    OPEN_CASE_STATUSES,
    Case,
    CaseCategory,
    CaseKind,
    Post,
    PostStatus,
    Report,
    ReportReason,
    Sanction,
    SanctionKind,
    Topic,
)
from lessons.assignments import scope_for_class
from lessons.models import (
    Assignment,
    Attempt,
    Choice,
    Lesson,
    LessonProgress,
    Question,
    Status,
    TrainingConfirmation,
)
from lessons.training_selectors import passing_attempts
from portal.models import VisitDay

from .periods import Period
from .population import Population, parent_keys
from .small_numbers import shown_count, shown_rate

FORMAT_VERSION = 1
MOST_MISSED = 10
# A bar chart with more rows is unreadable on a phone (and costs a second of CPU to
# draw): a per-class table of a big school keeps its table, and the per-grade table
# above it carries the chart.
CHART_MAX_ROWS = 16

# Column kinds: text, int (a plain count), people (a count of pupils or families: the
# small-number rule applies), percent, hours, month (an ISO date of the month's first day).
Column = tuple[str, str]


def table(
    key: str,
    title: str,
    columns: list[Column],
    rows: list[list[Any]],
    *,
    chart: dict | None = None,
    note: str = "",
) -> dict:
    if chart and len(rows) > CHART_MAX_ROWS:
        chart = None
    return {
        "key": key,
        "title": str(title),
        "columns": [{"label": str(label), "kind": kind} for label, kind in columns],
        "rows": rows,
        "chart": chart,
        "note": str(note),
    }


def _hours(delta: timedelta | None) -> float | None:
    return None if delta is None else round(delta.total_seconds() / 3600, 1)


def _median_hours(deltas: list[timedelta]) -> float | None:
    if not deltas:
        return None
    return round(median(delta.total_seconds() for delta in deltas) / 3600, 1)


def _duration(end: str, start: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def school_year_for(period: Period) -> SchoolYear | None:
    """The school year whose classes the report counts: the one named by the period,
    else the one that holds the period's first day, else the current one."""
    if period.year_name:
        found = SchoolYear.objects.filter(name=period.year_name).first()
        if found:
            return found
    return (
        SchoolYear.objects.filter(starts_on__lte=period.end, ends_on__gte=period.start)
        .order_by("-starts_on")
        .first()
        or SchoolYear.objects.current()
    )


def build_report(period: Period, *, now: datetime | None = None) -> dict:
    """Every section's figures for `period`. A fixed number of queries (about 25)."""
    now = now or timezone.now()
    year = school_year_for(period)
    population = Population.load(year)
    return {
        "version": FORMAT_VERSION,
        "period": period.as_dict(),
        "generated_at": now.isoformat(),
        "sections": [
            lessons_section(period, population),
            staff_training_section(period, population),
            forum_section(period),
            cases_section(period, now),
            announcements_section(period, population, now),
            accounts_section(period),
        ],
    }


# --- Lessons --------------------------------------------------------------------------


def lesson_assignment_figures(period: Period, population: Population) -> list[dict] | None:
    """Assigned and completed lessons per class, from the lessons app's assignments.

    A lesson counts for a class when one of its assignments reaching the class (the
    class's, its grade's or the school's, lessons.assignments.scope_for_class) opens in
    the period and the lesson suits the class's grade. A pupil completed it when their
    LessonProgress has completed_at before the period's end. Per class: lessons
    assigned, completions (pupil × lesson), pupils who completed every lesson assigned
    (people) and the completion rate (completions out of pupils × lessons; "< 5" for a
    class of 1 to 4 pupils). Two queries whatever the sizes."""
    assigned = list(
        Assignment.objects.filter(
            lesson__status=Status.PUBLISHED,
            opens_at__gte=period.start_at,
            opens_at__lt=period.end_at,
        ).values_list("lesson_id", "audience", "lesson__min_grade", "lesson__max_grade")
    )
    lessons_by_class: dict[int, set[int]] = {}
    for info in population.classes:
        keys = set(scope_for_class(SchoolClass(pk=info.pk, grade=info.grade)).keys)
        lessons_by_class[info.pk] = {
            lesson_id
            for lesson_id, audience, low, high in assigned
            if audience in keys and low <= info.grade <= high
        }
    completed = set(
        LessonProgress.objects.filter(
            lesson_id__in={lesson_id for lesson_id, *_rest in assigned},
            completed_at__lt=period.end_at,
            pupil__enrolments__year__in=population.year_ids,
        ).values_list("pupil_id", "lesson_id")
    )
    class_of = {
        pupil: class_id
        for class_id, pupils in population.pupils_by_class.items()
        for pupil in pupils
    }
    done_by_pupil = Counter[int]()
    for pupil, lesson in completed:
        if lesson in lessons_by_class.get(class_of.get(pupil, 0), ()):
            done_by_pupil[pupil] += 1
    rows = []
    total_done = total_expected = given_classes = 0
    for info in population.classes:
        lessons = lessons_by_class[info.pk]
        pupils = population.pupils_by_class.get(info.pk, set())
        done = sum(done_by_pupil[pupil] for pupil in pupils)
        all_done = sum(1 for pupil in pupils if lessons and done_by_pupil[pupil] == len(lessons))
        expected = len(pupils) * len(lessons)
        small_class = 0 < len(pupils) < 5 and lessons
        rate = shown_rate(0, len(pupils)) if small_class else _percent(done, expected)
        rows.append([info.name, len(lessons), shown_count(done), shown_count(all_done), rate])
        total_done += done
        total_expected += expected
        given_classes += bool(lessons)
    assigned_table = table(
        "lessons_assigned_by_class",
        _("Bài được giao và hoàn thành theo lớp"),
        [
            (_("Lớp"), "text"),
            (_("Bài được giao"), "int"),
            (_("Lượt hoàn thành (học sinh × bài)"), "people"),
            (_("Số học sinh hoàn thành tất cả bài được giao"), "people"),
            (_("Tỉ lệ hoàn thành (%)"), "percent"),
        ],
        rows,
        chart={"type": "bar", "series": [4], "max": 100},
        note=_(
            "Bài được giao: bài có lượt giao cho lớp, khối hoặc toàn trường mở trong kỳ. "
            "Tỉ lệ hoàn thành: số lượt hoàn thành trên (sĩ số × số bài được giao)."
        ),
    )
    # For the prose: a school-wide share over many classes singles out nobody.
    assigned_table["totals"] = {
        "classes": given_classes,
        "rate": _percent(total_done, total_expected),
    }
    return [assigned_table]


def lessons_section(period: Period, population: Population) -> dict:
    in_period = Q(published_at__gte=period.start_at, published_at__lt=period.end_at)
    published_rows = list(
        Lesson.objects.published()
        .filter(published_at__lt=period.end_at)
        .annotate(new=Count("pk", filter=in_period))
        .values_list("min_grade", "max_grade", "new")
    )
    grades = sorted({info.grade for info in population.classes} | set(range(1, 6)))
    published_new = Counter[int]()
    available = Counter[int]()
    for low, high, new in published_rows:
        for grade in range(low, high + 1):
            available[grade] += 1
            published_new[grade] += new

    attempts_by_class = {
        row["school_class"]: row
        for row in Attempt.objects.filter(
            finished_at__gte=period.start_at,
            finished_at__lt=period.end_at,
            pupil__enrolments__year__in=population.year_ids,
        )
        .values(school_class=F("pupil__enrolments__school_class_id"))
        .annotate(
            attempts=Count("pk"),
            pupils=Count("pupil", distinct=True),
            score=Sum("score"),
            total=Sum("total"),
        )
    }
    class_rows = []
    by_grade: dict[int, dict[str, int]] = defaultdict(Counter)
    for info in population.classes:
        row: dict[str, Any] = dict(attempts_by_class.get(info.pk, {}))
        size = len(population.pupils_by_class.get(info.pk, ()))
        tried = row.get("pupils", 0)
        class_rows.append(
            [
                info.name,
                shown_count(size),
                row.get("attempts", 0),
                shown_count(tried),
                shown_rate(tried, size),
                _score(row.get("score"), row.get("total")),
            ]
        )
        grade_totals = by_grade[info.grade]
        grade_totals["size"] += size
        grade_totals["tried"] += tried
        grade_totals["attempts"] += row.get("attempts", 0)
        grade_totals["score"] += row.get("score") or 0
        grade_totals["total"] += row.get("total") or 0
    grade_rows = [
        [
            _("Khối %(grade)s") % {"grade": grade},
            published_new[grade],
            available[grade],
            by_grade[grade]["attempts"],
            shown_count(by_grade[grade]["tried"]),
            _score(by_grade[grade]["score"], by_grade[grade]["total"]),
        ]
        for grade in grades
    ]
    tables = [
        table(
            "lessons_by_grade",
            _("Bài học theo khối"),
            [
                (_("Khối"), "text"),
                (_("Bài học xuất bản trong kỳ"), "int"),
                (_("Bài học đang có"), "int"),
                (_("Lượt làm bài"), "int"),
                (_("Số học sinh đã làm bài"), "people"),
                (_("Điểm trung bình (%)"), "percent"),
            ],
            grade_rows,
            chart={"type": "bar", "series": [1, 3]},
        ),
        table(
            "lessons_by_class",
            _("Làm bài theo lớp"),
            [
                (_("Lớp"), "text"),
                (_("Sĩ số có tài khoản"), "people"),
                (_("Lượt làm bài"), "int"),
                (_("Số học sinh đã làm bài"), "people"),
                (_("Tỉ lệ học sinh đã làm bài (%)"), "percent"),
                (_("Điểm trung bình (%)"), "percent"),
            ],
            class_rows,
            chart={"type": "bar", "series": [4, 5], "max": 100},
        ),
    ]
    assigned = lesson_assignment_figures(period, population)
    if assigned is not None:
        tables.extend(assigned)
    tables.append(_most_missed(period))
    total_attempts = sum(by_grade[g]["attempts"] for g in by_grade)
    total_tried = sum(by_grade[g]["tried"] for g in by_grade)
    prose = [
        _(
            "Trong kỳ, nhà trường xuất bản %(new)s bài học an toàn trên mạng; học sinh "
            "làm %(attempts)s lượt bài kiểm tra, %(pupils)s học sinh đã làm ít nhất một bài."
        )
        % {
            "new": sum(new for _low, _high, new in published_rows),
            "attempts": total_attempts,
            "pupils": shown_count(total_tried),
        }
    ]
    if assigned:
        prose.append(
            _(
                "Trong kỳ, %(classes)s lớp được giao bài; tính chung các lớp đó, học sinh "
                "hoàn thành %(rate)s%% số bài được giao."
            )
            % {
                "classes": assigned[0]["totals"]["classes"],
                "rate": _format_hours(assigned[0]["totals"]["rate"]),
            }
        )
    return {
        "key": "lessons",
        "title": _("Bài học an toàn trên mạng"),
        "prose": prose,
        "tables": tables,
    }


def _score(score: int | None, total: int | None) -> float | None:
    return round(100 * score / total, 1) if score is not None and total else None


def _most_missed(period: Period) -> dict:
    attempts = Attempt.objects.filter(
        finished_at__gte=period.start_at, finished_at__lt=period.end_at
    )
    lessons = Lesson.objects.filter(pk__in=attempts.values("lesson_id"))
    correct: dict[int, set[int]] = defaultdict(set)
    for question_id, choice_id in Choice.objects.filter(
        is_correct=True, question__lesson__in=lessons
    ).values_list("question_id", "pk"):
        correct[question_id].add(choice_id)
    answered = Counter[int]()
    missed = Counter[int]()
    for answers in attempts.values_list("answers", flat=True):
        for question, chosen in (answers or {}).items():
            try:
                question_id = int(question)
                chosen_ids = {int(choice) for choice in (chosen or [])}
            except (TypeError, ValueError):
                continue
            answered[question_id] += 1
            if chosen_ids != correct.get(question_id, set()):
                missed[question_id] += 1
    worst = sorted(
        (q for q in answered if missed[q]),
        key=lambda q: (-missed[q] / answered[q], -missed[q], q),
    )[:MOST_MISSED]
    texts = {
        pk: (text, title)
        for pk, text, title in Question.objects.filter(pk__in=worst).values_list(
            "pk", "text", "lesson__title"
        )
    }
    rows = [
        [
            texts.get(q, ("", ""))[0][:200],
            texts.get(q, ("", ""))[1],
            shown_count(answered[q]),
            shown_count(missed[q]),
            shown_rate(missed[q], answered[q]),
        ]
        for q in worst
    ]
    return table(
        "most_missed",
        _("Câu hỏi học sinh trả lời sai nhiều nhất"),
        [
            (_("Câu hỏi"), "text"),
            (_("Bài học"), "text"),
            (_("Lượt trả lời"), "people"),
            (_("Lượt trả lời sai"), "people"),
            (_("Tỉ lệ sai (%)"), "percent"),
        ],
        rows,
    )


# --- Staff training ---------------------------------------------------------------------


def staff_training_figures(period: Period, population: Population) -> list[dict] | None:
    """Training modules and the share of staff who completed each by the period's end:
    published training modules (lessons.Audience STAFF and STAFF_AND_FAMILIES), staff
    who confirmed "đã đọc và hiểu" and, for a module with a quiz, passed it
    (lessons.training_selectors). Counts only, never names: the named list is the
    administrators' grid (lessons:training_grid). Parents who took a rules module are
    not counted here. Two queries; the active staff come from the population."""
    modules = list(
        Lesson.objects.training()
        .published()
        .filter(published_at__lt=period.end_at)
        .order_by("title", "id")
        .values_list("pk", "title")
    )
    completed = dict(
        TrainingConfirmation.objects.filter(
            lesson_id__in=[pk for pk, _title in modules],
            person_id__in=population.staff,
            confirmed_at__lt=period.end_at,
        )
        .filter(
            ~Exists(Question.objects.filter(lesson=OuterRef("lesson")))
            | Exists(passing_attempts().filter(pupil=OuterRef("person"), lesson=OuterRef("lesson")))
        )
        .values_list("lesson_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    staff = len(population.staff)
    rows = [
        [
            title,
            completed.get(pk, 0),
            staff - completed.get(pk, 0),
            _percent(completed.get(pk, 0), staff),
        ]
        for pk, title in modules
    ]
    return [
        table(
            "training_by_module",
            _("Hoàn thành bồi dưỡng theo mô-đun"),
            [
                (_("Mô-đun"), "text"),
                (_("Số cán bộ, giáo viên đã hoàn thành"), "int"),
                (_("Số chưa hoàn thành"), "int"),
                (_("Tỉ lệ hoàn thành (%)"), "percent"),
            ],
            rows,
            chart={"type": "bar", "series": [3], "max": 100},
            note=_(
                "Hoàn thành: đã xác nhận “đã đọc và hiểu” và, nếu mô-đun có bài kiểm tra, đã "
                "đạt. Tính trên %(staff)s cán bộ, giáo viên có tài khoản đang hoạt động."
            )
            % {"staff": staff},
        )
    ]


def staff_training_section(period: Period, population: Population) -> dict:
    tables = staff_training_figures(period, population) or []
    rows = tables[0]["rows"] if tables else []
    if rows:
        prose = [
            _(
                "Nhà trường có %(modules)s mô-đun bồi dưỡng; %(full)s mô-đun đã được toàn bộ "
                "%(staff)s cán bộ, giáo viên hoàn thành. Tỉ lệ hoàn thành thấp nhất là %(lowest)s%%."
            )
            % {
                "modules": len(rows),
                "full": sum(1 for row in rows if row[2] == 0),
                "staff": len(population.staff),
                "lowest": _format_hours(
                    min((row[3] for row in rows if row[3] is not None), default=None)
                ),
            }
        ]
    else:
        prose = [_("Trong kỳ chưa có mô-đun bồi dưỡng cán bộ, giáo viên nào được xuất bản.")]
    return {
        "key": "training",
        "title": _("Bồi dưỡng cán bộ, giáo viên"),
        "prose": prose,
        "tables": tables if rows else [],
    }


# --- Forum --------------------------------------------------------------------------------


def forum_section(period: Period) -> dict:
    window = {"created_at__gte": period.start_at, "created_at__lt": period.end_at}
    topics = Topic.objects.filter(**window).count()
    posts = Post.objects.filter(**window).aggregate(
        written=Count("pk"),
        reviewed=Count("pk", filter=Q(status=PostStatus.HELD) | Q(decided_at__isnull=False)),
        waiting=Count("pk", filter=Q(status=PostStatus.HELD)),
        rejected=Count("pk", filter=Q(status=PostStatus.REJECTED)),
        hidden=Count("pk", filter=Q(status=PostStatus.HIDDEN)),
    )
    reasons = dict(Report.objects.filter(**window).values_list("reason").annotate(n=Count("pk")))
    decision_times = list(
        Report.objects.filter(**window, resolved_at__isnull=False)
        .annotate(wait=_duration("resolved_at", "created_at"))
        .values_list("wait", flat=True)
    )
    sanctions = dict(
        Sanction.objects.filter(starts_at__gte=period.start_at, starts_at__lt=period.end_at)
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    activity = [
        [_("Chủ đề mới"), topics],
        [_("Bài viết"), posts["written"]],
        [_("Bài phải duyệt"), posts["reviewed"]],
        [_("Bài đang chờ duyệt"), posts["waiting"]],
        [_("Bài bị từ chối"), posts["rejected"]],
        [_("Bài bị ẩn"), posts["hidden"]],
    ]
    reason_rows = [[str(label), reasons.get(value, 0)] for value, label in ReportReason.choices]
    sanction_rows = [[str(label), sanctions.get(value, 0)] for value, label in SanctionKind.choices]
    median_decision = _median_hours(decision_times)
    prose = [
        _(
            "Học sinh mở %(topics)s chủ đề và viết %(posts)s bài trên diễn đàn; %(reviewed)s bài "
            "phải duyệt, %(rejected)s bài bị từ chối. Có %(reports)s báo cáo vi phạm; thời gian "
            "trung vị từ khi báo cáo đến khi xử lý là %(hours)s giờ."
        )
        % {
            "topics": topics,
            "posts": posts["written"],
            "reviewed": posts["reviewed"],
            "rejected": posts["rejected"],
            "reports": sum(reasons.values()),
            "hours": _format_hours(median_decision),
        }
    ]
    return {
        "key": "forum",
        "title": _("Diễn đàn học sinh"),
        "prose": prose,
        "tables": [
            table(
                "forum_activity",
                _("Hoạt động và kiểm duyệt"),
                [(_("Nội dung"), "text"), (_("Số lượng"), "int")],
                activity,
                chart={"type": "bar", "series": [1]},
            ),
            table(
                "forum_reports",
                _("Báo cáo vi phạm theo lý do"),
                [(_("Lý do"), "text"), (_("Số báo cáo"), "int")],
                reason_rows,
                chart={"type": "bar", "series": [1]},
                note=_("Thời gian trung vị từ báo cáo đến khi xử lý: %(hours)s giờ.")
                % {"hours": _format_hours(median_decision)},
            ),
            table(
                "forum_sanctions",
                _("Xử lý vi phạm"),
                [(_("Hình thức"), "text"), (_("Số lượt"), "int")],
                sanction_rows,
            ),
        ],
        "median_report_decision_hours": median_decision,
    }


def _format_hours(hours: float | None) -> str:
    return "—" if hours is None else f"{hours:.1f}".replace(".", ",")


# --- Cases --------------------------------------------------------------------------------


def cases_section(period: Period, now: datetime) -> dict:
    today = timezone.localdate(now)
    cases = Case.objects.filter(created_at__gte=period.start_at, created_at__lt=period.end_at)
    counts = {
        "opened": Count("pk"),
        "answered": Count("pk", filter=Q(first_answered_at__isnull=False)),
        "late": Count(
            "pk",
            filter=Q(first_answered_at__isnull=False, due_on__isnull=False)
            & Q(first_answered_at__date__gt=F("due_on")),
        ),
        "overdue": Count("pk", filter=Q(status__in=OPEN_CASE_STATUSES, due_on__lt=today)),
    }
    by_kind: dict[str, dict[str, Any]] = {
        row["kind"]: dict(row) for row in cases.values("kind").annotate(**counts)
    }
    by_category: dict[str, dict[str, Any]] = {
        row["category"]: dict(row) for row in cases.values("category").annotate(**counts)
    }
    waits: dict[str, list[timedelta]] = defaultdict(list)
    for kind, wait in (
        cases.filter(first_answered_at__isnull=False)
        .annotate(wait=_duration("first_answered_at", "created_at"))
        .values_list("kind", "wait")
    ):
        waits[kind].append(wait)
    every_wait = [w for kind_waits in waits.values() for w in kind_waits]

    def line(label: str, row: dict[str, Any], wait: float | None) -> list:
        return [
            label,
            row.get("opened", 0),
            row.get("answered", 0),
            row.get("late", 0),
            row.get("overdue", 0),
            wait,
        ]

    kind_rows = [
        line(str(label), by_kind.get(value, {}), _median_hours(waits.get(value, [])))
        for value, label in CaseKind.choices
    ]
    totals: dict[str, Any] = {
        key: sum(row.get(key, 0) for row in by_kind.values()) for key in counts
    }
    kind_rows.append(line(_("Tổng cộng"), totals, _median_hours(every_wait)))
    category_rows = [
        [
            str(label),
            by_category.get(value, {}).get("opened", 0),
            by_category.get(value, {}).get("answered", 0),
            by_category.get(value, {}).get("overdue", 0),
        ]
        for value, label in CaseCategory.choices
    ]
    prose = [
        _(
            "Nhà trường nhận %(opened)s câu hỏi, phản ánh, kiến nghị; đã trả lời %(answered)s "
            "(%(late)s trả lời quá hạn), thời gian trung vị đến lần trả lời đầu là %(hours)s giờ; "
            "%(overdue)s việc đang quá hạn."
        )
        % {**totals, "hours": _format_hours(_median_hours(every_wait))}
    ]
    columns: list[Column] = [
        (_("Số đã nhận"), "int"),
        (_("Đã trả lời"), "int"),
        (_("Trả lời quá hạn"), "int"),
        (_("Đang quá hạn"), "int"),
    ]
    return {
        "key": "cases",
        "title": _("Hỏi đáp, phản ánh, kiến nghị"),
        "prose": prose,
        "tables": [
            table(
                "cases_by_kind",
                _("Theo loại"),
                [(_("Loại"), "text"), *columns, (_("Trung vị đến lần trả lời đầu (giờ)"), "hours")],
                kind_rows,
                chart={"type": "bar", "series": [1, 2, 4], "skip_last_row": True},
            ),
            table(
                "cases_by_category",
                _("Theo lĩnh vực"),
                [(_("Lĩnh vực"), "text"), columns[0], columns[1], columns[3]],
                category_rows,
                chart={"type": "bar", "series": [1, 2]},
            ),
        ],
    }


# --- Announcements ------------------------------------------------------------------------


def announcements_section(period: Period, population: Population, now: datetime) -> dict:
    end = min(period.end_at, now)
    sent = dict(
        Announcement.objects.filter(
            publish_at__gte=period.start_at, publish_at__lt=end
        ).values_list("pk", "requires_confirmation")
    )
    keys: dict[int, set[str]] = defaultdict(set)
    for announcement_id, key in AnnouncementAudience.objects.filter(
        announcement__publish_at__gte=period.start_at, announcement__publish_at__lt=end
    ).values_list("announcement_id", "key"):
        keys[announcement_id].add(key)
    # Parents' receipts, each with the class of the child it counts for.
    read: dict[int, set[tuple[int, int]]] = defaultdict(set)
    confirmed: dict[int, set[tuple[int, int]]] = defaultdict(set)
    waits: dict[int, list[timedelta]] = defaultdict(list)
    year_ids = population.year_ids
    for announcement_id, user_id, class_id, confirmed_at, wait in (
        ReadReceipt.objects.filter(
            announcement__publish_at__gte=period.start_at,
            announcement__publish_at__lt=end,
            user__role=Role.PARENT,
            user__guardianships__pupil__enrolments__year__in=year_ids,
        )
        .annotate(wait=_duration("read_at", "announcement__publish_at"))
        .values_list(
            "announcement_id",
            "user_id",
            "user__guardianships__pupil__enrolments__school_class_id",
            "confirmed_at",
            "wait",
        )
    ):
        if (announcement_id, user_id) in read[class_id]:
            continue
        read[class_id].add((announcement_id, user_id))
        if confirmed_at is not None:
            confirmed[class_id].add((announcement_id, user_id))
        waits[class_id].append(max(wait, timedelta(0)))

    rows = []
    all_waits: list[timedelta] = []
    totals = Counter[str]()
    grades: dict[int, Counter[str]] = defaultdict(Counter)
    for info in population.classes:
        parents = population.parents_by_class.get(info.pk, set())
        families = population.families_by_class.get(info.pk, {})
        reaching = parent_keys(info)
        addressed = [pk for pk in sent if keys.get(pk, set()) & reaching]
        confirm = [pk for pk in addressed if sent[pk]]
        expected = len(parents) * len(addressed)
        expected_confirm = len(parents) * len(confirm)
        addressed_set, confirm_set = set(addressed), set(confirm)
        got_read = sum(1 for pk, _user in read[info.pk] if pk in addressed_set)
        got_confirm = sum(1 for pk, _user in confirmed[info.pk] if pk in confirm_set)
        never = sum(1 for logged_in in families.values() if not logged_in)
        all_waits += waits[info.pk]
        grades[info.grade].update(
            expected=expected, read=got_read, expected_confirm=expected_confirm,
            confirmed=got_confirm, families=len(families), parents=len(parents),
        )  # fmt: skip
        totals.update(
            expected=expected, read=got_read, expected_confirm=expected_confirm,
            confirmed=got_confirm, families=len(families), never=never,
        )  # fmt: skip
        rows.append(
            [
                info.name,
                shown_count(len(families)),
                len(addressed),
                _rate_of_parents(got_read, expected, len(parents)),
                _rate_of_parents(got_confirm, expected_confirm, len(parents)),
                _median_hours(waits[info.pk]) if len(parents) >= 5 else shown_rate(0, len(parents)),
                shown_count(never),
            ]
        )
    grade_rows = [
        [
            _("Khối %(grade)s") % {"grade": grade},
            shown_count(counts["families"]),
            _rate_of_parents(counts["read"], counts["expected"], counts["parents"]),
            _rate_of_parents(counts["confirmed"], counts["expected_confirm"], counts["parents"]),
        ]
        for grade, counts in sorted(grades.items())
    ]
    overall_read = _percent(totals["read"], totals["expected"])
    overall_confirm = _percent(totals["confirmed"], totals["expected_confirm"])
    prose = [
        _(
            "Nhà trường gửi %(sent)s thông báo (%(confirm)s thông báo yêu cầu xác nhận). "
            "Phụ huynh đã xem %(read)s%% lượt cần xem, đã xác nhận %(confirmed)s%% lượt cần xác "
            "nhận; thời gian trung vị đến khi xem là %(hours)s giờ. %(never)s gia đình chưa "
            "đăng nhập lần nào."
        )
        % {
            "sent": len(sent),
            "confirm": sum(1 for needs in sent.values() if needs),
            "read": _format_hours(overall_read),
            "confirmed": _format_hours(overall_confirm),
            "hours": _format_hours(_median_hours(all_waits)),
            "never": shown_count(totals["never"]),
        }
    ]
    return {
        "key": "announcements",
        "title": _("Thông báo tới gia đình"),
        "prose": prose,
        "tables": [
            table(
                "announcements_summary",
                _("Tổng hợp"),
                [(_("Chỉ số"), "text"), (_("Giá trị"), "percent")],
                [
                    [_("Thông báo đã gửi"), len(sent)],
                    [_("Thông báo yêu cầu xác nhận"), sum(1 for n in sent.values() if n)],
                    [_("Tỉ lệ đã xem (%)"), overall_read],
                    [_("Tỉ lệ đã xác nhận (%)"), overall_confirm],
                    [_("Trung vị thời gian đến khi xem (giờ)"), _median_hours(all_waits)],
                ],
            ),
            table(
                "announcements_by_grade",
                _("Theo khối"),
                [
                    (_("Khối"), "text"),
                    (_("Số gia đình có tài khoản"), "people"),
                    (_("Tỉ lệ đã xem (%)"), "percent"),
                    (_("Tỉ lệ đã xác nhận (%)"), "percent"),
                ],
                grade_rows,
                chart={"type": "bar", "series": [2, 3], "max": 100},
            ),
            table(
                "announcements_by_class",
                _("Theo lớp"),
                [
                    (_("Lớp"), "text"),
                    (_("Số gia đình có tài khoản"), "people"),
                    (_("Thông báo gửi tới lớp"), "int"),
                    (_("Tỉ lệ đã xem (%)"), "percent"),
                    (_("Tỉ lệ đã xác nhận (%)"), "percent"),
                    (_("Trung vị đến khi xem (giờ)"), "hours"),
                    (_("Gia đình chưa đăng nhập lần nào"), "people"),
                ],
                rows,
                chart={"type": "bar", "series": [3, 4], "max": 100},
            ),
        ],
    }


def _percent(part: int, base: int) -> float | None:
    return round(100 * part / base, 1) if base else None


def _rate_of_parents(part: int, expected: int, parents: int) -> float | str | None:
    """A class rate, hidden as "< 5" when fewer than 5 parents stand behind it."""
    if parents and parents < 5:
        return shown_rate(part, parents)
    return _percent(part, expected)


# --- Accounts and visits -------------------------------------------------------------------


def accounts_section(period: Period) -> dict:
    in_period = Q(last_login__gte=period.start_at, last_login__lt=period.end_at)
    aggregates: dict[str, Any] = {}
    for role in (Role.PUPIL, Role.PARENT, Role.STAFF):
        mine = Q(role=role)
        aggregates[f"{role}_active"] = Count("pk", filter=mine & Q(is_active=True))
        aggregates[f"{role}_used"] = Count(
            "pk", filter=mine & Q(is_active=True, last_login__isnull=False)
        )
        aggregates[f"{role}_recent"] = Count("pk", filter=mine & Q(is_active=True) & in_period)
        aggregates[f"{role}_locked"] = Count("pk", filter=mine & Q(is_active=False))
    counts = User.objects.aggregate(**aggregates)
    rows = []
    for value, label in Role.choices:
        # Staff are not pupils: their counts are shown whole.
        measures = [counts[f"{value}_{m}"] for m in ("active", "used", "recent", "locked")]
        shown = measures if value == Role.STAFF else [shown_count(n) for n in measures]
        rows.append([str(label), *shown])
    visits = [
        [month.isoformat(), total]
        for month, total in VisitDay.objects.filter(day__gte=period.start, day__lte=period.end)
        .annotate(month=TruncMonth("day"))
        .values_list("month")
        .annotate(total=Sum("visits"))
        .values_list("month", "total")
        .order_by("month")
    ]
    prose = [
        _(
            "Có %(pupils)s học sinh, %(parents)s phụ huynh và %(staff)s cán bộ, giáo viên có tài "
            "khoản đang hoạt động; %(recent)s người đăng nhập lần gần nhất trong kỳ. Cổng thông "
            "tin có %(visits)s lượt truy cập trong kỳ."
        )
        % {
            "pupils": shown_count(counts["pupil_active"]),
            "parents": shown_count(counts["parent_active"]),
            "staff": counts["staff_active"],
            "recent": sum(counts[f"{role}_recent"] for role in Role.values),
            "visits": sum(total for _month, total in visits),
        }
    ]
    return {
        "key": "accounts",
        "title": _("Tài khoản và lượt truy cập"),
        "prose": prose,
        "tables": [
            table(
                "accounts_by_role",
                _("Tài khoản theo vai trò"),
                [
                    (_("Vai trò"), "text"),
                    (_("Đang hoạt động"), "people"),
                    (_("Đã từng đăng nhập"), "people"),
                    (_("Đăng nhập trong kỳ"), "people"),
                    (_("Đã khoá"), "people"),
                ],
                rows,
                chart={"type": "bar", "series": [1, 3]},
                note=_("“Đăng nhập trong kỳ”: lần đăng nhập gần nhất nằm trong kỳ báo cáo."),
            ),
            table(
                "visits_by_month",
                _("Lượt truy cập theo tháng"),
                [(_("Tháng"), "month"), (_("Lượt truy cập"), "int")],
                visits,
                chart={"type": "line", "series": [1]},
            ),
        ],
    }
