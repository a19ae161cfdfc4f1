"""Authoring lessons (staff): sections with their files, order, cover, revisions, preview;
and handing out a lesson's files to the people who may read it, in byte ranges."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from js_asset import Media

from lib.ranged import ranged_file_response

from . import access, authoring, quiz, selectors, services
from .forms import CoverForm, SectionForm, SectionMediaForm
from .models import Lesson, Section

# --- sections: text and files in one form ------------------------------------------------


def _editor_media(request: HttpRequest, form: forms.BaseForm) -> Media:
    return Media.from_media(form.media, nonce=str(get_nonce(request)))


def section_page(request: HttpRequest, *, lesson: Lesson, section: Section | None) -> HttpResponse:
    """Add a section (`section` None) or change one: title, text, video, poster, recording,
    worksheets. Every file is checked before anything is saved; on an error the title
    and text typed stay in the form."""
    writer = access.require_writer(request.user)
    if not access.can_edit(writer, lesson):
        raise PermissionDenied
    initial = {"title": section.title, "body": section.body} if section else None
    form = SectionForm(request.POST or None, initial=initial)
    media_form = SectionMediaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and all([form.is_valid(), media_form.is_valid()]):
        try:
            with transaction.atomic():
                if section is None:
                    saved = services.add_section(lesson=lesson, by=writer, **form.cleaned_data)
                else:
                    saved = services.update_section(section=section, by=writer, **form.cleaned_data)
                authoring.save_section_media(section=saved, by=writer, **media_form.cleaned_data)
        except ValidationError as error:
            media_form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu phần “%(title)s”.") % {"title": saved.title})
            return redirect("lessons:lesson_edit", pk=lesson.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "media_form": media_form,
        "lesson": lesson,
        "section": section,
        "worksheets": list(section.worksheets.all()) if section else [],
        "media": _editor_media(request, form),
    }
    return render(request, "lessons/section_form.html", context, status=status)


@require_POST
def section_delete(request: HttpRequest, pk: int) -> HttpResponse:
    section = access.get_section_for_writer(request.user, pk)
    authoring.delete_section(section=section, by=access.require_writer(request.user))
    messages.success(request, _("Đã xoá phần “%(title)s”.") % {"title": section.title})
    return redirect("lessons:lesson_edit", pk=section.lesson_id)


def _move(request: HttpRequest, pk: int, *, up: bool) -> HttpResponse:
    section = access.get_section_for_writer(request.user, pk)
    authoring.move_section(section=section, by=access.require_writer(request.user), up=up)
    edit_url = reverse("lessons:lesson_edit", kwargs={"pk": section.lesson_id})
    return redirect(f"{edit_url}#phan-{section.pk}")


@require_POST
def section_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, up=True)


@require_POST
def section_down(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, up=False)


@require_POST
def worksheet_delete(request: HttpRequest, pk: int) -> HttpResponse:
    worksheet = access.get_worksheet_for_writer(request.user, pk)
    authoring.delete_worksheet(worksheet=worksheet, by=access.require_writer(request.user))
    messages.success(request, _("Đã xoá phiếu học tập."))
    return redirect("lessons:section_edit", pk=worksheet.section_id)


# --- the lesson: cover, revisions, preview ---------------------------------------------------


def lesson_cover(request: HttpRequest, pk: int) -> HttpResponse:
    writer = access.require_writer(request.user)
    lesson = access.get_lesson_for_writer(writer, pk)
    if not access.can_edit(writer, lesson):
        raise PermissionDenied
    form = CoverForm(
        request.POST or None, request.FILES or None, initial={"cover_alt": lesson.cover_alt}
    )
    if request.method == "POST" and form.is_valid():
        try:
            authoring.set_cover(
                lesson=lesson,
                by=writer,
                upload=form.cleaned_data["cover"],
                alt=form.cleaned_data["cover_alt"],
                remove=form.cleaned_data["remove"],
            )
        except ValidationError as error:
            form.add_error("cover", error)
        else:
            messages.success(request, _("Đã lưu ảnh bìa."))
            return redirect("lessons:lesson_edit", pk=lesson.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "lessons/lesson_cover.html", {"form": form, "lesson": lesson}, status=status
    )


def lesson_revisions(request: HttpRequest, pk: int) -> HttpResponse:
    """The author and the editors see every save: who, when, the title and the sections."""
    lesson = access.get_lesson_for_writer(request.user, pk)
    revisions = lesson.revisions.select_related("author").order_by("-created_at", "-id")[:100]
    return render(
        request, "lessons/lesson_revisions.html", {"lesson": lesson, "revisions": revisions}
    )


def lesson_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The lesson exactly as a pupil reads it, marked as a preview; nobody answers the quiz."""
    lesson = access.get_lesson_for_preview(request.user, pk)
    context = {
        "lesson": lesson,
        "sections": selectors.sections_for_reading(lesson),
        # The questions as a pupil sees them, shuffled, with no draft kept.
        "items": quiz.make_items(selectors.quiz_questions(lesson), quiz.Draft(token="", seed=0)),
        "can_take_quiz": False,
        "can_edit": access.can_edit(request.user, lesson),
        "preview": True,
    }
    return render(request, "lessons/lesson_detail.html", context)


# --- files, for whoever may read the lesson ----------------------------------------------------

# A lesson's files change rarely, and only with a new upload; the browser keeps them an hour.
FILE_CACHE = "private, max-age=3600"


def _serve(
    request: HttpRequest,
    field: FieldFile,
    *,
    content_type: str,
    filename: str = "",
    as_attachment: bool = False,
) -> HttpResponse | StreamingHttpResponse:
    response = ranged_file_response(
        request,
        field.open("rb"),
        size=field.size,
        content_type=content_type,
        filename=filename,
        as_attachment=as_attachment,
    )
    response["Cache-Control"] = FILE_CACHE
    return response


def _picture_type(field: FieldFile) -> str:
    name = (field.name or "").lower()
    return {"png": "image/png", "webp": "image/webp"}.get(name.rsplit(".", 1)[-1], "image/jpeg")


def cover_file(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    """The cover; `?nho=1` its small copy for the lesson list."""
    lesson = access.get_lesson_for_files(request.user, pk)
    if not lesson.cover:
        raise Http404
    if request.GET.get("nho") and lesson.cover_thumb:
        return _serve(request, lesson.cover_thumb, content_type="image/webp")
    return _serve(request, lesson.cover, content_type=_picture_type(lesson.cover))


def section_video(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    section = access.get_section_for_files(request.user, pk)
    if not section.video:
        raise Http404
    return _serve(request, section.video, content_type=section.video_type)


def section_poster(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    section = access.get_section_for_files(request.user, pk)
    if not section.poster:
        raise Http404
    return _serve(request, section.poster, content_type=_picture_type(section.poster))


def section_audio(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    section = access.get_section_for_files(request.user, pk)
    if not section.audio:
        raise Http404
    return _serve(request, section.audio, content_type=section.audio_type)


def worksheet_file(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    worksheet = access.get_worksheet_for_reader(request.user, pk)
    return _serve(
        request,
        worksheet.file,
        content_type="application/pdf",
        filename=worksheet.name
        if worksheet.name.lower().endswith(".pdf")
        else f"{worksheet.name}.pdf",
        as_attachment=True,
    )
