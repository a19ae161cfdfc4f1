"""Lessons: reading and the quiz (pupils, parents, staff); writing and reviewing (staff)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from js_asset import Media

from . import access, assignment_views, authoring_views, grading, quiz_views, selectors, services
from .forms import LessonForm, QuestionForm, ReturnForm
from .models import Lesson, Status

# --- reading and the quiz -------------------------------------------------------------


def lesson_list(request: HttpRequest) -> HttpResponse:
    lessons = selectors.lessons_for_list(request.user)
    return render(request, "lessons/lesson_list.html", {"lessons": lessons})


def lesson_detail(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = access.get_lesson_for_reader(request.user, slug)
    return quiz_views.lesson_page(request, lesson)


@require_POST
def quiz_submit(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = access.get_lesson_for_reader(request.user, slug)
    if not access.can_take_quiz(request.user):
        raise PermissionDenied
    if not access.can_take_quiz(request.user, lesson):  # not given, not open, or past due
        return quiz_views.lesson_page(request, lesson, status=400)  # the page says why
    return quiz_views.submit_all(request, lesson)


def attempt_result(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    attempt = access.get_attempt_for_pupil(request.user, slug, pk)
    questions = selectors.quiz_questions(attempt.lesson)
    marked = grading.mark(questions, attempt.answers)
    return render(
        request,
        "lessons/attempt_result.html",
        {"attempt": attempt, "lesson": attempt.lesson, "marked": marked},
    )


# --- writing (staff) and reviewing (editors) ---------------------------------------------


# Kept for the other writing pages; the section pages use authoring_views' own.
def _editor_media(request: HttpRequest, form: forms.BaseForm) -> Media:
    return Media.from_media(form.media, nonce=str(get_nonce(request)))


def my_lessons(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "is_pupil", False):
        return assignment_views.pupil_lessons(request)  # "Bài học của em"
    writer = access.require_writer(request.user)
    mine = Lesson.objects.filter(author=writer).order_by("-updated_at", "-id")
    to_review = (
        Lesson.objects.filter(status=Status.SUBMITTED).select_related("author")
        if writer.can_publish
        else Lesson.objects.none()
    )
    return render(request, "lessons/my_lessons.html", {"mine": mine, "to_review": to_review})


def lesson_add(request: HttpRequest) -> HttpResponse:
    writer = access.require_writer(request.user)
    form = LessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lesson = services.create_lesson(by=writer, **form.cleaned_data)
        return redirect("lessons:lesson_edit", pk=lesson.pk)
    return render(request, "lessons/lesson_form.html", {"form": form})


def lesson_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = access.get_lesson_for_writer(request.user, pk)
    if not access.can_edit(request.user, lesson):
        raise PermissionDenied
    form = LessonForm(request.POST or None, instance=lesson)
    if request.method == "POST" and form.is_valid():
        services.update_lesson(
            lesson=lesson, by=access.require_writer(request.user), **form.cleaned_data
        )
        messages.success(request, _("Đã lưu bài học."))
        return redirect("lessons:lesson_edit", pk=lesson.pk)
    context = {
        "form": form,
        "lesson": lesson,
        "sections": lesson.sections.all(),
        "questions": selectors.quiz_questions(lesson),
        "question_form": QuestionForm(),
        "return_form": ReturnForm(),
        "is_editor": access.is_editor(request.user),
    }
    return render(request, "lessons/lesson_form.html", context)


def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = access.get_lesson_for_writer(request.user, pk)
    return authoring_views.section_page(request, lesson=lesson, section=None)


def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = access.get_section_for_writer(request.user, pk)
    return authoring_views.section_page(request, lesson=section.lesson, section=section)


def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = access.get_lesson_for_writer(request.user, pk)
    if not access.can_edit(request.user, lesson):
        raise PermissionDenied
    form = QuestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_question(
                lesson=lesson,
                by=access.require_writer(request.user),
                kind=data["kind"],
                text=data["text"],
                explanation=data["explanation"],
                choices=form.choices(),
                statement_is_true=data["statement_is_true"],
                audio=data["audio"] or None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("lessons:lesson_edit", pk=lesson.pk)
    return render(request, "lessons/question_form.html", {"form": form, "lesson": lesson})


@require_POST
def lesson_submit(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = access.get_lesson_for_writer(request.user, pk)
    try:
        services.submit_lesson(lesson=lesson, by=access.require_writer(request.user))
        messages.success(request, _("Đã gửi bài học cho ban biên tập."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("lessons:my_lessons")


@require_POST
def lesson_publish(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_editor(request.user)
    lesson = access.get_lesson_for_writer(request.user, pk)
    try:
        services.publish_lesson(lesson=lesson, by=access.require_writer(request.user))
        messages.success(request, _("Đã xuất bản bài học."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("lessons:my_lessons")


@require_POST
def lesson_return(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_editor(request.user)
    lesson = access.get_lesson_for_writer(request.user, pk)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi lý do trả lại để tác giả sửa."), code="required")
        services.return_lesson(
            lesson=lesson, by=access.require_writer(request.user), **form.cleaned_data
        )
        messages.success(request, _("Đã trả lại bài học cho người soạn."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("lessons:my_lessons")
