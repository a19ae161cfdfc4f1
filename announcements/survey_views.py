"""Pages of forms ("phiếu"): writing one, answering it, its results, reminders and export."""

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts import audiences
from accounts.access import signed_in
from accounts.models import Role
from lib.exports import safe_row
from lib.params import positive_id

from . import access, surveys
from .models import Announcement, QuestionKind, Survey
from .survey_forms import (
    DeadlineForm,
    QuestionFormSet,
    StandaloneSurveyForm,
    SurveyAnswerForm,
    SurveySettingsForm,
    question_specs,
)
from .survey_results import answer_view, empty_cells, local_naive, results_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _error_text(error: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _parent_choices(user) -> list[tuple[str, str]]:
    """The audiences `user` may address that include parents (a form is answered by them)."""
    return [
        (key, label)
        for key, label in access.addressable_choices(user)
        if audiences.parse(key).role in (None, Role.PARENT)
    ]


def _survey_editor(request: HttpRequest, *, announcement: Announcement | None) -> HttpResponse:
    """Write a form: attached to `announcement`, or sent alone (None) with its own."""
    post = request.POST if request.method == "POST" else None
    standalone = None
    if announcement is None:
        choices = _parent_choices(request.user)
        if not choices:
            raise Http404
        standalone = StandaloneSurveyForm(post, audience_choices=choices)
    settings_form = SurveySettingsForm(post)
    questions = QuestionFormSet(post, prefix="cau")
    if post is not None:
        valid = all(
            [settings_form.is_valid(), questions.is_valid()]
            + ([standalone.is_valid()] if standalone else [])
        )
        specs = question_specs(questions) if valid else []
        if valid and not specs:
            settings_form.add_error(None, _("Hãy viết ít nhất một câu hỏi."))
        elif valid:
            by = signed_in(request.user)
            common = {
                "by": by,
                "questions": specs,
                "closes_at": settings_form.cleaned_data["closes_at"],
                "answer_per": settings_form.cleaned_data["answer_per"],
            }
            try:
                if standalone is not None:
                    data = standalone.cleaned_data
                    survey = surveys.send_survey(
                        title=data["title"],
                        body=linebreaks(escape(data["intro"])) if data["intro"] else "",
                        keys=data["audiences"],
                        **common,
                    )
                else:
                    assert announcement is not None
                    survey = surveys.attach_survey(announcement=announcement, **common)
            except (PermissionDenied, ValidationError) as error:
                settings_form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Đã gửi phiếu tới các gia đình."))
                return redirect("announcements:survey_results", pk=survey.pk)
    return render(
        request,
        "announcements/survey_form.html",
        {
            "announcement": announcement,
            "standalone": standalone,
            "settings_form": settings_form,
            "questions": questions,
        },
    )


def survey_create(request: HttpRequest) -> HttpResponse:
    return _survey_editor(request, announcement=None)


def survey_attach(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = access.get_managed(request.user, pk)
    if Survey.objects.filter(announcement=announcement).exists():
        messages.info(request, _("Thông báo này đã có phiếu."))
        return redirect("announcements:survey_results", pk=announcement.survey.pk)
    return _survey_editor(request, announcement=announcement)


def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for_reader(request.user, pk)
    parent = signed_in(request.user)
    children = surveys.children_for(parent, survey)
    if not children:
        raise Http404  # pupils, staff, and families the form does not reach
    wanted = positive_id(request.POST.get("hs") or request.GET.get("hs"))
    child = next((c for c in children if c.pk == wanted), None)
    if wanted is not None and child is None:
        raise Http404
    questions = list(survey.questions.prefetch_related("choices"))
    responses = surveys.responses_for(survey, children)
    if child is None:  # the first child still to answer for, else the first
        child = next((c for c in children if c.pk not in responses), children[0])
    response = responses.get(child.pk)
    is_open = survey.is_open()
    if request.method == "POST":
        form = SurveyAnswerForm(request.POST, questions=questions)
        if not is_open:
            form.is_valid()
            form.add_error(
                None,
                _("Đã hết hạn trả lời phiếu. Câu trả lời của bạn không thay đổi."),
            )
        elif form.is_valid():
            try:
                surveys.save_response(by=parent, survey=survey, pupil=child, values=form.values())
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error))
            else:
                url = survey.get_absolute_url()
                waiting = [c for c in children if c.pk not in responses and c.pk != child.pk]
                if survey.per_child and waiting:
                    # Straight on to the next child still to answer for: fewer taps.
                    messages.success(
                        request,
                        _("Đã lưu phiếu của em %(done)s. Mời trả lời tiếp cho em %(next)s.")
                        % {"done": child.full_name, "next": waiting[0].full_name},
                    )
                    return redirect(f"{url}?hs={waiting[0].pk}")
                messages.success(request, _("Đã lưu câu trả lời. Bạn có thể sửa đến hết hạn."))
                return redirect(f"{url}?hs={child.pk}" if survey.per_child else url)
    else:
        form = SurveyAnswerForm(
            initial=_initial(questions, response), questions=questions, signer_name=parent.full_name
        )
    answered = []
    if response is not None:
        answered = [
            (
                question,
                answer_view(
                    question, answer, _labels(questions), [c.pk for c in answer.choices.all()]
                ),
            )
            for question in questions
            for answer in response.answers.all()
            if answer.question_id == question.pk
        ]
    return render(
        request,
        "announcements/survey_answer.html",
        {
            "survey": survey,
            "announcement": survey.announcement,
            "children": children,
            "child": child,
            "responses": responses,
            "response": response,
            "answered": answered,
            "form": form,
            "is_open": is_open,
        },
    )


