"""Conversations between a family and the homeroom teacher, and absence notes.

Pupils get a 404 on every page (access.require_member). Views fetch with an
access check, validate, call a service, and redirect or render.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import classes_for_staff
from accounts.write_limits import limit_form_writes, writes_allowed
from lib.http import AuthenticatedHttpRequest

from . import access, selectors, services
from .forms import AbsenceForm, MessageForm, OfficeHoursForm, ReviewForm, StartForm
from .models import Conversation, Message

PAGE_SIZE = 25


def _errors(error: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _expectation_message(request: AuthenticatedHttpRequest, conversation: Conversation) -> None:
    """A parent writing outside the teacher's office hours learns when to expect an answer."""
    expectation = selectors.reply_expectation(conversation.school_class.homeroom_teacher_id)
    if expectation.inside or expectation.next_opening is None:
        messages.success(request, _("Đã gửi tin nhắn tới giáo viên chủ nhiệm."))
        return
    messages.info(
        request,
        _(
            "Đã gửi. Giáo viên tiếp phụ huynh %(days)s, %(start)s–%(end)s; "
            "bạn có thể nhận trả lời từ %(when)s."
        )
        % {
            "days": expectation.hours.day_names(),
            "start": expectation.hours.starts_at.strftime("%H:%M"),
            "end": expectation.hours.ends_at.strftime("%H:%M"),
            "when": formats.date_format(expectation.next_opening, "H:i l d/m/Y"),
        },
    )


# --- Lists --------------------------------------------------------------------------------


def conversation_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    access.require_member(user)
    if user.is_parent:
        conversations = selectors.with_unread(
            access.visible_conversations(user).select_related("pupil"), user
        ).order_by("-last_message_at", "-id")
        page = Paginator(conversations, PAGE_SIZE).get_page(request.GET.get("page"))
        children = list(access.children_of(user).order_by("full_name"))
        return render(
            request, "conversations/family_index.html", {"page": page, "children": children}
        )
    classes = classes_for_staff(user).order_by("grade", "name")
    return render(request, "conversations/staff_index.html", {"classes": classes})


