"""The quiz a pupil does on a phone, and writing its questions.

Both modes are plain forms that work without JavaScript:

- all at once, on the lesson page (lessons.views.lesson_detail / quiz_submit): a
  failed submit keeps every choice; with htmx, each change is saved as a draft
  (quiz_save) so a reload keeps it; step up/down buttons post to quiz_save too;
- one question per screen (quiz_step): "Kiểm tra" checks the answer, shows the
  explanation and locks it; "Câu tiếp" goes on; quiz_finish sends the draft.
  With htmx the step card is swapped in place (the same page, rendered as a partial).

Every submission goes through services.submit_attempt with the page's one-time
token: a second POST of the same page shows the first result, never a second attempt.
"""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import signed_in

from . import access, assignment_views, quiz, selectors, services
from .forms import QuestionForm
from .models import Lesson, Question

_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,43}")
_RANGE = re.compile(r"bytes=([0-9]{0,15})-([0-9]{0,15})")  # 15 digits: no int() of thousands


def posted_token(request: HttpRequest, draft: quiz.Draft) -> str:
    """The page's token, or the draft's when the page sent none (or junk)."""
    token = request.POST.get("token", "")
    return token if _TOKEN.fullmatch(token) else draft.token


def _quiz_url(lesson: Lesson, number: int) -> str:
    return reverse("lessons:quiz_step", kwargs={"slug": lesson.slug, "number": number})


# --- all at once (the lesson page) ---------------------------------------------------------


def _all_at_once(
    request: HttpRequest, lesson: Lesson, items: list[quiz.Item], token: str, status: int = 200
) -> HttpResponse:
    sections = selectors.sections_for_reading(lesson)
    context = {
        "lesson": lesson,
        "sections": sections,
        "items": items,
        "token": token,
        "can_take_quiz": access.can_take_quiz(request.user),
        "can_edit": access.can_edit(request.user, lesson),
    }
    # Assignments: the reading progress of each section, and why the quiz is closed.
    context.update(assignment_views.reading_context(request.user, lesson, sections))
    return render(request, "lessons/lesson_detail.html", context, status=status)


def lesson_page(request: HttpRequest, lesson: Lesson, status: int = 200) -> HttpResponse:
    """The lesson and its quiz, with the pupil's draft answers (fetched with a read check)."""
    questions = selectors.quiz_questions(lesson)
    draft = quiz.prune(quiz.load_draft(request.session, lesson), questions)
    if access.can_take_quiz(request.user) and questions:
        quiz.save_draft(request.session, lesson, draft)  # the token and shuffles stay on reload
    items = quiz.make_items(questions, draft)
    return _all_at_once(request, lesson, items, draft.token, status=status)


def _submit(
    request: HttpRequest, lesson: Lesson, answers: dict[int, list[int]], token: str
) -> HttpResponse:
    """Store the attempt (or find the one this token already stored) and show its result.
    Raises ValidationError when the service refuses the answers; nothing is stored then."""
    try:
        attempt = services.submit_attempt(
            lesson=lesson, pupil=signed_in(request.user), answers=answers, token=token
        )
    except services.AlreadySubmitted as done:
        attempt = done.attempt
        messages.info(request, _("Em đã nộp bài này rồi. Đây là kết quả của lần nộp đó."))
    quiz.discard_draft(request.session, lesson)
    return redirect("lessons:attempt_result", slug=lesson.slug, pk=attempt.pk)


def submit_all(request: HttpRequest, lesson: Lesson) -> HttpResponse:
    """Grade the all-at-once page, or show each missing or refused answer beside its
    question with every other choice kept (and kept in the draft for a reload)."""
    questions = selectors.quiz_questions(lesson)
    draft = quiz.prune(quiz.load_draft(request.session, lesson), questions)
    token = posted_token(request, draft)
    reading = quiz.read_page(questions, request.POST, draft)
    if quiz.foreign_questions(questions, request.POST):
        messages.error(request, _("Bài làm có câu hỏi không thuộc bài học này."))
        return _all_at_once(request, lesson, reading.items, draft.token, status=400)
    quiz.keep_in_draft(draft, questions, reading.answers)
    quiz.save_draft(request.session, lesson, draft)
    if not reading.has_errors or token != draft.token:
        # A page of an earlier try may already be stored: the service says so first.
        try:
            return _submit(request, lesson, reading.answers, token)
        except ValidationError as error:
            if not reading.has_errors:
                messages.error(request, " ".join(error.messages))
                return _all_at_once(request, lesson, reading.items, draft.token, status=400)
    messages.warning(
        request, _("Em xem lại các câu còn thiếu nhé, các câu đã chọn vẫn giữ nguyên.")
    )
    return _all_at_once(request, lesson, reading.items, draft.token, status=400)