def _labels(questions) -> dict[int, str]:
    return {choice.pk: choice.label for q in questions for choice in q.choices.all()}


def _initial(questions, response) -> dict:
    """The stored answer as the form's initial values, so changing it starts from it."""
    if response is None:
        return {}
    initial: dict = {}
    by_question = {answer.question_id: answer for answer in response.answers.all()}
    for question in questions:
        answer = by_question.get(question.pk)
        if answer is None:
            continue
        name = f"q{question.pk}"
        chosen = [str(choice.pk) for choice in answer.choices.all()]
        if question.kind == QuestionKind.CHOICE:
            initial[name] = chosen[0] if chosen else None
        elif question.kind == QuestionKind.MULTIPLE:
            initial[name] = chosen
        elif question.kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
            initial[name] = None if answer.yes is None else ("yes" if answer.yes else "no")
            if question.kind == QuestionKind.CONSENT:
                initial[f"{name}_name"] = answer.signed_name
        elif question.kind == QuestionKind.NUMBER and answer.number is not None:
            initial[name] = f"{answer.number.normalize():f}".replace(".", ",")
        elif question.kind == QuestionKind.DATE:
            initial[name] = answer.date
        else:
            initial[name] = answer.text
    return initial


def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_managed(request.user, pk)
    class_id = positive_id(request.GET.get("lop"))
    results = results_for(survey, class_id=class_id)
    return render(
        request,
        "announcements/survey_results.html",
        {
            "survey": survey,
            "announcement": survey.announcement,
            "results": results,
            "class_id": class_id,
            "now": timezone.now(),
            "deadline_form": DeadlineForm(initial={"closes_at": survey.closes_at}),
        },
    )


def survey_pending_print(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_managed(request.user, pk)
    results = results_for(survey, class_id=positive_id(request.GET.get("lop")))
    return render(
        request,
        "announcements/survey_pending_print.html",
        {
            "survey": survey,
            "announcement": survey.announcement,
            "results": results,
            "now": timezone.now(),
        },
    )


@require_POST
def survey_remind(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_managed(request.user, pk)
    try:
        told = surveys.remind_pending(by=signed_in(request.user), survey=survey)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã nhắc %(n)s phụ huynh chưa trả lời phiếu.") % {"n": told})
    return redirect("announcements:survey_results", pk=survey.pk)


@require_POST
def survey_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_managed(request.user, pk)
    form = DeadlineForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("announcements:survey_results", pk=survey.pk)
    close_now = form.cleaned_data["close_now"]
    try:
        surveys.change_deadline(
            by=signed_in(request.user),
            survey=survey,
            closes_at=None if close_now else form.cleaned_data["closes_at"],
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã đóng phiếu.") if close_now else _("Đã đổi hạn trả lời."))
    return redirect("announcements:survey_results", pk=survey.pk)


def survey_export(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_managed(request.user, pk)
    results = results_for(survey)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Kết quả")[:31]
    header = [_("Lớp"), _("Học sinh"), _("Phụ huynh"), _("Người trả lời"), _("Trả lời lúc")]
    for question in results.questions:
        if question.kind == QuestionKind.CONSENT:
            header += [question.label, _("Họ tên người ký"), _("Ký lúc")]
        else:
            header.append(question.label)
    sheet.append(safe_row(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for group in results.classes:
        for row in group.rows:
            response = row.response
            values = [
                group.school_class.name,
                ", ".join(pupil.full_name for pupil in row.pupils),
                ", ".join(parent.full_name for parent in row.parents),
                response.answered_by.full_name if response else "",
                local_naive(response.updated_at) if response else None,
            ]
            for question, view in zip(results.questions, row.cells, strict=True):
                values += view.cells if view else empty_cells(question)
            sheet.append(safe_row(values))
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if hasattr(cell.value, "hour"):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif hasattr(cell.value, "day"):
                cell.number_format = "DD/MM/YYYY"
    buffer = BytesIO()
    book.save(buffer)
    download = HttpResponse(buffer.getvalue(), content_type=XLSX)
    download["Content-Disposition"] = f'attachment; filename="phieu-{survey.pk}.xlsx"'
    return download