def class_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The homeroom teacher's class page: today's absences first, then conversations."""
    school_class = access.get_class(request.user, pk)
    today = timezone.localdate()
    page = Paginator(selectors.class_queue(school_class.pk, request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "conversations/class_detail.html",
        {
            "school_class": school_class,
            "today": today,
            "absent_today": selectors.absences_on(school_class.pk, today),
            "pending": selectors.pending_notes(school_class.pk, today),
            "page": page,
            "pupils": selectors.class_pupils(school_class.pk),
            "is_teacher": school_class.homeroom_teacher_id == request.user.pk,
        },
    )


# --- One conversation -----------------------------------------------------------------------


@limit_form_writes("conversations.start")
def conversation_start(request: AuthenticatedHttpRequest, pupil_id: int) -> HttpResponse:
    pupil, enrolment = access.get_pupil_to_write_about(request.user, pupil_id)
    form = StartForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        data = form.cleaned_data
        try:
            conversation = services.start_conversation(
                by=request.user,
                pupil=pupil,
                subject=data["subject"],
                body=data["body"],
                files=data["files"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _errors(error))
        else:
            if request.user.is_parent:
                _expectation_message(request, conversation)
            else:
                messages.success(request, _("Đã gửi tin nhắn tới gia đình."))
            return redirect(conversation)
    teacher = enrolment.school_class.homeroom_teacher if enrolment else None
    return render(
        request,
        "conversations/start.html",
        {
            "form": form,
            "pupil": pupil,
            "teacher": teacher,
            "expectation": selectors.reply_expectation(teacher.pk if teacher else None)
            if request.user.is_parent
            else None,
        },
    )


def _detail_page(
    request: AuthenticatedHttpRequest,
    conversation: Conversation,
    side: str,
    form: MessageForm,
    status: int = 200,
) -> HttpResponse:
    reviews = list(conversation.reviews.order_by("created_at"))
    expectation = None
    if side == access.FAMILY:
        expectation = selectors.reply_expectation(conversation.school_class.homeroom_teacher_id)
    return render(
        request,
        "conversations/detail.html",
        {
            "conversation": conversation,
            "thread": selectors.thread(conversation),
            "side": side,
            "form": form,
            "reviews": reviews,
            "expectation": expectation,
            "withdraw_until": timezone.now() - services.WITHDRAW_WINDOW,
        },
        status=status,
    )


def conversation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation, side = access.get_conversation(request.user, pk)
    if side == access.REVIEWER:
        if not access.has_recent_review(request.user, conversation):
            return redirect("conversations:review", pk=conversation.pk)
        side = access.SCHOOL
    services.mark_read(by=request.user, conversation=conversation)
    return _detail_page(request, conversation, side, MessageForm())


@require_POST
@limit_form_writes("conversations.message")
def conversation_reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation, side = access.get_conversation(request.user, pk)
    if side == access.REVIEWER:
        if not access.has_recent_review(request.user, conversation):
            raise Http404
        side = access.SCHOOL
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid() and writes_allowed(form):
        try:
            services.post_message(
                by=request.user,
                conversation=conversation,
                body=form.cleaned_data["body"],
                files=form.cleaned_data["files"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _errors(error))
        else:
            if side == access.FAMILY:
                _expectation_message(request, conversation)
            return redirect(conversation)
    return _detail_page(request, conversation, side, form)


@require_POST
def message_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message.objects.only("pk", "conversation_id"), pk=pk)
    conversation, _side = access.get_conversation(request.user, message.conversation_id)
    if message.author_id != request.user.pk:
        raise Http404
    try:
        services.withdraw_message(by=request.user, message=message)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Đã thu hồi tin nhắn."))
    return redirect(conversation)


def attachment_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    attachment = access.get_attachment(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # Always a download: nothing uploaded renders on our origin.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.name,
        content_type="application/octet-stream",
    )


def conversation_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An administrator gives the complaint that requires reading a family's conversation."""
    conversation = access.get_conversation_for_admin(request.user, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.open_for_review(
                by=request.user, conversation=conversation, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _errors(error))
        else:
            return redirect(conversation)
    return render(
        request, "conversations/review.html", {"form": form, "conversation": conversation}
    )


def office_hours(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    access.require_member(user)
    if not user.is_school_staff:
        raise Http404
    current = selectors.office_hours_of(user.pk)
    form = OfficeHoursForm(
        request.POST or None,
        initial={
            "weekdays": current.days,
            "starts_at": current.starts_at,
            "ends_at": current.ends_at,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_office_hours(by=user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("Đã lưu giờ tiếp phụ huynh."))
            return redirect("conversations:office_hours")
    return render(request, "conversations/office_hours.html", {"form": form})


# --- Absence notes ------------------------------------------------------------------------


def absence_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    access.require_member(user)
    if not user.is_parent:
        raise Http404
    notes = access.family_notes(user).select_related("pupil", "acknowledged_by")
    page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
    children = list(access.children_of(user).order_by("full_name"))
    return render(request, "conversations/absence_list.html", {"page": page, "children": children})


@limit_form_writes("conversations.absence")
def absence_create(request: AuthenticatedHttpRequest, pupil_id: int) -> HttpResponse:
    if not request.user.is_parent:
        raise Http404
    pupil, _enrolment = access.get_pupil_to_write_about(request.user, pupil_id)
    form = AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        try:
            services.submit_absence(by=request.user, pupil=pupil, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(
                request, _("Đã gửi giấy xin phép. Giáo viên chủ nhiệm đã được báo ngay.")
            )
            return redirect("conversations:absence_list")
    return render(request, "conversations/absence_form.html", {"form": form, "pupil": pupil})


@require_POST
def absence_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    note = access.get_note_to_acknowledge(request.user, pk)
    try:
        services.acknowledge_absence(by=request.user, note=note)
    except PermissionDenied as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Đã báo gia đình: giáo viên đã nhận giấy xin phép."))
    return redirect("conversations:class_detail", pk=note.school_class_id)


def _day_param(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else default
    except ValueError:
        return default


def _month_param(value: str | None, default: date) -> date:
    try:
        if value and len(value) == 7:
            return date.fromisoformat(f"{value}-01")
    except ValueError:
        pass
    return default.replace(day=1)


def absence_day(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    school_class = access.get_class(request.user, pk)
    day = _day_param(request.GET.get("ngay"), timezone.localdate())
    return render(
        request,
        "conversations/absence_day_print.html",
        {
            "school_class": school_class,
            "day": day,
            "notes": selectors.absences_on(school_class.pk, day),
            "now": timezone.now(),
        },
    )


def absence_month(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    school_class = access.get_class(request.user, pk)
    first = _month_param(request.GET.get("thang"), timezone.localdate())
    days = selectors.month_days(first)
    notes = selectors.absences_between(school_class.pk, days[0], days[-1])
    return render(
        request,
        "conversations/absence_month_print.html",
        {
            "school_class": school_class,
            "first": first,
            "days": days,
            "rows": selectors.class_month_grid(notes, days),
            "now": timezone.now(),
        },
    )


def absence_school(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_member(request.user)
    if not request.user.can_administer:
        raise Http404
    first = _month_param(request.GET.get("thang"), timezone.localdate())
    days = selectors.month_days(first)
    return render(
        request,
        "conversations/absence_school.html",
        {
            "first": first,
            "counts": selectors.school_counts(days[0], days[-1]),
            "today": timezone.localdate(),
        },
    )