def _apply_move(request: HttpRequest, items: list[quiz.Item], draft: quiz.Draft) -> int | None:
    """Move the step a move button names; the number of its question, None for no move."""
    move = quiz.parse_move(request.POST.get("move", ""))
    if move is None:
        return None
    question_id, step_id, up = move
    for item in items:
        if item.question.pk == question_id and not item.checked:
            if not quiz.move_step(item, step_id, up):
                raise Http404
            draft.answers[str(question_id)] = item.chosen
            return item.number
    raise Http404


@require_POST
def quiz_save(request: HttpRequest, slug: str) -> HttpResponse:
    """Keep what the pupil chose so far (htmx on each change) or move a step (a button)."""
    lesson = access.get_lesson_for_reader(request.user, slug)
    if not access.can_take_quiz(request.user):
        raise PermissionDenied
    questions = selectors.quiz_questions(lesson)
    draft = quiz.prune(quiz.load_draft(request.session, lesson), questions)
    reading = quiz.read_page(questions, request.POST, draft)
    quiz.keep_in_draft(draft, questions, reading.answers)
    moved = _apply_move(request, reading.items, draft)
    quiz.save_draft(request.session, lesson, draft)
    if request.headers.get("HX-Request") == "true" and moved is None:
        return HttpResponse(status=204)
    if moved is None:
        messages.success(request, _("Đã lưu các câu em chọn. Em làm tiếp lúc nào cũng được."))
    anchor = f"#cau-{moved}" if moved else "#quiz-heading"
    return redirect(lesson.get_absolute_url() + anchor)


# --- one question per screen -----------------------------------------------------------------


def _step_context(
    lesson: Lesson, questions: list[Question], item: quiz.Item, draft: quiz.Draft
) -> dict:
    return {
        "lesson": lesson,
        "item": item,
        "total": len(questions),
        "token": draft.token,
        "previous_url": _quiz_url(lesson, item.number - 1) if item.number > 1 else "",
        "next_url": _quiz_url(lesson, item.number + 1) if item.number < len(questions) else "",
        "all_checked": all(draft.is_checked(q) for q in questions),
    }


