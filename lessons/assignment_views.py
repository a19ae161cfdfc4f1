"""Assignments (issue 11): giving lessons, the pupil's "Bài học của em", reading one
section per screen, and the teacher's class page with its exports and "Nhắc"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import signed_in
from accounts.models import SchoolClass, User

from . import access, assignments, class_progress, progress, selectors
from .forms import AssignForm, DatesForm, RemindForm
from .models import Assignment, Audience, Lesson, Section, Status

# --- the pupil -------------------------------------------------------------------------------


def pupil_lessons(request: HttpRequest) -> HttpResponse:
    """ "Bài học của em": to do, overdue, upcoming and done, newest first."""
    pupil = signed_in(request.user)
    data = assignments.pupil_lessons(pupil)
    return render(request, "lessons/pupil_lessons.html", {"data": data, "now": timezone.now()})


def reading_context(user, lesson: Lesson, sections: "QuerySet[Section] | list[Section]") -> dict:
    """What the lesson page adds for a pupil: the parts read, the quiz's state. Two queries
    (progress, the lesson as given); none for anyone else."""
    if not getattr(user, "is_pupil", False):
        return {"one_by_one": False}
    now = timezone.now()
    given = assignments.given_lesson(user, lesson, now)
    found = assignments.progress_of(user, lesson)  # kept even for a lesson not given
    if given is not None:
        given.progress = found
    opened = set(found.opened_sections) if found is not None else set()
    numbered = list(enumerate(sections, start=1))
    next_number = next((n for n, s in numbered if s.pk not in opened), None)
    return {
        "one_by_one": True,
        "given": given,
        "given_state": given.state(now) if given else None,
        "quiz_refusal": assignments.refusal_for(given, now),
        "opened": opened,
        "numbered_sections": numbered,
        "next_number": next_number,
    }


def section_read(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One section per screen with previous/next; a pupil's first view of it is recorded."""
    lesson = access.get_lesson_for_reader(request.user, slug)
    sections = selectors.sections_for_reading(lesson)  # with their worksheets
    if not 1 <= number <= len(sections):
        raise Http404
    section = sections[number - 1]
    reader = request.user
    if isinstance(reader, User) and reader.is_pupil:
        known = assignments.progress_of(reader, lesson)
        if known is None or section.pk not in known.opened_sections:
            progress.record_section_opened(pupil=reader, section=section)
    return render(
        request,
        "lessons/section_read.html",
        {
            "lesson": lesson,
            "section": section,
            "number": number,
            "count": len(sections),
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < len(sections) else None,
        },
    )


# --- giving lessons -----------------------------------------------------------------------------


def assign(request: HttpRequest) -> HttpResponse:
    by = access.require_writer(request.user)
    choices = progress.audience_choices(by)
    if not choices:
        raise PermissionDenied(_("Thầy cô chưa chủ nhiệm lớp nào trong năm học này."))
    lessons = (
        Lesson.objects.published()
        .filter(audience=Audience.PUPILS)
        .order_by("min_grade", "title", "id")
    )
    form = AssignForm(
        request.POST or None,
        lessons=lessons,
        audience_choices=choices,
        initial={"lesson": request.GET.get("bai"), "opens_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = progress.assign_lesson(
                by=by,
                lesson=data["lesson"],
                audience=data["audience"],
                opens_at=progress.day_start(data["opens_on"]),
                due_at=progress.day_end(data["due_on"]) if data["due_on"] else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã giao bài “%(title)s”. Các em được báo khi bài mở.")
                % {"title": assignment.lesson.title},
            )
            if assignment.school_class_id:
                return redirect("lessons:class_progress", pk=assignment.school_class_id)
            return redirect("lessons:class_list")
    status = 400 if form.is_bound else 200
    return render(request, "lessons/assign_form.html", {"form": form}, status=status)


def assignment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the dates; a later (or no) due date reopens the lesson for late work."""
    by = access.require_writer(request.user)
    assignment = get_object_or_404(
        Assignment.objects.select_related("lesson", "school_class"), pk=pk
    )
    if not progress.may_manage(by, assignment):
        raise Http404
    local_due = timezone.localtime(assignment.due_at).date() if assignment.due_at else None
    form = DatesForm(
        request.POST or None,
        initial={
            "opens_on": timezone.localtime(assignment.opens_at).date(),
            "due_on": local_due,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            progress.change_dates(
                by=by,
                assignment=assignment,
                opens_at=progress.day_start(data["opens_on"]),
                due_at=progress.day_end(data["due_on"]) if data["due_on"] else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu ngày mở và hạn nộp."))
            if assignment.school_class_id:
                return redirect("lessons:class_progress", pk=assignment.school_class_id)
            return redirect("lessons:class_list")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "lessons/assignment_form.html",
        {"form": form, "assignment": assignment},
        status=status,
    )


# --- the class page -----------------------------------------------------------------------------


def _class_for_viewer(user, pk: int) -> SchoolClass:
    """Staff only (family: 403); a homeroom teacher their own class, editors and admins
    any class of the current year; another class is a 404."""
    access.require_writer(user)
    return get_object_or_404(class_progress.classes_for(user), pk=pk)


def class_list(request: HttpRequest) -> HttpResponse:
    user = access.require_writer(request.user)
    classes = list(class_progress.classes_for(user).order_by("grade", "name"))
    counts = class_progress.enrolment_counts(classes)
    return render(
        request,
        "lessons/class_list.html",
        {"classes": [(c, counts.get(c.pk, 0)) for c in classes]},
    )


def class_page(request: HttpRequest, pk: int) -> HttpResponse:
    school_class = _class_for_viewer(request.user, pk)
    grid = class_progress.class_grid(school_class)
    viewer = signed_in(request.user)
    for column in grid.columns:  # a homeroom teacher changes the class's own assignment
        column.editable = [
            a
            for a in column.given.assignments
            if progress.may_assign_widely(viewer) or a.school_class_id == school_class.pk
        ]
    return render(
        request,
        "lessons/class_progress.html",
        {"grid": grid, "remind_form": RemindForm(), "published": Status.PUBLISHED},
    )


def class_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    school_class = _class_for_viewer(request.user, pk)
    grid = class_progress.class_grid(school_class)
    name = f"tien-do-bai-hoc-{school_class.name}"
    if fmt == "csv":
        response = HttpResponse(
            class_progress.grid_csv(grid), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        class_progress.grid_xlsx(grid),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_POST
def class_remind(request: HttpRequest, pk: int) -> HttpResponse:
    school_class = _class_for_viewer(request.user, pk)
    form = RemindForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn bài cần nhắc."))
        return redirect("lessons:class_progress", pk=school_class.pk)
    lesson = Lesson.objects.filter(pk=form.cleaned_data["lesson"]).first()
    if lesson is None:
        raise Http404
    try:
        told = progress.remind_class(
            by=signed_in(request.user),
            school_class=school_class,
            lesson=lesson,
            with_parents=form.cleaned_data["with_parents"],
        )
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã nhắc %(n)s người chưa hoàn thành bài “%(title)s”. Lần nhắc tiếp theo: ngày mai.")
            % {"n": told, "title": lesson.title},
        )
    return redirect("lessons:class_progress", pk=school_class.pk)
