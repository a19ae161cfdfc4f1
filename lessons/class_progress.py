"""The teacher's class page: pupils × given lessons, averages, the questions most often
got wrong; and the same grid as XLSX and CSV.

Apart from lessons/assignments.py because marking answers belongs to services.mark
(services imports assignments through access, so assignments cannot import services).
"""

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts.models import Enrolment, Role, SchoolClass, User
from lib.exports import safe_row
from lib.text import vi_name_key

from .assignments import Given, for_scope, merge, scope_for_class
from .models import Attempt, ClassReminder, Lesson, LessonProgress, Question
from .services import mark

# --- the teacher's grid -----------------------------------------------------------------


@dataclass
class Cell:
    state: str  # done | progress | none
    progress: LessonProgress | None
    sticker: str = ""  # the lesson's sticker, shown in a done cell (teachers may see it)


@dataclass
class LessonColumn:
    given: Given
    average: int | None = None  # the class's average best score, %, of those who tried
    done: int = 0
    reminded_today: bool = False
    editable: list = field(default_factory=list)  # the assignments the viewer may change


@dataclass
class Row:
    pupil: User
    cells: list[Cell]
    done: int


@dataclass
class WrongQuestion:
    lesson: Lesson
    question: Question
    wrong: int
    answered: int


@dataclass
class ClassGrid:
    school_class: SchoolClass
    pupils: list[User]
    columns: list[LessonColumn]
    rows: list[Row]
    wrong_questions: list[WrongQuestion]
    class_done: int


WRONG_QUESTIONS_SHOWN = 10


def class_grid(school_class: SchoolClass, now: datetime | None = None) -> ClassGrid:
    """Pupils (by given name, Vietnamese alphabet) × lessons given to the class (newest
    first), each pupil's state and best score, per-lesson averages, and the questions the
    class most often got wrong in each pupil's latest attempt (marked by services.mark).
    Seven queries whatever the size of the class: pupils, assignments+lessons, progress,
    today's reminders, latest attempts, questions, choices."""
    now = now or timezone.now()
    pupils = sorted(
        User.objects.filter(enrolments__school_class=school_class, role=Role.PUPIL, is_active=True),
        key=lambda u: (vi_name_key(u.full_name), u.pk),
    )
    given = merge(
        for_scope(scope_for_class(school_class))
        .select_related("lesson")
        .order_by("-opens_at", "-id"),
        now,
    )
    columns = [LessonColumn(given=g) for g in given.values()]
    progress = {
        (p.pupil_id, p.lesson_id): p
        for p in LessonProgress.objects.filter(pupil__in=pupils, lesson__in=list(given))
    }
    reminded = set(
        school_class_reminders(school_class, timezone.localdate(now)).values_list(
            "lesson_id", flat=True
        )
    )
    rows = []
    scores: dict[int, list[int]] = defaultdict(list)
    for pupil in pupils:
        cells = []
        for column in columns:
            p = progress.get((pupil.pk, column.given.lesson.pk))
            if p is not None and p.completed_at is not None:
                state = "done"
                column.done += 1
            elif p is not None and (p.attempts or p.opened_sections):
                state = "progress"
            else:
                state = "none"
            if p is not None and p.best_percent is not None:
                scores[column.given.lesson.pk].append(p.best_percent)
            cells.append(Cell(state=state, progress=p, sticker=column.given.lesson.sticker))
        rows.append(Row(pupil=pupil, cells=cells, done=sum(c.state == "done" for c in cells)))
    for column in columns:
        values = scores.get(column.given.lesson.pk)
        column.average = round(sum(values) / len(values)) if values else None
        column.reminded_today = column.given.lesson.pk in reminded
    latest_ids = [p.latest_attempt_id for p in progress.values() if p.latest_attempt_id]
    wrong = _most_often_wrong(latest_ids) if latest_ids else []
    return ClassGrid(
        school_class=school_class,
        pupils=pupils,
        columns=columns,
        rows=rows,
        wrong_questions=wrong,
        class_done=sum(column.done for column in columns),
    )


