"""Private cases: questions and concerns from pupils and parents, and the school's answers."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.write_limits import limit_form_writes, writes_allowed

from .. import selectors, services
from ..access import (
    get_case_for,
    is_forum_moderator,
    may_open_case,
    may_reply_case,
    moderator_only,
    signed_in,
)
from ..forms import CaseForm, CaseManageForm, CaseReplyForm, CaseReportForm
from ..models import Case

# --- Private cases ----------------------------------------------------------------------


def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    cases = Case.objects.visible_to(user).select_related("author", "assigned_to")
    status = request.GET.get("status", "")
    if status:
        cases = cases.filter(status=status)
    if request.GET.get("overdue"):
        cases = cases.overdue()
    page = Paginator(cases.order_by("-updated_at", "-id"), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "forum/case_list.html",
        {
            "page": page,
            "status": status,
            "may_open": may_open_case(user),
            "query_string": query.urlencode(),
        },
    )


@limit_form_writes("forum.case_open")
def case_create(request: HttpRequest) -> HttpResponse:
    if not may_open_case(request.user):
        raise Http404
    form = CaseForm(request.POST or None, user=signed_in(request))
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        data = form.cleaned_data
        started = timezone.now()
        case = services.open_case(
            author=signed_in(request),
            kind=data["kind"],
            category=data["category"],
            title=data["title"],
            body=data["body"],
            hidden_from_guardians=data.get("hidden_from_guardians", False),
        )
        if selectors.alerted_since(request.user, started):
            return redirect("forum:support")
        messages.success(
            request,
            _("Thầy cô đã nhận được. Thầy cô sẽ trả lời em sớm.")
            if signed_in(request).is_pupil
            else _("Đã gửi. Nhà trường sẽ trả lời bạn sớm."),
        )
        return redirect(case)
    return render(request, "forum/case_form.html", {"form": form})


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request.user, pk)
    context: dict[str, object] = {
        "case": case,
        "case_messages": case.messages.select_related("author"),
        "reply_form": CaseReplyForm() if may_reply_case(request.user, case) else None,
    }
    if signed_in(request).is_school_staff:
        # Why the school follows this pupil, for the teacher and the team.
        context["signals"] = case.safety_signals.select_related("post").order_by("created_at")
    if is_forum_moderator(request.user):
        context["manage_form"] = CaseManageForm(
            initial={
                "assigned_to": case.assigned_to_id,
                "status": case.status,
                "due_on": case.due_on,
            }
        )
    return render(request, "forum/case_detail.html", context)


@require_POST
@limit_form_writes("forum.case_reply")
def case_reply(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request.user, pk)
    if not may_reply_case(request.user, case):
        raise Http404
    form = CaseReplyForm(request.POST)
    if form.is_valid() and writes_allowed(form):
        started = timezone.now()
        services.reply_case(case=case, by=signed_in(request), body=form.cleaned_data["body"])
        if selectors.alerted_since(request.user, started):
            return redirect("forum:support")
        messages.success(request, _("Đã gửi trả lời."))
        return redirect(case)
    return render(
        request,
        "forum/case_detail.html",
        {"case": case, "case_messages": case.messages.select_related("author"), "reply_form": form},
    )


@require_POST
@moderator_only
def case_manage(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request.user, pk)
    form = CaseManageForm(request.POST)
    if form.is_valid():
        services.manage_case(
            case=case,
            by=signed_in(request),
            assigned_to=form.cleaned_data["assigned_to"],
            status=form.cleaned_data["status"],
            due_on=form.cleaned_data["due_on"],
        )
        messages.success(request, _("Đã cập nhật."))
    else:
        problems = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join([_("Thông tin chưa hợp lệ."), *problems]))
    return redirect(case)


@moderator_only
def case_report(request: HttpRequest) -> HttpResponse:
    form = CaseReportForm(request.GET or None)
    today = timezone.localdate()
    start_day, end_day = today.replace(day=1), today
    if form.is_valid():
        start_day = form.cleaned_data["date_from"] or start_day
        end_day = form.cleaned_data["date_to"] or end_day
    tz = timezone.get_current_timezone()
    summary = selectors.case_summary(
        start=datetime.combine(start_day, time.min, tz),
        end=datetime.combine(end_day + timedelta(days=1), time.min, tz),
    )
    return render(
        request,
        "forum/case_report.html",
        {"form": form, "summary": summary, "start_day": start_day, "end_day": end_day},
    )