def _render_step(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        # htmx swaps only 2xx answers: the card with the pupil's message is one.
        response = render(request, "lessons/quiz_step.html#step", context)
        response["HX-Push-Url"] = request.get_full_path()
        return response
    return render(request, "lessons/quiz_step.html", context, status=status)


def quiz_step(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Question `number`: GET shows it; POST checks it ("check"), moves a step ("move")
    or goes back keeping the choice ("back")."""
    lesson = access.get_lesson_for_reader(request.user, slug)
    if not access.can_take_quiz(request.user):
        raise PermissionDenied
    questions = selectors.quiz_questions(lesson)
    if not 1 <= number <= len(questions):
        raise Http404
    question = questions[number - 1]
    draft = quiz.prune(quiz.load_draft(request.session, lesson), questions)
    item = quiz.make_item(number, question, draft)
    if request.method == "POST":
        if not item.checked:  # a checked answer stays as it was checked
            item, error = _post_step(request, item, draft)
            quiz.save_draft(request.session, lesson, draft)
            if error:
                item.error = error
                return _render_step(request, _step_context(lesson, questions, item, draft), 400)
        if "back" in request.POST and number > 1:
            return redirect(_quiz_url(lesson, number - 1))
        return redirect(_quiz_url(lesson, number))
    quiz.save_draft(request.session, lesson, draft)
    return _render_step(request, _step_context(lesson, questions, item, draft))


def _post_step(request: HttpRequest, item: quiz.Item, draft: quiz.Draft) -> tuple[quiz.Item, str]:
    """Keep the posted answer of an unchecked question in the draft, then move a step or
    check it. Returns the question as it now stands and the message to show ("" if none)."""
    question = item.question
    try:
        chosen = quiz.read_answer(question, request.POST)
    except ValidationError as invalid:
        return item, invalid.messages[0]
    if chosen:
        item = quiz.make_item(item.number, question, draft, chosen)
        draft.answers[str(question.pk)] = item.chosen
    if _apply_move(request, [item], draft) is None and "check" in request.POST:
        try:
            draft.answers[str(question.pk)] = quiz.check_answer(question, chosen)
        except ValidationError as invalid:
            return item, invalid.messages[0]
        draft.checked.append(str(question.pk))
    return item, ""


@require_POST
def quiz_finish(request: HttpRequest, slug: str) -> HttpResponse:
    """Send the one-question-per-screen draft; an unanswered question sends the pupil back to it."""
    lesson = access.get_lesson_for_reader(request.user, slug)
    if not access.can_take_quiz(request.user):
        raise PermissionDenied
    questions = selectors.quiz_questions(lesson)
    draft = quiz.prune(quiz.load_draft(request.session, lesson), questions)
    answers = {q.pk: draft.answer(q) for q in questions if draft.answer(q)}
    try:
        return _submit(request, lesson, answers, posted_token(request, draft))
    except ValidationError as error:
        missing = next((n for n, q in enumerate(questions, 1) if not draft.answer(q)), None)
        if missing is None:
            messages.error(request, " ".join(error.messages))
            return redirect(lesson.get_absolute_url())
        messages.warning(
            request, _("Em còn câu %(n)s chưa trả lời, em làm nốt nhé.") % {"n": missing}
        )
        return redirect(_quiz_url(lesson, missing))


# --- the question's recording and picture answers ------------------------------------------------


def _file_response(
    request: HttpRequest, file: FieldFile, content_type: str
) -> HttpResponse | FileResponse:
    """The file, or the one byte range asked for: Safari plays <audio> only from a
    server that answers ranges. Private: only after the caller's access check."""
    size = file.size
    match = _RANGE.fullmatch(request.headers.get("Range", "").strip())
    if match and (match[1] or match[2]):
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:  # the last N bytes
            start, end = max(size - int(match[2]), 0), size - 1
        if start > end or start >= size:
            refused = HttpResponse(status=416)
            refused["Content-Range"] = f"bytes */{size}"
            return refused
        with file.open("rb") as handle:
            handle.seek(start)
            part = handle.read(end - start + 1)
        response: HttpResponse | FileResponse = HttpResponse(
            part, status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(file.open("rb"), content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def question_audio(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    question = access.get_question_for_reader(request.user, pk)
    if not question.audio:
        raise Http404
    return _file_response(request, question.audio, question.audio_type or "audio/mpeg")


_PICTURE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def choice_image(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    choice = access.get_choice_for_reader(request.user, pk)
    if not choice.image:
        raise Http404
    extension = (choice.image.name or "").rsplit(".", 1)[-1].lower()
    return _file_response(request, choice.image, _PICTURE_TYPES.get(extension, "image/jpeg"))


# --- writing questions (staff who may edit the lesson) --------------------------------------------


def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = access.get_question_for_writer(request.user, pk)
    form = QuestionForm(
        request.POST or None,
        request.FILES or None,
        question=question,
        initial=QuestionForm.initial_for(question),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_question(
                question=question,
                by=access.require_writer(request.user),
                text=data["text"],
                explanation=data["explanation"],
                choices=form.choices(),
                statement_is_true=data["statement_is_true"],
                audio=data["audio"] or None,
                remove_audio=data["remove_audio"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu câu hỏi."))
            return redirect(
                reverse("lessons:lesson_edit", args=[question.lesson_id]) + "#questions-heading"
            )
    context = {"form": form, "lesson": question.lesson, "question": question}
    return render(request, "lessons/question_form.html", context)


@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = access.get_question_for_writer(request.user, pk)
    lesson_id = question.lesson_id
    services.delete_question(question=question, by=access.require_writer(request.user))
    messages.success(request, _("Đã xoá câu hỏi."))
    return redirect(reverse("lessons:lesson_edit", args=[lesson_id]) + "#questions-heading")


@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question = access.get_question_for_writer(request.user, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Không rõ chuyển câu hỏi lên hay xuống."))
    else:
        services.move_question(
            question=question, by=access.require_writer(request.user), up=direction == "up"
        )
    return redirect(
        reverse("lessons:lesson_edit", args=[question.lesson_id]) + "#questions-heading"
    )