def school_class_reminders(school_class: SchoolClass, day) -> QuerySet[ClassReminder]:
    return ClassReminder.objects.filter(school_class=school_class, day=day)


def _most_often_wrong(attempt_ids: list[int]) -> list[WrongQuestion]:
    attempts = list(Attempt.objects.filter(pk__in=attempt_ids).only("lesson_id", "answers"))
    lesson_ids = {a.lesson_id for a in attempts}
    questions = list(
        Question.objects.filter(lesson__in=lesson_ids)
        .select_related("lesson")
        .prefetch_related("choices")
    )
    by_lesson: dict[int, list[Question]] = defaultdict(list)
    for question in questions:
        by_lesson[question.lesson_id].append(question)
    wrong: Counter[int] = Counter()
    answered: Counter[int] = Counter()
    for attempt in attempts:
        for marked in mark(by_lesson[attempt.lesson_id], attempt.answers):
            if str(marked.question.pk) not in attempt.answers:
                continue  # asked after this attempt was made
            answered[marked.question.pk] += 1
            if not marked.is_right:
                wrong[marked.question.pk] += 1
    by_id = {q.pk: q for q in questions}
    ranked = sorted(wrong, key=lambda pk: (-wrong[pk], by_id[pk].lesson_id, by_id[pk].position))
    return [
        WrongQuestion(
            lesson=by_id[pk].lesson, question=by_id[pk], wrong=wrong[pk], answered=answered[pk]
        )
        for pk in ranked[:WRONG_QUESTIONS_SHOWN]
    ]


def classes_for(user) -> QuerySet[SchoolClass]:
    """The classes of the current year whose grid `user` may see: editors and admins every
    class, a homeroom teacher their own, anyone else none."""
    classes = SchoolClass.objects.filter(year__is_current=True).select_related("homeroom_teacher")
    if not getattr(user, "is_school_staff", False) or not user.is_active:
        return classes.none()
    if user.can_publish or user.can_administer:
        return classes
    return classes.filter(homeroom_teacher=user)


def enrolment_counts(classes: Iterable[SchoolClass]) -> dict[int, int]:
    counts: Counter[int] = Counter(
        Enrolment.objects.filter(school_class__in=list(classes)).values_list(
            "school_class_id", flat=True
        )
    )
    return dict(counts)


# --- exports ----------------------------------------------------------------------------


def grid_table(grid: ClassGrid) -> list[list]:
    """The grid as rows of cells for a spreadsheet: numbers stay numbers (scores in %),
    text passes lib.exports.safe_row where it is written."""
    header: list = [_("STT"), _("Họ và tên")]
    for column in grid.columns:
        title = column.given.lesson.title
        header += [
            _("%(lesson)s – trạng thái") % {"lesson": title},
            _("%(lesson)s – điểm cao nhất (%%)") % {"lesson": title},
        ]
    header.append(_("Số bài hoàn thành"))
    rows: list[list] = [header]
    labels = {
        "done": _("Hoàn thành"),
        "progress": _("Đang làm"),
        "none": _("Chưa làm"),
    }
    for number, grid_row in enumerate(grid.rows, start=1):
        row: list = [number, grid_row.pupil.full_name]
        for cell in grid_row.cells:
            percent = cell.progress.best_percent if cell.progress is not None else None
            row += [labels[cell.state], percent]
        row.append(grid_row.done)
        rows.append(row)
    average_row: list = ["", _("Trung bình của lớp")]
    for column in grid.columns:
        average_row += [
            _("%(done)s/%(total)s hoàn thành") % {"done": column.done, "total": len(grid.pupils)},
            column.average,
        ]
    average_row.append(grid.class_done)
    rows.append(average_row)
    return rows


def grid_csv(grid: ClassGrid) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 with a byte order mark as UTF-8
    writer = csv.writer(out)
    for row in grid_table(grid):
        writer.writerow(safe_row(row))
    return out.getvalue()


def grid_xlsx(grid: ClassGrid) -> bytes:

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = grid.school_class.name[:31] or "Lop"
    for row in grid_table(grid):
        sheet.append(safe_row(row))
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 28
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
