"""Staff training pages: "Bồi dưỡng của tôi", a module with its quiz and confirmation,
and the administrators' completion grid, confirmation list, reminders and certificates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services, training
from . import training_selectors as access
from .forms import QuizForm
from .models import Lesson

GRID_PEOPLE_PER_PAGE = 50
CONFIRMATIONS_PER_PAGE = 100


def my_training(request: HttpRequest) -> HttpResponse:
    person = access.require_trainee(request.user)
    modules = list(access.modules_for(person))
    for module in modules:  # complete: confirmed and, with a quiz, passed (annotated rows)
        module.completed = module.confirmed_at is not None and (  # type: ignore[attr-defined]
            not module.has_quiz or module.passed  # type: ignore[attr-defined]
        )
    return render(
        request,
        "lessons/training/my_training.html",
        {
            "modules": modules,
            "done": sum(1 for m in modules if m.completed),  # type: ignore[attr-defined,misc]
            "can_administer": access.can_administer_training(person),
        },
    )


def _module_page(
    request: HttpRequest, lesson: Lesson, form: QuizForm, status: int = 200
) -> HttpResponse:
    person = access.require_trainee(request.user)
    confirmation = lesson.confirmations.filter(person=person).first()
    passed = bool(form.questions) and access.has_passed(person, lesson)
    completed = confirmation is not None and (passed or not form.questions)
    # The last attempt with each question's explanation, until the module is complete.
    last = None if completed else lesson.attempts.filter(pupil=person).first()
    marked = services.mark(form.questions, last.answers) if last else []
    return render(
        request,
        "lessons/training/module_detail.html",
        {
            "lesson": lesson,
            "sections": lesson.sections.all(),
            "form": form,
            "confirmation": confirmation,
            "is_open": access.module_is_open_to(person, lesson),
            "last_attempt": last,
            "marked": marked,
            "passed": passed,
            "completed": completed,
            "pass_percent": access.PASS_PERCENT,
            "can_administer": access.can_administer_training(person),
        },
        status=status,
    )


def module_detail(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = access.get_module_for_trainee(request.user, slug)
    return _module_page(request, lesson, QuizForm(questions=selectors.quiz_questions(lesson)))


@require_POST
def module_quiz(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = access.get_module_for_trainee(request.user, slug)
    person = access.require_trainee(request.user)
    form = QuizForm(request.POST, questions=selectors.quiz_questions(lesson))
    if form.is_valid():
        try:
            attempt = training.submit_module_quiz(lesson=lesson, by=person, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Bạn trả lời đúng %(score)s/%(total)s câu.")
                % {"score": attempt.score, "total": attempt.total},
            )
            return redirect("lessons:module_detail", slug=lesson.slug)
    messages.warning(request, _("Hãy trả lời tất cả các câu; các câu đã chọn vẫn giữ nguyên."))
    return _module_page(request, lesson, form, status=400)


@require_POST
def module_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = access.get_module_for_trainee(request.user, slug)
    try:
        _confirmation, created = training.confirm_module(
            lesson=lesson, by=access.require_trainee(request.user)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(request, _("Đã ghi nhận: bạn đã đọc và hiểu mô-đun này."))
        else:
            messages.info(request, _("Bạn đã xác nhận mô-đun này trước đó."))
    return redirect("lessons:module_detail", slug=lesson.slug)


# --- administrators -----------------------------------------------------------------------


def training_grid(request: HttpRequest) -> HttpResponse:
    access.require_training_admin(request.user)
    modules = access.grid_modules()
    page = Paginator(access.grid_people(), GRID_PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    rows = access.completion_rows(list(page.object_list), modules)
    return render(
        request,
        "lessons/training/grid.html",
        {
            "modules": modules,
            "rows": rows,
            "page_obj": page,
            "regulation_published": any(m.starter_key == training.REGULATION_KEY for m in modules),
        },
    )


@require_POST
def publish_regulation(request: HttpRequest) -> HttpResponse:
    admin = access.require_training_admin(request.user)
    try:
        lesson = training.publish_team_regulation(by=admin)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("lessons:training_grid")
    messages.success(request, _("Đã đăng quy chế thành mô-đun bồi dưỡng cho cán bộ."))
    return redirect("lessons:module_confirmations", slug=lesson.slug)


def module_confirmations(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = access.get_module_for_admin(request.user, slug)
    page = Paginator(access.confirmations_of(lesson), CONFIRMATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "lessons/training/confirmations.html",
        {
            "lesson": lesson,
            "page_obj": page,
            "pending_staff": access.pending_staff(lesson),
            "counts": access.counts_for(lesson),
        },
    )


@require_POST
def module_remind(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = access.get_module_for_admin(request.user, slug)
    try:
        sent = training.remind_pending(
            lesson=lesson, by=access.require_training_admin(request.user)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã nhắc %(count)s người chưa hoàn thành.") % {"count": sent})
    return redirect("lessons:module_confirmations", slug=lesson.slug)


def certificate(request: HttpRequest, slug: str, person_pk: int) -> HttpResponse:
    """The A4 completion certificate: administrators for anyone, a person for themself."""
    user = request.user
    is_self = getattr(user, "pk", None) == person_pk and access.may_train(user)
    if not (is_self or access.can_administer_training(user)):
        raise Http404
    lesson = Lesson.objects.training().published().filter(slug=slug).first()
    if lesson is None:
        raise Http404
    confirmation = access.get_completion(lesson, person_pk)
    return render(
        request,
        "lessons/training/certificate.html",
        {"lesson": lesson, "confirmation": confirmation, "person": confirmation.person},
    )
